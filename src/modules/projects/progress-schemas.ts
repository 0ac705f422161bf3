import { z } from "zod";
import { changesOf, requiredText } from "../../platform/http/schemas.ts";

const reference = z.object({ id: z.uuid(), name: z.string() });

/** Markdown people write: bounded, shown without raw HTML and only with web and mail links. */
const markdown = requiredText(20_000);

export const progressUpdateSchema = z
  .object({
    id: z.uuid(),
    project: reference,
    participant: reference.nullable().describe("The participant whose track it is about, if any"),
    author: z.object({ organisation: reference, name: z.string().nullable() }),
    title: z.string(),
    body: z.string().describe("Markdown"),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
    edited: z.boolean(),
    abilities: z.object({ edit: z.boolean() }),
  })
  .meta({ id: "ProgressUpdate" });

export const revisionSchema = z.object({
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  editedBy: z.string().nullable(),
  editedAt: z.string(),
});

export const postUpdateBody = z
  .object({
    title: requiredText(200),
    body: markdown,
    participantId: z.uuid({ message: "field.uuid" }).nullable().default(null),
  })
  .strict();
export type PostUpdateInput = z.infer<typeof postUpdateBody>;

export const editUpdateBody = changesOf(z.object({ title: requiredText(200), body: markdown }));
export type EditUpdateInput = z.infer<typeof editUpdateBody>;
