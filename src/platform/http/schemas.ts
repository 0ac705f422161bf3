import { z } from "zod";

/** Shared zod pieces for every module's API: ids, pagination, problem responses. */
export const uuidParam = z.object({ id: z.uuid({ message: "must be a UUID" }) }).strict();

export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);

export const cursorSchema = z
  .string()
  .max(500)
  .regex(/^[A-Za-z0-9_-]+$/, "must be a cursor returned by a previous page");

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

/** The error responses every route may give, for the OpenAPI document. */
export const problemResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  429: problemSchema,
} as const;

export const writeProblemResponses = {
  ...problemResponses,
  409: problemSchema,
  412: problemSchema,
  413: problemSchema,
  415: problemSchema,
  428: problemSchema,
} as const;

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe("Pass as `cursor` to read the next page; null on the last page."),
  });

/** Whether text holds control characters other than tab and line ends (they break exports and highlighting). */
export function hasControlCharacters(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127) return true;
  }
  return false;
}

/** Text people type: trimmed, bounded, without control characters. */
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !hasControlCharacters(s), { message: "must not contain control characters" });

/** Text people must type. */
export const requiredText = (max: number) => plainText(max).pipe(z.string().min(1, { message: "is required" }));
