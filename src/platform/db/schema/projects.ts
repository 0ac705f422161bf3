import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { ProjectStage, ProjectStatus } from "../../vocabulary.ts";
import { catalogueEntries } from "./catalogue.ts";
import { createdAt } from "./columns.ts";
import { organisations, policyDomains, users } from "./register.ts";

/**
 * A partner project: a provider (a province, an intermunicipal company, a host municipality) works with
 * participating organisations towards a goal, each participant on its own track (intake, analysis, draft, adopted).
 */
export const projects = pgTable(
  "projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => organisations.id),
    title: text("title").notNull(),
    goal: text("goal").notNull(),
    domainId: text("domain_id").references(() => policyDomains.id),
    status: text("status").$type<ProjectStatus>().notNull().default("planned"),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on"),
    /** The catalogue offer it grew out of, if any. */
    catalogueEntryId: uuid("catalogue_entry_id").references(() => catalogueEntries.id),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("projects_provider_idx").on(t.providerId, t.startsOn)],
);

/**
 * An organisation taking part in a project: entered by one side (it enrols, or the provider invites it) and
 * confirmed by the other, as memberships are. `stage` is where its own track stands.
 */
export const projectParticipants = pgTable(
  "project_participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    enteredByOrganisationId: uuid("entered_by_organisation_id").references(() => organisations.id),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    confirmedByOrganisationId: uuid("confirmed_by_organisation_id").references(() => organisations.id),
    stage: text("stage").$type<ProjectStage>().notNull().default("intake"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("project_participants_unique").on(t.projectId, t.organisationId),
    index("project_participants_organisation_idx").on(t.organisationId),
  ],
);

/** The history of a participant's track: each stage reached, when, with a note; never changed, only added to. */
export const participantSteps = pgTable(
  "participant_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    participantId: uuid("participant_id")
      .notNull()
      .references(() => projectParticipants.id),
    stage: text("stage").$type<ProjectStage>().notNull(),
    reachedOn: date("reached_on").notNull(),
    note: text("note"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("participant_steps_participant_idx").on(t.participantId, t.reachedOn)],
);

/** A milestone of a project: what is due when, and when it was done. */
export const projectMilestones = pgTable(
  "project_milestones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id),
    title: text("title").notNull(),
    dueOn: date("due_on").notNull(),
    doneOn: date("done_on"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("project_milestones_project_idx").on(t.projectId, t.dueOn)],
);
