import { z } from "zod";
import { isoDate, patchOf, plainText, requiredText, webAddress, wholeNumber } from "../../platform/http/schemas.ts";
import { frameworkStatuses, legalRegimes, serviceDomains, settlementStatuses } from "../../platform/vocabulary.ts";

const cents = z
  .number({ message: "field.cents" })
  .int({ message: "field.wholeCents" })
  .min(0, { message: "field.notNegative" })
  .max(1e14, { message: "field.tooLarge" });
const count = z
  .number({ message: "field.number" })
  .int({ message: "field.wholeNumber" })
  .min(0, { message: "field.notNegative" });
const perClient = <T extends z.ZodType>(value: T) => z.record(z.uuid({ message: "field.clientId" }), value);

const basicKey = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fixed"), sharesBp: perClient(count.max(10_000)) }).strict(),
  z.object({ kind: z.literal("equal") }).strict(),
  z.object({ kind: z.literal("inhabitants"), referenceDate: isoDate, inhabitants: perClient(count) }).strict(),
  z.object({ kind: z.literal("units"), units: perClient(count) }).strict(),
]);
/** The allocation key (verdeelsleutel), as the engine takes it. Shares and weights in basis points (10,000 = 100 %). */
export const allocationKeySchema = z
  .union([
    basicKey,
    z
      .object({
        kind: z.literal("mix"),
        parts: z
          .array(z.object({ weightBp: count.max(10_000), key: basicKey }).strict())
          .min(1)
          .max(5),
      })
      .strict(),
  ])
  .meta({ id: "AllocationKey" });

const accent = z
  .object({
    clientId: z.uuid({ message: "field.clientId" }),
    kind: z.enum(["variant", "extra"]),
    description: requiredText(200),
    cents,
  })
  .strict();

const governance = z
  .object({
    committee: z
      .array(z.object({ name: requiredText(120), function: requiredText(120), organisationId: z.uuid() }).strict())
      .max(30)
      .default([]),
    decisions: z
      .array(
        z
          .object({
            organisationId: z.uuid(),
            body: z.enum(["council", "board", "college"]),
            decidedOn: isoDate,
            reference: requiredText(120),
          })
          .strict(),
      )
      .max(60)
      .default([]),
    documents: z
      .array(z.object({ title: requiredText(200), url: webAddress(500) }).strict())
      .max(60)
      .default([]),
  })
  .strict();

export const createFrameworkBody = z
  .object({
    name: requiredText(200),
    clientIds: z
      .array(z.uuid({ message: "field.organisationId" }))
      .min(1, { message: "field.needsClient" })
      .max(500),
    startsOn: isoDate,
    endsOn: isoDate.nullable().optional(),
    legalRegime: z.enum(legalRegimes),
    status: z.enum(frameworkStatuses).default("draft"),
    governance: governance.default({ committee: [], decisions: [], documents: [] }),
  })
  .strict();
export type CreateFrameworkInput = z.infer<typeof createFrameworkBody>;

export const updateFrameworkBody = z
  .object({
    name: requiredText(200).optional(),
    startsOn: isoDate.optional(),
    endsOn: isoDate.nullable().optional(),
    status: z.enum(frameworkStatuses).optional(),
    governance: governance.optional(),
    /** One of the host's own calendar templates; null for the legal regime's built-in calendar. */
    calendarTemplateId: z.uuid().nullable().optional(),
  })
  .strict();

export const subAgreementBody = z
  .object({
    name: requiredText(200),
    domain: z.enum(serviceDomains),
    description: plainText(4000).nullable().optional(),
    services: z
      .array(
        z
          .object({ name: requiredText(200), unit: requiredText(60), description: plainText(1000).default("") })
          .strict(),
      )
      .max(100)
      .default([]),
    serviceLevels: z
      .array(
        z
          .object({
            indicator: requiredText(200),
            target: z.number().finite(),
            unit: requiredText(40),
            measurements: z
              .array(z.object({ period: requiredText(20), value: z.number().finite() }).strict())
              .max(200)
              .default([]),
          })
          .strict(),
      )
      .max(50)
      .default([]),
  })
  .strict();
export const updateSubAgreementBody = patchOf(subAgreementBody);

export const yearBody = z
  .object({
    budgetCents: cents,
    key: allocationKeySchema,
    accents: z.array(accent).max(2000).default([]),
    actualCents: cents.nullable().optional(),
    actualKey: allocationKeySchema.nullable().optional(),
    actualAccents: z.array(accent).max(2000).nullable().optional(),
  })
  .strict();
export type YearInput = z.infer<typeof yearBody>;

export const yearParams = z.object({ id: z.uuid({ message: "field.uuid" }), year: wholeNumber(1990, 2100) }).strict();

const ref = z.object({ id: z.uuid(), name: z.string() });

export const frameworkSchema = z
  .object({
    id: z.uuid(),
    collaborationId: z.uuid(),
    name: z.string(),
    host: ref,
    clients: z.array(
      ref.extend({
        population: z
          .object({ count: z.number().int(), date: z.string(), source: z.string().nullable() })
          .nullable()
          .describe("The register's latest population figure, its date and its source"),
      }),
    ),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
    status: z.enum(frameworkStatuses),
    legalRegime: z.enum(legalRegimes),
    governance: governance,
    calendarTemplateId: z.uuid().nullable(),
    subAgreements: z.array(z.object({ id: z.uuid(), name: z.string(), domain: z.enum(serviceDomains) })),
    isDemo: z.boolean(),
    version: z.number().int(),
    abilities: z.object({ manage: z.boolean(), readAllClients: z.boolean() }),
  })
  .meta({ id: "Framework" });

export const subAgreementSchema = subAgreementBody
  .extend({
    id: z.uuid(),
    frameworkId: z.uuid(),
    description: z.string().nullable(),
    years: z.array(z.object({ year: z.number().int(), budgetCents: z.number().int(), settled: z.boolean() })),
    version: z.number().int(),
    abilities: z.object({ manage: z.boolean() }),
  })
  .meta({ id: "SubAgreement" });

const line = z.object({
  client: ref,
  sharedCents: z.number().int(),
  accentCents: z.number().int(),
  totalCents: z.number().int(),
});

export const yearSchema = z
  .object({
    subAgreementId: z.uuid(),
    year: z.number().int(),
    budgetCents: z.number().int(),
    key: allocationKeySchema,
    accents: z.array(accent),
    actualCents: z.number().int().nullable(),
    actualKey: allocationKeySchema.nullable(),
    actualAccents: z.array(accent).nullable(),
    version: z.number().int(),
    budget: z.array(
      line.extend({
        advancesCents: z.array(z.number().int()).length(4).describe("Advances per quarter"),
        explanation: z.object({
          parts: z.array(z.object({ kind: z.string(), weightBp: z.number().int(), base: z.number(), of: z.number() })),
          exactCents: z.string(),
          roundedUp: z.boolean(),
        }),
      }),
    ),
    shownClients: z.enum(["all", "own"]).describe("A client sees its own lines only"),
    settled: z.boolean().describe("An approved settlement exists: budget, key and accents are frozen"),
    abilities: z.object({ changeBudget: z.boolean(), changeActuals: z.boolean() }),
  })
  .meta({ id: "AgreementYear" });

export const settlementSchema = z
  .object({
    id: z.uuid(),
    subAgreementId: z.uuid(),
    year: z.number().int(),
    version: z.number().int(),
    status: z.enum(settlementStatuses),
    actualCents: z.number().int(),
    note: z.string().nullable(),
    lines: z.array(line.extend({ advancesCents: z.number().int(), balanceCents: z.number().int() })),
    approvedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "Settlement" });
