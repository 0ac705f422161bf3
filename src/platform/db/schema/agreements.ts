import {
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
import type { FrameworkStatus, LegalRegime, ServiceDomain, SettlementStatus } from "../../vocabulary.ts";
import { createdAt } from "./columns.ts";
import { collaborations, organisations } from "./register.ts";

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
