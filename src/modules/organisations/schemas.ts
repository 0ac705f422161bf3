import { z } from "zod";
import { cursorSchema, isoDate, limitSchema, postalAddress, webAddress } from "../../platform/http/schemas.ts";
import { collaborationForms, countries, organisationKinds, organisationStatuses } from "../../platform/vocabulary.ts";

const reference = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const organisationSummarySchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    kind: z.enum(organisationKinds),
    country: z.enum(countries),
    name: z.string(),
    altNames: z.record(z.string(), z.string()),
    identifiers: z.object({
      nis: z.string().nullable().describe("Belgian NIS/REFNIS code"),
      kbo: z.string().nullable().describe("Belgian enterprise number (KBO)"),
      cbs: z.string().nullable().describe("Dutch CBS code, e.g. GM0114"),
      kvk: z.string().nullable().describe("Dutch Chamber of Commerce number"),
      oin: z.string().nullable().describe("Dutch government organisation identification number"),
    }),
    province: reference,
    population: z.number().int().nullable(),
    populationDate: z.string().nullable().describe("The date the population figure refers to"),
    populationSource: z.string().nullable().describe("Where the population figure comes from"),
    status: z.enum(organisationStatuses),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
  })
  .meta({ id: "OrganisationSummary" });

export const organisationSchema = organisationSummarySchema
  .extend({
    parent: reference,
    mergedInto: reference,
    predecessors: z
      .array(z.object({ id: z.uuid(), name: z.string(), code: z.string().nullable(), until: z.string().nullable() }))
      .describe("Organisations that merged into this one"),
    website: z.string().nullable(),
    postalAddress: z.string().nullable().describe("Where post and invoices go, as printed: lines separated by \\n"),
    wikidata: z.string().nullable(),
    source: z.string().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
    partners: z.object({
      serves: z.number().int().describe("How many organisations this one serves as a provider"),
      servedBy: z.array(z.object({ id: z.uuid(), name: z.string() })),
    }),
    abilities: z.object({
      update: z.boolean(),
      readUsers: z.boolean(),
      readAudit: z.boolean(),
      manageTokens: z.boolean(),
    }),
  })
  .meta({ id: "Organisation" });

export const organisationSorts = ["relevance", "name", "-name", "population", "-population"] as const;

const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(200)
    .transform((s) => s.split(",").filter(Boolean))
    .pipe(z.array(z.enum(values)).max(values.length));

export const listOrganisationsQuery = z
  .object({
    q: z.string().trim().max(100).optional().describe("Name (typos allowed) or code: NIS, CBS (GM0114), KBO"),
    kind: listOf(organisationKinds).optional().describe("Comma-separated kinds"),
    country: z.enum(countries).optional(),
    province: z.uuid().optional().describe("Id of a province organisation"),
    status: z.enum(organisationStatuses).optional(),
    asOf: isoDate.optional().describe("Read the register as it was on this date"),
    form: listOf(collaborationForms).optional().describe("Only organisations in a collaboration of one of these forms"),
    domain: z
      .string()
      .max(40)
      .optional()
      .describe("Only organisations in a collaboration on this policy domain (or below it)"),
    sort: z.enum(organisationSorts).optional().describe("Default: relevance when q is given, else name"),
    cursor: cursorSchema.optional(),
    limit: limitSchema,
  })
  .strict();

export type ListOrganisationsQuery = z.infer<typeof listOrganisationsQuery>;

const optionalText = (max: number) => z.string().trim().min(1).max(max).nullable().optional();

export const updateOrganisationBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    altNames: z.partialRecord(z.enum(["nl", "fr", "de", "en"]), z.string().trim().min(1).max(200)).optional(),
    kboNumber: z
      .string()
      .regex(/^[01]\d{9}$/, "must be 10 digits, starting with 0 or 1")
      .nullable()
      .optional(),
    kvkNumber: z
      .string()
      .regex(/^\d{8}$/, "must be 8 digits")
      .nullable()
      .optional(),
    oin: z
      .string()
      .regex(/^\d{20}$/, "must be 20 digits")
      .nullable()
      .optional(),
    population: z.number().int().min(0).max(50_000_000).nullable().optional(),
    populationDate: isoDate.nullable().optional(),
    website: webAddress(300).nullable().optional(),
    postalAddress: postalAddress.nullable().optional(),
    source: optionalText(500),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: "field.nameAField" })
  .refine((b) => (b.population === undefined) === (b.populationDate === undefined), {
    message: "field.populationWithDate",
    path: ["populationDate"],
  });

export type UpdateOrganisationBody = z.infer<typeof updateOrganisationBody>;
