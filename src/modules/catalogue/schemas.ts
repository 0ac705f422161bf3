import { z } from "zod";
import { cursorSchema, limitSchema, patchOf, plainText, requiredText } from "../../platform/http/schemas.ts";
import { catalogueVisibilities, countries, entryStatuses, organisationKinds } from "../../platform/vocabulary.ts";

const plain = plainText;
const required = requiredText;
const optionalText = (max: number) =>
  plain(max)
    .nullable()
    .optional()
    .transform((s) => (s === "" ? null : s));
const words = (max: number) => z.array(required(80)).max(max, { message: "field.atMostItems" }).default([]);
const domainIds = z.array(z.string().max(40)).max(20).default([]);

export const entryKey = z
  .string()
  .trim()
  .min(1, { message: "field.required" })
  .max(80)
  .regex(/^[a-z0-9][a-z0-9-]*$/, { message: "field.slug" });

/** The fields of an entry a coordinator writes; shared by the API, the import and the demo content. */
export const entryFields = z.object({
  question: required(300),
  answer: plain(20_000).default(""),
  theme: required(80),
  service: optionalText(300),
  conditions: optionalText(2_000),
  price: optionalText(300),
  contact: optionalText(300),
  offeredById: z.uuid({ message: "field.uuid" }).nullable().optional(),
  tags: words(30),
  synonyms: words(30),
  relatedKeys: z.array(entryKey).max(20).default([]),
  domainIds,
  status: z.enum(entryStatuses).default("draft"),
});

export const createEntryBody = entryFields.extend({ key: entryKey.optional() }).strict();
export type CreateEntryInput = z.input<typeof createEntryBody>;
export const updateEntryBody = patchOf(entryFields);
export type UpdateEntryInput = z.infer<typeof updateEntryBody>;

const ref = z.object({ id: z.string(), name: z.string() });

export const entrySummarySchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    question: z.string(),
    theme: z.string(),
    status: z.enum(entryStatuses),
    service: z.string().nullable(),
    tags: z.array(z.string()),
    isDemo: z.boolean(),
    updatedAt: z.string(),
    highlight: z
      .object({
        question: z.string(),
        excerpt: z.string().describe("Up to 28 words of the answer around its first match"),
        tags: z.array(z.string()).describe("The tags that matched"),
        theme: z.string(),
        offer: z.string().describe("The part of the offer (service, conditions, price) that matched, or empty"),
      })
      .nullable()
      .describe(
        "For a search: why the entry matched, with matches between U+0001 and U+0002; plain text, never markup",
      ),
  })
  .meta({ id: "CatalogueEntrySummary" });

export const entrySchema = z
  .object({
    id: z.uuid(),
    providerId: z.uuid(),
    provider: ref,
    key: z.string(),
    question: z.string(),
    answer: z.string().describe("Markdown; show it sanitised"),
    theme: z.string(),
    service: z.string().nullable(),
    conditions: z.string().nullable(),
    price: z.string().nullable(),
    contact: z.string().nullable(),
    offeredBy: ref.nullable(),
    tags: z.array(z.string()),
    synonyms: z.array(z.string()),
    related: z.array(z.object({ id: z.uuid(), key: z.string(), question: z.string() })),
    relatedKeys: z.array(z.string()),
    domains: z.array(ref),
    status: z.enum(entryStatuses),
    isDemo: z.boolean(),
    sourceTicketId: z.uuid().nullable(),
    version: z.number().int(),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
    abilities: z.object({ update: z.boolean(), readHistory: z.boolean() }),
  })
  .meta({ id: "CatalogueEntry" });

export const revisionSchema = z
  .object({
    version: z.number().int(),
    at: z.string(),
    author: z.string(),
    changes: z.array(
      z.object({
        field: z.string(),
        parts: z.array(z.object({ kind: z.enum(["same", "added", "removed"]), text: z.string() })),
      }),
    ),
  })
  .meta({ id: "CatalogueRevision" });

export const catalogueSchema = z
  .object({
    provider: z.object({
      id: z.uuid(),
      name: z.string(),
      kind: z.enum(organisationKinds),
      country: z.enum(countries),
    }),
    visibility: z.enum(catalogueVisibilities),
    serviceLevelDays: z.number().int(),
    published: z.number().int().describe("Published entries"),
    themes: z.array(z.object({ name: z.string(), count: z.number().int() })),
    version: z.number().int(),
    abilities: z.object({
      read: z.boolean(),
      manage: z.boolean(),
      ask: z.boolean(),
      readDesk: z.boolean(),
      workDesk: z.boolean(),
    }),
  })
  .meta({ id: "Catalogue" });

export const updateCatalogueBody = z
  .object({
    visibility: z.enum(catalogueVisibilities).optional(),
    serviceLevelDays: z.number().int().min(1).max(60).optional(),
  })
  .strict();

export const searchEntriesQuery = z
  .object({
    q: plain(200).optional(),
    theme: plain(80).optional(),
    domain: z.string().max(40).optional().describe("A policy domain; includes its subdomains"),
    status: z.enum(entryStatuses).optional().describe("Coordinators only; others see published entries"),
    limit: limitSchema,
    cursor: cursorSchema.optional(),
  })
  .strict();
export type SearchEntriesQuery = z.infer<typeof searchEntriesQuery>;

export const synonymSchema = z.object({ id: z.uuid(), terms: z.array(z.string()) }).meta({ id: "SearchSynonym" });
export const createSynonymBody = z
  .object({
    terms: z
      .array(required(60).transform((s) => s.toLowerCase()))
      .min(2, { message: "field.twoTerms" })
      .max(10),
  })
  .strict();

export const missSchema = z
  .object({
    query: z.string(),
    count: z.number().int(),
    firstAt: z.string(),
    lastAt: z.string(),
    ticket: z
      .object({ id: z.uuid(), number: z.number().int(), subject: z.string() })
      .nullable()
      .describe("The front-office question the same organisation asked after this search"),
    entry: z
      .object({ id: z.uuid(), question: z.string() })
      .nullable()
      .describe("The catalogue entry that ticket was answered with"),
    proposal: z.array(z.string()).describe("A synonym group to propose to the coordinator (empty when there is none)"),
  })
  .meta({ id: "SearchMiss" });

export const providerParam = z.object({ providerId: z.uuid({ message: "field.uuid" }) }).strict();
export const synonymParams = providerParam.extend({ id: z.uuid({ message: "field.uuid" }) }).strict();
