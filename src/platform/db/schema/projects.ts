import { date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { DeploymentFeedKind, DeploymentStatus, ProjectStage, ProjectStatus, TeamRole } from "../../vocabulary.ts";
import { catalogueEntries, tickets } from "./catalogue.ts";
import { bytea, createdAt } from "./columns.ts";
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
    /** The front-office question it grew out of, if any. */
    ticketId: uuid("ticket_id").references(() => tickets.id),
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

/**
 * A deployment on site (inzet ter plaatse): one of the provider's staff works at an organisation on a day, from
 * one time to another, for a project or a dossier. Planned first; done (with the hours it took) or cancelled.
 */
export const deployments = pgTable(
  "deployments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => organisations.id),
    staffUserId: uuid("staff_user_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    projectId: uuid("project_id").references(() => projects.id),
    dossier: text("dossier"),
    day: date("day").notNull(),
    /** Wall-clock times in the organisation's own time zone, HH:MM. */
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
    status: text("status").$type<DeploymentStatus>().notNull().default("planned"),
    /** The minutes it took, once done; the planned span when not said. */
    doneMinutes: integer("done_minutes"),
    note: text("note"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("deployments_staff_day_idx").on(t.staffUserId, t.day),
    index("deployments_organisation_day_idx").on(t.organisationId, t.day),
    index("deployments_project_idx").on(t.projectId, t.day),
    index("deployments_provider_day_idx").on(t.providerId, t.day),
  ],
);

/** A staff member's leave: days on which no deployment should be planned. */
export const staffAbsences = pgTable(
  "staff_absences",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    providerId: uuid("provider_id")
      .notNull()
      .references(() => organisations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    fromDay: date("from_day").notNull(),
    toDay: date("to_day").notNull(),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [index("staff_absences_user_idx").on(t.userId, t.fromDay)],
);

/** A calendar feed for calendar apps: a staff member's, an organisation's or a project's deployments. */
export const deploymentFeeds = pgTable(
  "deployment_feeds",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: text("kind").$type<DeploymentFeedKind>().notNull(),
    subjectId: uuid("subject_id").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("deployment_feeds_subject_unique").on(t.userId, t.kind, t.subjectId)],
);

/**
 * A progress update on a project, by the provider's team or a participant (then about its own track), in
 * Markdown. Edits keep the earlier text as a revision.
 */
export const progressUpdates = pgTable(
  "progress_updates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id),
    participantId: uuid("participant_id").references(() => projectParticipants.id),
    authorOrganisationId: uuid("author_organisation_id")
      .notNull()
      .references(() => organisations.id),
    authorUserId: uuid("author_user_id").references(() => users.id),
    title: text("title").notNull(),
    body: text("body").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("progress_updates_project_idx").on(t.projectId, t.createdAt)],
);

/** An earlier text of a progress update, kept when it was edited. */
export const progressUpdateRevisions = pgTable(
  "progress_update_revisions",
  {
    updateId: uuid("update_id")
      .notNull()
      .references(() => progressUpdates.id),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    editedBy: uuid("edited_by").references(() => users.id),
    editedAt: timestamp("edited_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.updateId, t.version] })],
);

/** A document of a project, or of one participant's track (the plan it drafted, the decision that adopted it). */
export const projectDocuments = pgTable(
  "project_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id),
    participantId: uuid("participant_id").references(() => projectParticipants.id),
    title: text("title").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    data: bytea("data").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id),
    uploadedByOrganisationId: uuid("uploaded_by_organisation_id")
      .notNull()
      .references(() => organisations.id),
    createdAt: createdAt(),
  },
  (t) => [index("project_documents_project_idx").on(t.projectId, t.createdAt)],
);

/** The provider's team on a project: its lead and members, people of the provider. */
export const projectTeam = pgTable(
  "project_team",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => projects.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: text("role").$type<TeamRole>().notNull().default("member"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] })],
);

/** A day an organisation is closed besides weekends and public holidays (a bridge day, a local holiday). */
export const closingDays = pgTable(
  "closing_days",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    day: date("day").notNull(),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.day] })],
);
