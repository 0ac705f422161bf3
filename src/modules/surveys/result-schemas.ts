import { z } from "zod";
import { segmentDimensions, surveyStatuses } from "../../platform/vocabulary.ts";
import { factors } from "./scan.ts";

/**
 * What the results, trends, benchmark and scan routes answer: described whole, so the OpenAPI document and the web
 * app's types say what comes back (and the serializer sends nothing these do not name).
 */
const questionKinds = ["choice", "multi", "ranking", "scale", "matrix", "number", "text", "boolean"] as const;
const labelled = z.object({ value: z.string(), label: z.string() });
const counts = z.record(z.string(), z.number().int()).describe("How many organisations gave each answer value");
const question = { name: z.string(), title: z.string(), kind: z.enum(questionKinds).nullable() };

export const surveyResultsSchema = z
  .object({
    surveyId: z.uuid(),
    total: z.number().int().describe("Submitted answers"),
    minGroupSize: z.number().int(),
    anonymous: z.boolean(),
    split: z.enum(segmentDimensions).nullable(),
    segments: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        n: z.number().int().nullable().describe("Null where the group is too small to show"),
        suppressed: z.boolean(),
      }),
    ),
    questions: z.array(
      z.object({
        ...question,
        choices: z.array(labelled),
        rows: z.array(labelled).describe("A matrix question's rows"),
        bySegment: z.array(
          z.object({
            segment: z.string(),
            suppressed: z.boolean(),
            answered: z.number().int().nullable(),
            rows: z.array(
              z.object({
                row: z.string().nullable(),
                counts,
                n: z.number().int(),
                mean: z.number().nullable().describe("For scales and numbers"),
              }),
            ),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "SurveyResults" });

export const surveyTrendsSchema = z
  .object({
    waves: z.array(z.object({ id: z.uuid(), title: z.string(), wave: z.string().nullable(), total: z.number().int() })),
    questions: z.array(
      z.object({
        ...question,
        choices: z.array(labelled),
        byWave: z.array(
          z.object({
            surveyId: z.uuid(),
            suppressed: z.boolean(),
            answered: z.number().int().nullable(),
            counts,
            mean: z.number().nullable(),
          }),
        ),
      }),
    ),
  })
  .meta({ id: "SurveyTrends" });

export const benchmarkSchema = z
  .object({
    surveyId: z.uuid(),
    peers: z.object({
      kind: z.string().nullable(),
      sizeClass: z.number().int().nullable(),
      count: z.number().int(),
      shown: z.boolean().describe("Whether the peers are enough in number to be shown"),
      minimum: z.number().int(),
    }),
    questions: z.array(
      z.object({
        ...question,
        choices: z.array(labelled.extend({ peers: z.number().int(), own: z.boolean() })),
      }),
    ),
  })
  .meta({ id: "SurveyBenchmark" });

const words = z.object({ nl: z.string(), en: z.string() });
const factor = z.enum(factors);
const perFactor = z.record(factor, z.number());
const party = z.object({
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  submitted: z.boolean(),
  scores: perFactor.nullable(),
});

export const scanSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    status: z.enum(surveyStatuses),
    wave: z.string().nullable(),
    factors: z.array(z.object({ key: factor, name: words })),
    parties: z.array(party),
    gaps: perFactor.nullable(),
    ladder: z.array(z.object({ step: z.number().int(), name: words })),
    advice: z
      .object({
        step: z.number().int(),
        because: z.array(
          z.object({
            rule: z.enum(["weakest", "gap", "support"]),
            factor: factor.nullable(),
            value: z.number(),
            capsAt: z.number().int(),
          }),
        ),
      })
      .nullable(),
    nextSteps: z.array(z.object({ factor, name: words, steps: z.array(words) })),
    history: z.array(
      z.object({
        id: z.uuid(),
        title: z.string(),
        wave: z.string().nullable(),
        parties: z.array(party),
        step: z.number().int(),
      }),
    ),
    mayAnswer: z.boolean(),
  })
  .meta({ id: "ReadinessScan" });
