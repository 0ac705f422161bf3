import { z } from "zod";
import { changesOf, isoDate, plainText, requiredText, titleText } from "../../platform/http/schemas.ts";
import {
  bundleStatuses,
  commitmentBodies,
  declarationKinds,
  leadRoles,
  organisationKinds,
  purchaseSubjects,
  supplierSchemes,
} from "../../platform/vocabulary.ts";

const reference = z.object({ id: z.uuid(), name: z.string() });

/** An amount in euro cents: a whole number, never negative, below a trillion euro. */
const cents = z
  .number({ message: "field.number" })
  .int({ message: "field.cents" })
  .min(0, { message: "procurement.negative" })
  .max(1e14, { message: "field.atMost" });

/** A share in basis points: 10000 is 100 %. */
const basisPoints = z
  .number({ message: "field.number" })
  .int({ message: "field.wholeNumber" })
  .min(0, { message: "procurement.negative" })
  .max(10_000, { message: "field.atMost" });

/** A quantity a year: not negative, at most three decimals (kept in thousandths). */
const quantity = z
  .number({ message: "field.number" })
  .min(0, { message: "procurement.negative" })
  .max(1e12, { message: "field.atMost" })
  .refine((q) => Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6, { message: "procurement.threeDecimals" });

/** A unit of measure as people write it: MWh, stuk, uur, licentie. */
const unit = plainText(20).transform((u) => u.trim());

/** A CPV code (Common Procurement Vocabulary): eight digits and the check digit, 09310000-5. */
const cpvCode = z
  .string()
  .trim()
  .regex(/^\d{8}-\d$/, { message: "procurement.cpvCode" });

export const priceStep = z
  .object({ fromQuantity: quantity, discountBasisPoints: basisPoints })
  .strict()
  .describe("From this total demand on (in the lot's unit, or in euro of yearly spend), this expected discount");

export const createBundleBody = z
  .object({
    title: titleText(200),
    subject: z.enum(purchaseSubjects),
    leadRole: z
      .enum(leadRoles)
      .default("procuringEntity")
      .describe("procuringEntity buys for itself too; centralPurchasingBody only for others"),
    description: plainText(4000).default(""),
    demandOpensOn: isoDate,
    demandClosesOn: isoDate,
    contractStartsOn: isoDate.nullable().default(null),
    contractEndsOn: isoDate.nullable().default(null),
  })
  .strict();
export type CreateBundleInput = z.infer<typeof createBundleBody>;

export const updateBundleBody = changesOf(createBundleBody);
export type UpdateBundleInput = z.infer<typeof updateBundleBody>;

export const statusBody = z.object({ status: z.enum(bundleStatuses) }).strict();

export const createLotBody = z
  .object({
    title: requiredText(200),
    cpvCode,
    unit: unit.nullable().default(null).describe("Null for a lot bought by yearly spend"),
    priceCurve: z.array(priceStep).max(20, { message: "field.atMost" }).default([]),
  })
  .strict();
export type CreateLotInput = z.infer<typeof createLotBody>;

export const updateLotBody = changesOf(createLotBody);
export type UpdateLotInput = z.infer<typeof updateLotBody>;

export const participantBody = z
  .object({
    organisationId: z
      .uuid({ message: "field.uuid" })
      .describe("The organisation you act for (it joins) or another one (the lead buyer invites it)"),
  })
  .strict();

const commitment = z
  .object({
    body: z.enum(commitmentBodies),
    decidedOn: isoDate,
    reference: plainText(200).nullable().default(null).describe("The decision's number or title"),
  })
  .strict();

const demandFields = {
  quantity: quantity.nullable().default(null).describe("A year, in the lot's unit"),
  unit: unit.nullable().default(null).describe("The lot's unit, stated with the quantity"),
  unitPriceCents: cents.nullable().default(null).describe("The current price per unit"),
  yearlySpendCents: cents.nullable().default(null).describe("The current spend a year, where there is no unit price"),
  commitment: commitment.nullable().default(null).describe("The decision of the council or board that commits it"),
};

export const declareBody = z
  .object({
    lotId: z.uuid({ message: "field.uuid" }),
    organisationId: z.uuid({ message: "field.uuid" }).optional().describe("Yours when not given"),
    ...demandFields,
  })
  .strict();
export type DeclareInput = z.infer<typeof declareBody>;

export const updateDeclarationBody = changesOf(z.object(demandFields).strict());
export type UpdateDeclarationInput = z.infer<typeof updateDeclarationBody>;

export const awardBody = z
  .object({
    lotId: z.uuid({ message: "field.uuid" }),
    supplier: z
      .object({
        name: requiredText(200),
        scheme: z.enum(supplierSchemes).describe("The register of its identifier"),
        identifier: requiredText(40),
      })
      .strict(),
    unitPriceCents: cents.nullable().default(null).describe("The contract price per unit of the lot"),
    spendDiscountBasisPoints: basisPoints.nullable().default(null).describe("Or: the contract's discount on spend"),
    awardedOn: isoDate,
    reason: plainText(1000).nullable().default(null).describe("Why, when it replaces the lot's earlier award"),
  })
  .strict();
export type AwardInput = z.infer<typeof awardBody>;

export const savingsUseBody = z
  .object({
    label: requiredText(200).describe("A sports field, an FTE, a year of a service"),
    costCents: cents.refine((c) => c > 0, { message: "procurement.positive" }),
  })
  .strict();
export type SavingsUseInput = z.infer<typeof savingsUseBody>;
export const updateSavingsUseBody = changesOf(savingsUseBody);
export type UpdateSavingsUseInput = z.infer<typeof updateSavingsUseBody>;

export const listBundlesQuery = z
  .object({
    status: z.enum(bundleStatuses).optional(),
    leadBuyerId: z.uuid({ message: "field.uuid" }).optional(),
    participantId: z.uuid({ message: "field.uuid" }).optional().describe("Bundles this organisation takes part in"),
  })
  .strict();

const supplierSchema = z.object({ name: z.string(), scheme: z.enum(supplierSchemes), identifier: z.string() });

const awardSchema = z
  .object({
    id: z.uuid(),
    supplier: supplierSchema,
    unitPriceCents: z.number().int().nullable(),
    spendDiscountBasisPoints: z.number().int().nullable(),
    awardedOn: z.string(),
    reason: z.string().nullable(),
    supersededAt: z.string().nullable(),
  })
  .meta({ id: "PurchaseAward" });

export const declarationSchema = z
  .object({
    id: z.uuid(),
    lotId: z.uuid(),
    kind: z.enum(declarationKinds),
    quantity: z.number().nullable(),
    unit: z.string().nullable(),
    unitPriceCents: z.number().int().nullable(),
    yearlySpendCents: z.number().int().nullable(),
    baselineCents: z.number().int().nullable().describe("What it spends a year today"),
    commitment: z
      .object({ body: z.enum(commitmentBodies), decidedOn: z.string(), reference: z.string().nullable() })
      .nullable(),
    version: z.number().int(),
  })
  .meta({ id: "PurchaseDeclaration" });

export const lotSchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    title: z.string(),
    cpvCode: z.string(),
    unit: z.string().nullable(),
    priceCurve: z.array(z.object({ fromQuantity: z.number(), discountBasisPoints: z.number().int() })),
    version: z.number().int(),
    totals: z.object({
      declarations: z.number().int(),
      quantity: z.number().describe("Declared a year, in the lot's unit"),
      baselineCents: z.number().int().describe("What the participants spend on it a year today"),
      expectedDiscountBasisPoints: z.number().int().nullable().describe("From the price curve at the total demand"),
      estimatedSavingCents: z.number().int().describe("A year, at the expected discount"),
    }),
    award: awardSchema.nullable(),
    earlierAwards: z.array(awardSchema),
  })
  .meta({ id: "PurchaseLot" });

export const bundleSummarySchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    subject: z.enum(purchaseSubjects),
    leadBuyer: reference,
    status: z.enum(bundleStatuses),
    demandOpensOn: z.string(),
    demandClosesOn: z.string(),
    lots: z.number().int(),
    participants: z.number().int(),
  })
  .meta({ id: "PurchaseBundleSummary" });

export const bundleSchema = bundleSummarySchema
  .extend({
    leadRole: z.enum(leadRoles),
    description: z.string(),
    windowOpen: z.boolean().describe("Whether demand can be declared today"),
    contractStartsOn: z.string().nullable(),
    contractEndsOn: z.string().nullable(),
    ocid: z.string().describe("Its Open Contracting process identifier"),
    version: z.number().int(),
    lotList: z.array(lotSchema),
    participantList: z.array(
      z.object({
        id: z.uuid(),
        organisation: reference.extend({ kind: z.enum(organisationKinds) }),
        declaredLots: z.number().int(),
        callOff: z.boolean().describe("Whether it joined after the award, by a call-off"),
        declarations: z
          .array(declarationSchema)
          .nullable()
          .describe("Its declarations; null for those who may not see them"),
      }),
    ),
    documents: z.array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        filename: z.string(),
        contentType: z.string(),
        size: z.number().int(),
        createdAt: z.string(),
      }),
    ),
    nextStatuses: z.array(z.enum(bundleStatuses)).describe("Where you may move it from here"),
    abilities: z.object({
      update: z.boolean(),
      manageLots: z.boolean(),
      invite: z.boolean(),
      award: z.boolean(),
      changeStatus: z.boolean(),
      attach: z.boolean(),
      readDeclarations: z.boolean().describe("Whether you see every participant's declarations"),
      join: z.boolean().describe("Whether the organisation you act for may join"),
      declare: z.boolean().describe("Whether the organisation you act for may declare demand now"),
      callOff: z.boolean().describe("Whether the organisation you act for may call off from the framework"),
    }),
  })
  .meta({ id: "PurchaseBundle" });

const yearAmount = z.object({ year: z.number().int(), cents: z.number().int() });

export const participantSavingsSchema = z.object({
  organisation: reference,
  baselineCents: z.number().int().describe("A year, over its declarations"),
  estimatedCents: z.number().int().describe("A year, at the price curve's expected discount"),
  realisedCents: z.number().int().nullable().describe("A year, at the contract prices; null before any award"),
  years: z.array(yearAmount).describe("The realised saving per calendar year of the contract"),
  totalCents: z.number().int().describe("The sum of the years"),
  lots: z.array(
    z.object({
      lotId: z.uuid(),
      lot: z.string(),
      baselineCents: z.number().int().nullable(),
      estimatedCents: z.number().int().nullable(),
      realisedCents: z.number().int().nullable(),
      assumptions: z.array(z.string()).describe("What the figures rest on, in words"),
    }),
  ),
});

export const bundleSavingsSchema = z
  .object({
    bundle: reference.extend({ status: z.enum(bundleStatuses) }),
    contract: z.object({ startsOn: z.string(), endsOn: z.string() }).nullable(),
    totals: z.object({
      baselineCents: z.number().int(),
      estimatedCents: z.number().int(),
      realisedCents: z.number().int().nullable(),
      years: z.array(yearAmount),
      totalCents: z.number().int(),
    }),
    participants: z.array(participantSavingsSchema).describe("Those whose savings you may see"),
    assumptions: z.array(z.string()),
  })
  .meta({ id: "PurchaseBundleSavings" });

export const savingsUseSchema = z
  .object({ id: z.uuid(), label: z.string(), costCents: z.number().int(), version: z.number().int() })
  .meta({ id: "SavingsUse" });

export const organisationSavingsSchema = z
  .object({
    organisation: reference,
    totalCents: z.number().int(),
    years: z.array(yearAmount),
    bundles: z.array(
      z.object({
        bundle: reference.extend({ status: z.enum(bundleStatuses), subject: z.enum(purchaseSubjects) }),
        leadBuyer: reference,
        realisedCents: z.number().int().nullable().describe("A year"),
        years: z.array(yearAmount),
        totalCents: z.number().int(),
        assumptions: z.array(z.string()),
      }),
    ),
    uses: z.array(
      savingsUseSchema.extend({
        times: z.number().describe("How many times the total savings pay for it, to two decimals"),
      }),
    ),
    abilities: z.object({ keepUses: z.boolean() }),
  })
  .meta({ id: "OrganisationSavings" });

export const dashboardSchema = z
  .object({
    leadBuyer: reference,
    years: z.array(yearAmount.extend({ bundles: z.number().int() })),
    bundles: z.array(
      reference.extend({
        status: z.enum(bundleStatuses),
        participants: z.number().int(),
        baselineCents: z.number().int(),
        totalCents: z.number().int(),
      }),
    ),
    participants: z
      .array(reference.extend({ totalCents: z.number().int(), bundles: z.number().int() }))
      .describe("Every participant, the largest savings first"),
    totalCents: z.number().int(),
    assumptions: z.array(z.string()).describe("What the figures rest on, in words"),
  })
  .meta({ id: "PurchaseDashboard" });
