import { sql } from "drizzle-orm";
import { bigint, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type {
  BundleStatus,
  CommitmentBody,
  DeclarationKind,
  LeadRole,
  PurchaseSubject,
  SupplierScheme,
} from "../../vocabulary.ts";
import { bytea, createdAt } from "./columns.ts";
import { organisations, users } from "./register.ts";

/** One step of a lead buyer's price curve: from this total demand on, it expects this discount. */
export interface PriceStep {
  /** Total declared quantity of the lot, in the lot's unit (or, for a lot without a unit, in whole euro of yearly spend). */
  fromQuantity: number;
  /** The expected discount on the current price, in basis points (10000 = 100 %). */
  discountBasisPoints: number;
}

/**
 * A joint purchase (gezamenlijke aankoop): a lead buyer bundles the demand of several organisations into one
 * procurement, in lots, and awards a framework agreement from which each participant buys.
 */
export const purchaseBundles = pgTable(
  "purchase_bundles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    leadBuyerId: uuid("lead_buyer_id")
      .notNull()
      .references(() => organisations.id),
    leadRole: text("lead_role").$type<LeadRole>().notNull(),
    title: text("title").notNull(),
    subject: text("subject").$type<PurchaseSubject>().notNull(),
    description: text("description").notNull().default(""),
    demandOpensOn: date("demand_opens_on").notNull(),
    demandClosesOn: date("demand_closes_on").notNull(),
    status: text("status").$type<BundleStatus>().notNull().default("preparing"),
    contractStartsOn: date("contract_starts_on"),
    contractEndsOn: date("contract_ends_on"),
    /** When it went to tender, and when it was first awarded: the dates of its Open Contracting releases. */
    tenderedAt: timestamp("tendered_at", { withTimezone: true }),
    awardedAt: timestamp("awarded_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("purchase_bundles_lead_idx").on(t.leadBuyerId, t.demandClosesOn)],
);

/** A lot of a bundle: what is bought, its CPV code, the unit demand is counted in, the lead buyer's price curve. */
export const purchaseLots = pgTable(
  "purchase_lots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bundleId: uuid("bundle_id")
      .notNull()
      .references(() => purchaseBundles.id),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    cpvCode: text("cpv_code").notNull(),
    /** The unit demand is declared in (MWh, stuk, uur); null for a lot bought by yearly spend (legal services). */
    unit: text("unit"),
    priceCurve: jsonb("price_curve").$type<PriceStep[]>().notNull().default([]),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("purchase_lots_number_unique").on(t.bundleId, t.number)],
);

/** An organisation buying through a bundle: invited by the lead buyer or joined by itself, or later by a call-off. */
export const purchaseParticipants = pgTable(
  "purchase_participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bundleId: uuid("bundle_id")
      .notNull()
      .references(() => purchaseBundles.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    enteredByOrganisationId: uuid("entered_by_organisation_id").references(() => organisations.id),
    /** When it was reminded that the window closes and it has not declared. */
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("purchase_participants_unique").on(t.bundleId, t.organisationId),
    index("purchase_participants_organisation_idx").on(t.organisationId),
  ],
);

/**
 * A participant's demand for one lot: the quantity a year in the lot's unit, its current unit price or yearly
 * spend (its baseline), and who committed it. Quantities are kept in thousandths, amounts in cents.
 */
export const purchaseDeclarations = pgTable(
  "purchase_declarations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bundleId: uuid("bundle_id")
      .notNull()
      .references(() => purchaseBundles.id),
    lotId: uuid("lot_id")
      .notNull()
      .references(() => purchaseLots.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: text("kind").$type<DeclarationKind>().notNull().default("demand"),
    quantityMilli: bigint("quantity_milli", { mode: "number" }),
    unitPriceCents: bigint("unit_price_cents", { mode: "number" }),
    yearlySpendCents: bigint("yearly_spend_cents", { mode: "number" }),
    commitmentBody: text("commitment_body").$type<CommitmentBody>(),
    commitmentDecidedOn: date("commitment_decided_on"),
    commitmentReference: text("commitment_reference"),
    declaredBy: uuid("declared_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("purchase_declarations_unique").on(t.lotId, t.organisationId),
    index("purchase_declarations_bundle_idx").on(t.bundleId),
    index("purchase_declarations_organisation_idx").on(t.organisationId),
  ],
);

/**
 * The award of a lot: the supplier and the contract price (per unit, or a discount on the yearly spend). An award
 * is never changed: a correction is a new award, and the one it replaces is kept, superseded, with the reason.
 */
export const purchaseAwards = pgTable(
  "purchase_awards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bundleId: uuid("bundle_id")
      .notNull()
      .references(() => purchaseBundles.id),
    lotId: uuid("lot_id")
      .notNull()
      .references(() => purchaseLots.id),
    supplierName: text("supplier_name").notNull(),
    supplierScheme: text("supplier_scheme").$type<SupplierScheme>().notNull(),
    supplierIdentifier: text("supplier_identifier").notNull(),
    unitPriceCents: bigint("unit_price_cents", { mode: "number" }),
    spendDiscountBasisPoints: integer("spend_discount_basis_points"),
    awardedOn: date("awarded_on").notNull(),
    reason: text("reason"),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("purchase_awards_bundle_idx").on(t.bundleId),
    uniqueIndex("purchase_awards_current_unique").on(t.lotId).where(sql`superseded_at IS NULL`),
  ],
);

/** A document of a bundle: the specifications, the council's decision to join, the award report. */
export const purchaseDocuments = pgTable(
  "purchase_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    bundleId: uuid("bundle_id")
      .notNull()
      .references(() => purchaseBundles.id),
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
  (t) => [index("purchase_documents_bundle_idx").on(t.bundleId, t.createdAt)],
);

/** What an organisation's savings could pay for, in things it names: a sports field, an FTE, a year of a service. */
export const savingsUses = pgTable(
  "savings_uses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    label: text("label").notNull(),
    costCents: bigint("cost_cents", { mode: "number" }).notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [index("savings_uses_organisation_idx").on(t.organisationId)],
);
