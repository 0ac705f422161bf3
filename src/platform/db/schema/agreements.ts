import {
  type AnyPgColumn,
  bigint,
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
import type {
  ConsultationBody,
  ConsultationOutcome,
  FrameworkStatus,
  LegalRegime,
  ServiceDomain,
  SettlementStatus,
  StaffTransferStatus,
} from "../../vocabulary.ts";
import { createdAt } from "./columns.ts";
import { collaborations, organisations, users } from "./register.ts";

/**
 * A framework agreement (raamovereenkomst) of a host municipality with its clients. It is a collaboration of the
 * register too (form gastheergemeente), whose memberships say who is host and who is client.
 */
export const frameworks = pgTable(
  "frameworks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    collaborationId: uuid("collaboration_id")
      .notNull()
      .references(() => collaborations.id),
    hostId: uuid("host_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on"),
    status: text("status").$type<FrameworkStatus>().notNull().default("draft"),
    legalRegime: text("legal_regime").$type<LegalRegime>().notNull(),
    /** Steering committee, founding decisions and documents, as the agreement describes them. */
    governance: jsonb("governance")
      .$type<FrameworkGovernance>()
      .notNull()
      .default({ committee: [], decisions: [], documents: [] }),
    /** The host's own calendar template; without one, the built-in template of the legal regime applies. */
    calendarTemplateId: uuid("calendar_template_id").references((): AnyPgColumn => calendarTemplates.id),
    isDemo: boolean("is_demo").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("frameworks_collaboration_unique").on(t.collaborationId),
    index("frameworks_host_idx").on(t.hostId),
  ],
);

export interface FrameworkGovernance {
  committee: { name: string; function: string; organisationId: string }[];
  decisions: { organisationId: string; body: "council" | "board" | "college"; decidedOn: string; reference: string }[];
  documents: { title: string; url: string }[];
}

export const frameworkClients = pgTable(
  "framework_clients",
  {
    frameworkId: uuid("framework_id")
      .notNull()
      .references(() => frameworks.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [
    primaryKey({ columns: [t.frameworkId, t.organisationId] }),
    index("framework_clients_org_idx").on(t.organisationId),
  ],
);

/** A sub-agreement (deelovereenkomst) per domain: the services, their levels and, per year, the money. */
export const subAgreements = pgTable(
  "sub_agreements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    frameworkId: uuid("framework_id")
      .notNull()
      .references(() => frameworks.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    domain: text("domain").$type<ServiceDomain>().notNull(),
    description: text("description"),
    services: jsonb("services").$type<{ name: string; unit: string; description: string }[]>().notNull().default([]),
    serviceLevels: jsonb("service_levels")
      .$type<{ indicator: string; target: number; unit: string; measurements: { period: string; value: number }[] }[]>()
      .notNull()
      .default([]),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sub_agreements_framework_idx").on(t.frameworkId)],
);

/** A sub-agreement's year: budget, allocation key and accents; later the actual costs and figures. */
export const subAgreementYears = pgTable(
  "sub_agreement_years",
  {
    subAgreementId: uuid("sub_agreement_id")
      .notNull()
      .references(() => subAgreements.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    budgetCents: bigint("budget_cents", { mode: "number" }).notNull(),
    key: jsonb("key").$type<Record<string, unknown>>().notNull(),
    accents: jsonb("accents")
      .$type<{ clientId: string; kind: "variant" | "extra"; description: string; cents: number }[]>()
      .notNull()
      .default([]),
    actualCents: bigint("actual_cents", { mode: "number" }),
    actualKey: jsonb("actual_key").$type<Record<string, unknown>>(),
    actualAccents:
      jsonb("actual_accents").$type<
        { clientId: string; kind: "variant" | "extra"; description: string; cents: number }[]
      >(),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subAgreementId, t.year] })],
);

/** A year's settlement (afrekening): computed as a draft, frozen once approved; a correction is a new version. */
export const settlements = pgTable(
  "settlements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subAgreementId: uuid("sub_agreement_id")
      .notNull()
      .references(() => subAgreements.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    version: integer("version").notNull(),
    status: text("status").$type<SettlementStatus>().notNull().default("draft"),
    lines: jsonb("lines").$type<Record<string, unknown>[]>().notNull(),
    actualCents: bigint("actual_cents", { mode: "number" }).notNull(),
    note: text("note"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvedBy: text("approved_by"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("settlements_version_unique").on(t.subAgreementId, t.year, t.version)],
);

/**
 * A member of staff moving to the host under a framework (personeelsoverdracht), under a pseudonymous reference.
 * Who the person is lives apart, in staff_transfer_people, which only HR of the host and of the origin read.
 */
export const staffTransfers = pgTable(
  "staff_transfers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    frameworkId: uuid("framework_id")
      .notNull()
      .references(() => frameworks.id, { onDelete: "cascade" }),
    reference: text("reference").notNull(),
    function: text("function").notNull(),
    /** Full-time equivalents in hundredths (0.8 FTE is 80). */
    fteHundredths: integer("fte_hundredths").notNull(),
    fromOrganisationId: uuid("from_organisation_id")
      .notNull()
      .references(() => organisations.id),
    transferOn: date("transfer_on").notNull(),
    status: text("status").$type<StaffTransferStatus>().notNull().default("planned"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("staff_transfers_reference_unique").on(t.frameworkId, t.reference),
    index("staff_transfers_from_idx").on(t.fromOrganisationId),
  ],
);

/** The person behind a transfer's reference: personal data, read and written by HR only, never audited in full. */
export const staffTransferPeople = pgTable("staff_transfer_people", {
  transferId: uuid("transfer_id")
    .primaryKey()
    .references(() => staffTransfers.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  personnelNumber: text("personnel_number"),
  email: text("email"),
  notes: text("notes"),
});

/** The consultation of an organisation's staff representatives on the transfers (dates and outcome). */
export const worksCouncilConsultations = pgTable(
  "works_council_consultations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    frameworkId: uuid("framework_id")
      .notNull()
      .references(() => frameworks.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    body: text("body").$type<ConsultationBody>().notNull(),
    requestedOn: date("requested_on").notNull(),
    adviceDueOn: date("advice_due_on"),
    advisedOn: date("advised_on"),
    outcome: text("outcome").$type<ConsultationOutcome>().notNull().default("pending"),
    note: text("note"),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("works_council_consultations_framework_idx").on(t.frameworkId)],
);

/** When a deadline falls: a date in a year relative to the budget year, or some days after another deadline. */
export type CalendarWhen =
  | { kind: "date"; yearOffset: number; month: number; day: number }
  | {
      kind: "after";
      rule: string;
      days: number;
      /** A date it may not pass ("within two weeks, but before 15 September"). */
      latest?: { yearOffset: number; month: number; day: number } | undefined;
    };

/** One step of a framework's yearly cycle, with the rule it comes from. */
export interface CalendarRule {
  key: string;
  title: { nl: string; en: string };
  /** Who acts: the host, the clients (their colleges), the councils, or the joint board or committee. */
  actor: "host" | "clients" | "councils" | "board";
  when: CalendarWhen;
  /** Its legal source, or "agreement" where the law leaves the date to the parties (then the date is a default). */
  source: { setBy: "law" | "agreement"; citation: string; url: string | null };
  remindDaysBefore: number[];
}

/** A host's own version of a legal regime's calendar (a copy of the built-in one, changed where its agreement says so). */
export const calendarTemplates = pgTable(
  "calendar_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerOrganisationId: uuid("owner_organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    legalRegime: text("legal_regime").$type<LegalRegime>().notNull(),
    /** The built-in template it was copied from. */
    basedOn: text("based_on").notNull(),
    rules: jsonb("rules").$type<CalendarRule[]>().notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("calendar_templates_owner_idx").on(t.ownerOrganisationId)],
);

/** Reminders that went out, so each is sent once even when the job runs twice or late. */
export const calendarReminders = pgTable(
  "calendar_reminders",
  {
    frameworkId: uuid("framework_id")
      .notNull()
      .references(() => frameworks.id, { onDelete: "cascade" }),
    ruleKey: text("rule_key").notNull(),
    dueOn: date("due_on").notNull(),
    daysBefore: integer("days_before").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.frameworkId, t.ruleKey, t.dueOn, t.daysBefore] })],
);

/**
 * A personal calendar feed (iCalendar): calendar apps send no cookies, so the address carries a secret token,
 * stored only hashed; it reads the deadlines of the frameworks the user's organisation takes part in, nothing else.
 */
export const calendarFeeds = pgTable(
  "calendar_feeds",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("calendar_feeds_user_org_unique").on(t.userId, t.organisationId)],
);
