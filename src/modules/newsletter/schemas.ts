import { z } from "zod";
import { changesOf, plainText, requiredText } from "../../platform/http/schemas.ts";
import { deliveryStatuses, issueStatuses, subscriberStatuses } from "../../platform/vocabulary.ts";

/** An e-mail address as people type it: trimmed, one @, a domain with a dot, no spaces. */
export const emailAddress = z
  .string()
  .trim()
  .max(254, { message: "field.maxLength" })
  .pipe(z.email({ message: "field.email" }));

export const subscriberSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string().nullable(),
    organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    status: z.enum(subscriberStatuses),
    createdAt: z.string(),
    confirmedAt: z.string().nullable(),
  })
  .meta({ id: "NewsletterSubscriber" });

export const subscriberListSchema = z.object({
  items: z.array(subscriberSchema),
  counts: z.record(z.enum(subscriberStatuses), z.number().int()),
});

export const addSubscriberBody = z
  .object({ email: emailAddress, name: plainText(200).nullable().default(null) })
  .strict();

export const subscribeBody = z.object({ email: emailAddress, name: plainText(200).nullable().default(null) }).strict();

export const tokenBody = z
  .object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { message: "field.invalid" }) })
  .strict();

const itemSchema = z.object({
  kind: z.enum(["update", "entry", "survey", "purchase", "text"]),
  title: requiredText(200),
  body: plainText(10_000).describe("Markdown"),
  url: z
    .string()
    .max(500)
    .regex(/^https?:\/\//, { message: "field.webAddress" })
    .nullable(),
  sourceId: z.uuid().nullable(),
});

export const issueSchema = z
  .object({
    id: z.uuid(),
    provider: z.object({ id: z.uuid(), name: z.string() }),
    month: z.string(),
    subject: z.string(),
    intro: z.string(),
    items: z.array(itemSchema),
    status: z.enum(issueStatuses),
    sentAt: z.string().nullable(),
    version: z.number().int(),
    deliveries: z.record(z.enum(deliveryStatuses), z.number().int()),
    abilities: z.object({ manage: z.boolean(), send: z.boolean() }),
  })
  .meta({ id: "NewsletterIssue" });

export const composeBody = z
  .object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "field.month" }) })
  .strict();

export const editIssueBody = changesOf(
  z.object({ subject: requiredText(200), intro: plainText(10_000), items: z.array(itemSchema).max(50) }),
);
export type EditIssueInput = z.infer<typeof editIssueBody>;

export const archivedIssueSchema = z
  .object({
    id: z.uuid(),
    provider: z.object({ id: z.uuid(), name: z.string() }),
    month: z.string(),
    subject: z.string(),
    sentAt: z.string(),
    html: z.string().describe("The issue as it was mailed, without the personal links"),
  })
  .meta({ id: "ArchivedNewsletterIssue" });
