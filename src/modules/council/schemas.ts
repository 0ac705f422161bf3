import { z } from "zod";
import { changesOf, isoDate, plainText, requiredText, wholeNumber } from "../../platform/http/schemas.ts";
import {
  collaborationForms,
  collaborationNatures,
  membershipRoles,
  publicSections,
  representativeBodies,
} from "../../platform/vocabulary.ts";

const reference = z.object({ id: z.uuid(), name: z.string() });

const representativeFields = z
  .object({
    collaborationId: z.uuid({ message: "field.uuid" }),
    body: z.enum(representativeBodies),
    name: requiredText(200),
    office: plainText(200).nullable().default(null),
    since: isoDate.nullable().default(null),
    until: isoDate.nullable().default(null),
  })
  .strict();
export const representativeBody = representativeFields;
export const representativeChanges = changesOf(representativeFields.omit({ collaborationId: true }));
export type RepresentativeInput = z.infer<typeof representativeBody>;
export type RepresentativeChanges = z.infer<typeof representativeChanges>;

export const contributionParams = z
  .object({
    id: z.uuid({ message: "field.uuid" }),
    collaborationId: z.uuid({ message: "field.uuid" }),
    year: wholeNumber(1990, 2100),
  })
  .strict();
export const contributionBody = z
  .object({
    amountCents: z.number().int({ message: "field.wholeNumber" }).min(0, { message: "field.atLeast" }).max(1e13, {
      message: "field.atMost",
    }),
    source: requiredText(300),
  })
  .strict();
export type ContributionInput = z.infer<typeof contributionBody>;

export const publicPageBody = z
  .object({
    published: z.boolean(),
    sections: z.array(z.enum(publicSections)).max(publicSections.length),
  })
  .strict();
export type PublicPageInput = z.infer<typeof publicPageBody>;

const paymentSchema = z.object({
  year: z.number().int(),
  cents: z.number().int(),
  source: z.discriminatedUnion("kind", [
    z.object({
      kind: z.literal("settlement"),
      reference: z.string(),
      version: z.number().int(),
      approvedOn: z.string().nullable(),
    }),
    z.object({ kind: z.literal("budget"), reference: z.string() }),
    z.object({ kind: z.literal("purchase"), reference: z.string() }),
    z.object({ kind: z.literal("contribution"), reference: z.string(), version: z.number().int() }),
  ]),
});
const yearTotals = z.object({
  byYear: z.array(z.object({ year: z.number().int(), cents: z.number().int() })),
  totalCents: z.number().int(),
});
const deadlineSchema = z.object({
  dueOn: z.string(),
  budgetYear: z.number().int(),
  title: z.object({ nl: z.string(), en: z.string() }),
  collaboration: reference,
  source: z.object({ setBy: z.enum(["law", "agreement"]), citation: z.string(), url: z.string().nullable() }),
  document: z.object({ title: z.string(), url: z.string() }).nullable(),
});
const collaborationRef = reference.extend({
  nature: z.enum(collaborationNatures),
  form: z.enum(collaborationForms),
});
const purchaseSchema = z.object({
  bundle: z.object({ id: z.uuid(), title: z.string() }),
  payments: z.array(paymentSchema),
  totalCents: z.number().int(),
});

export const councilViewSchema = z
  .object({
    organisation: reference,
    asOf: z.string(),
    collaborations: z.array(
      z.object({
        collaboration: collaborationRef,
        role: z.enum(membershipRoles),
        shareBasisPoints: z.number().int().nullable(),
        since: z.string().nullable(),
        payments: z.array(paymentSchema).describe("What it pays in a year, and where each figure comes from"),
        totalCents: z.number().int(),
        representatives: z.array(
          z.object({
            id: z.uuid(),
            name: z.string(),
            body: z.enum(representativeBodies),
            office: z.string().nullable(),
            since: z.string().nullable(),
            until: z.string().nullable(),
            version: z.number().int(),
          }),
        ),
      }),
    ),
    purchases: z.array(purchaseSchema),
    totals: yearTotals,
    deadlines: z.array(deadlineSchema).describe("The council's deadlines of the coming year, with their legal source"),
    publicPage: z.object({
      published: z.boolean(),
      sections: z.array(z.enum(publicSections)),
      version: z.number().int(),
    }),
    abilities: z.object({ read: z.boolean(), keep: z.boolean() }),
  })
  .meta({ id: "CouncilView" });

export const publicPageSchema = z
  .object({
    organisation: reference,
    asOf: z.string(),
    published: z.boolean(),
    sections: z.array(z.enum(publicSections)),
    collaborations: z
      .array(
        z.object({
          collaboration: collaborationRef,
          role: z.enum(membershipRoles),
          since: z.string().nullable(),
          payments: z.array(paymentSchema).nullable(),
          totalCents: z.number().int().nullable(),
          representatives: z
            .array(z.object({ name: z.string(), body: z.enum(representativeBodies), office: z.string().nullable() }))
            .nullable(),
        }),
      )
      .nullable(),
    purchases: z.array(purchaseSchema).nullable(),
    totals: yearTotals.nullable(),
    deadlines: z.array(deadlineSchema).nullable(),
  })
  .describe("Null for every section the municipality did not publish")
  .meta({ id: "PublicMunicipalityPage" });
