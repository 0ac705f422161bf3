import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { OrganisationKind, ResponseStatus, SurveyKind, SurveyStatus } from "../../vocabulary.ts";
import { createdAt } from "./columns.ts";
import { organisations } from "./register.ts";

/** Who a survey asks, as filters over the register; each organisation that matches when it opens is invited. */
export interface SurveyAudience {
  kinds: OrganisationKind[];
  provinceIds: string[];
  /** Size classes by index into the survey's thresholds (an OCMW counts with its municipality's population). */
  sizeClasses: number[];
  collaborationIds: string[];
  /** Organisations added by hand. */
  organisationIds: string[];
}

/**
 * A survey of organisations (enquête): its definition in the SurveyJS JSON format, the audience it was sent to,
 * whether it promises anonymity, and the series it belongs to (waves of a yearly survey share question names).
 */
export const surveys = pgTable(
  "surveys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerOrganisationId: uuid("owner_organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: text("kind").$type<SurveyKind>().notNull().default("survey"),
    title: text("title").notNull(),
    description: text("description"),
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<SurveyStatus>().notNull().default("draft"),
    audience: jsonb("audience")
      .$type<SurveyAudience>()
      .notNull()
      .default({ kinds: [], provinceIds: [], sizeClasses: [], collaborationIds: [], organisationIds: [] }),
    /** Population thresholds that split organisations into size classes, ascending. */
    sizeThresholds: jsonb("size_thresholds").$type<number[]>().notNull().default([15_000, 50_000]),
    anonymous: boolean("anonymous").notNull().default(false),
    /** Segments with fewer answers than this are not shown. */
    minGroupSize: integer("min_group_size").notNull().default(5),
    deadline: date("deadline"),
    series: text("series"),
    wave: text("wave"),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    isDemo: boolean("is_demo").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("surveys_owner_idx").on(t.ownerOrganisationId), index("surveys_series_idx").on(t.series)],
);

/** An organisation invited to answer, with when it was invited and last reminded. */
export const surveyInvitations = pgTable(
  "survey_invitations",
  {
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.surveyId, t.organisationId] }),
    index("survey_invitations_org_idx").on(t.organisationId),
  ],
);

/** What the register knew of the answering organisation when it submitted: the results are split by it. */
export interface ResponseSegments {
  kind: string;
  provinceId: string | null;
  population: number | null;
  collaborationIds: string[];
}

/**
 * One organisation's answer to a survey (one per organisation): a draft its officials save as they go, then
 * approved and submitted by one of them, after the definition's rules are checked on the server.
 */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status").$type<ResponseStatus>().notNull().default("draft"),
    segments: jsonb("segments").$type<ResponseSegments>(),
    /**
     * The submitted answer flattened for counting: one text per answer given ("question␟row␟value", lists and
     * matrices one per choice or row), so results are one unnest and one GROUP BY.
     */
    items: text("items").array(),
    /** What the results split by most, as columns: kind, province, and the size class under the survey's thresholds. */
    segmentKind: text("segment_kind"),
    segmentProvinceId: uuid("segment_province_id"),
    segmentSizeClass: integer("segment_size_class"),
    lastEditedBy: text("last_edited_by"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    submittedBy: text("submitted_by"),
    isDemo: boolean("is_demo").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("survey_responses_one_per_org").on(t.surveyId, t.organisationId),
    index("survey_responses_submitted_idx").on(t.surveyId, t.status),
  ],
);
