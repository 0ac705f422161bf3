import { z } from "zod";
import { titleText } from "../../platform/http/schemas.ts";
import { coCreationThemes, collaborationForms, collaborationNatures, countries } from "../../platform/vocabulary.ts";

const reference = z.object({ id: z.uuid(), name: z.string() });
const share = z.object({ sharing: z.number().int(), of: z.number().int() });

export const estimateSchema = z
  .object({
    basis: z.discriminatedUnion("kind", [
      z.object({
        kind: z.literal("perInhabitant"),
        population: z.number().int(),
        euroPerInhabitant: z.number(),
      }),
      z.object({ kind: z.literal("spend"), yearlySpendEuro: z.number() }),
    ]),
    savingPercent: z.number(),
    savingEuro: z.number().int().describe("basis × savingPercent / 100, in whole euros a year"),
  })
  .describe("An estimated yearly saving and the assumptions it rests on");

export const opportunitiesSchema = z
  .object({
    organisation: reference,
    asOf: z.string().describe("The day the register is read as of"),
    country: z.enum(countries),
    population: z.number().int().nullable().describe("Its population as the register has it"),
    neighbours: z.array(reference).describe("The municipalities that share a border with it"),
    taskAreas: z.array(reference.extend({ id: z.string() })).describe("The task areas of the arrangements it is in"),
    peers: z
      .object({ basis: z.enum(["provinceAndSize", "province"]), count: z.number().int() })
      .describe("Its peers: the municipalities of its province in its size class, or all of its province"),
    gaps: z
      .array(
        z.object({
          area: reference.extend({ id: z.string() }),
          neighbours: share,
          peers: share,
        }),
      )
      .describe("Task areas most of its neighbours or peers share in an arrangement and it does not"),
    joinable: z
      .array(
        z.object({
          kind: z.enum(["collaboration", "framework", "catalogueOffer", "project", "purchase"]),
          id: z.uuid(),
          title: z.string(),
          partner: reference.nullable().describe("Who hosts, offers or leads it"),
          detail: z.object({
            nature: z.enum(collaborationNatures).optional(),
            form: z.enum(collaborationForms).optional(),
            status: z.string().optional(),
            members: z.number().int().optional(),
            service: z.string().optional(),
            closesOn: z.string().optional(),
          }),
          neighbourMembers: z.array(reference),
          estimate: estimateSchema,
          scan: z
            .object({ id: z.uuid(), title: z.string(), status: z.string(), step: z.number().int().nullable() })
            .nullable()
            .describe("The newest readiness scan done with this partner, and its ladder step once two answered"),
        }),
      )
      .describe("What it could join, each with an estimated saving from stated assumptions"),
    portfolio: z
      .object({ collaboration: z.number().int(), outsourcing: z.number().int() })
      .describe("How many arrangements it takes part in: real collaboration, and outsourcing"),
    fromNeighbours: z
      .array(
        z.object({
          collaboration: reference.extend({
            nature: z.enum(collaborationNatures),
            form: z.enum(collaborationForms),
          }),
          neighbourMembers: z.array(reference).describe("Its neighbours that take part"),
          members: z.number().int().describe("All that take part"),
        }),
      )
      .describe("Collaborations its neighbours take part in and it does not, the most neighbours first"),
  })
  .meta({ id: "Opportunities" });

export const themeParams = z
  .object({ id: z.uuid({ message: "field.uuid" }), theme: z.enum(coCreationThemes) })
  .strict();

export const themesSchema = z
  .object({
    items: z.array(
      z.object({
        theme: z.enum(coCreationThemes),
        organisations: z.array(reference).describe("The organisations that want to co-create on it"),
        mine: z.boolean().describe("Whether the organisation you act for does"),
      }),
    ),
    abilities: z.object({ read: z.boolean(), keepThemes: z.boolean() }),
  })
  .meta({ id: "CoCreationThemes" });

export const startTogetherBody = z
  .object({
    kind: z.enum(["scan", "project"]),
    partnerIds: z
      .array(z.uuid({ message: "field.uuid" }))
      .min(1, { message: "field.required" })
      .max(9, { message: "field.atMost" }),
    title: titleText(200).optional(),
  })
  .strict();
export type StartTogetherInput = z.infer<typeof startTogetherBody>;

export const chapterBody = z
  .object({
    body: z.string().trim().min(1, { message: "field.required" }).max(100_000, { message: "field.maxLength" }),
  })
  .strict();

export const chapterSchema = z
  .object({
    body: z.string().describe("Markdown: as saved, or the draft when nothing is saved"),
    draft: z.string().describe("The draft from today's figures"),
    saved: z.boolean(),
    version: z.number().int().describe("0 before the first save"),
    updatedAt: z.string().nullable(),
    abilities: z.object({ keep: z.boolean() }),
  })
  .meta({ id: "CouncilChapter" });
