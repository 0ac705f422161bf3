import { z } from "zod";

/**
 * Shared zod pieces for every module's API: ids, pagination, problem responses. A message is a key of the server's
 * catalogues (`src/platform/messages/`), said in the language of the request that sent the value.
 */
export const uuidParam = z.object({ id: z.uuid({ message: "field.uuid" }) }).strict();

/**
 * A whole number written in a path or query string: digits only, so "0x10", "1e3", " 7" and "" are refused rather
 * than read as some other number.
 */
export const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, { message: "field.wholeNumber" })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: "field.atLeast" }).max(max, { message: "field.atMost" }));

export const limitSchema = wholeNumber(1, 200).default(50);

/**
 * A calendar date, YYYY-MM-DD, in the years 1000 to 9999: the database knows no year 0, and a four-digit year is
 * what every export and calendar expects.
 */
export const isoDate = z.iso
  .date({ message: "field.date" })
  .refine((date) => date >= "1000-01-01", { message: "field.dateRange" });

export const cursorSchema = z
  .string()
  .max(500)
  .regex(/^[A-Za-z0-9_-]+$/, "field.cursor");

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
    .max(max, { message: "field.maxLength" })
    .refine((s) => !hasControlCharacters(s), { message: "field.controlCharacters" });

/**
 * A postal address as it is printed on a letter or an invoice: up to six lines of text people type, each trimmed,
 * empty lines left out; an address of no lines is none.
 */
export const postalAddress = z
  .string()
  .max(300, { message: "field.maxLength" })
  .refine((s) => s.split(/\r\n|\r|\n/).every((line) => !hasControlCharacters(line)), {
    message: "field.controlCharacters",
  })
  .transform((s) =>
    s
      .split(/\r\n|\r|\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .join("\n"),
  )
  .refine((s) => s.split("\n").length <= 6, { message: "field.addressLines" })
  .transform((s) => s || null);

/** Text people must type. */
export const requiredText = (max: number) => plainText(max).pipe(z.string().min(1, { message: "field.required" }));

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
type PatchShape<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> };

/**
 * The body of a PATCH over the fields of a create body: every field optional and without its default, so a field
 * the caller did not name stays as it is. (`.partial()` keeps defaults: a PATCH of one field would reset the others
 * to their defaults.) Unknown fields are refused.
 */
export function patchOf<S extends z.ZodRawShape>(fields: z.ZodObject<S>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(fields.shape) as [string, z.ZodType][]) {
    shape[key] = (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field).optional();
  }
  return z.object(shape as PatchShape<S>).strict();
}

/** The body of a PATCH (see `patchOf`) that names at least one field: an empty change is refused, not a no-op. */
export const changesOf = <S extends z.ZodRawShape>(fields: z.ZodObject<S>) =>
  patchOf(fields).refine((body) => Object.keys(body).length > 0, { message: "field.nameAField" });

/**
 * A web address people follow from Samen's pages, mails and calendar feeds: http or https only, so no
 * `javascript:`, `data:` or `file:` address is ever stored or shown as a link.
 */
export const webAddress = (max: number) =>
  z
    .url({
      protocol: /^https?$/,
      hostname: z.regexes.domain,
      message: "field.webAddress",
    })
    .max(max, { message: "field.maxLength" });

/**
 * A title other organisations receive (in an invitation mail, on their list): text people must type, without web
 * addresses, so no one's invitation carries a link that Samen did not make.
 */
export const titleText = (max: number) =>
  requiredText(max).refine((s) => !/(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i.test(s), {
    message: "field.noWebAddress",
  });

/**
 * Which CSV a download is in: `rfc4180` (comma, decimal point: for programs) or `excel-nl` (semicolon, decimal
 * comma, byte order mark: opens in columns in Dutch and Belgian Excel).
 */
export const csvDialectSchema = z
  .enum(["rfc4180", "excel-nl"])
  .default("rfc4180")
  .describe("rfc4180: comma and decimal point; excel-nl: semicolon, decimal comma and a byte order mark, for Excel");

/** The If-Match header of a change: the ETag the writer read (checked by `expectedVersion`). */
export const ifMatch = z.object({ "if-match": z.string().max(100).optional() });
