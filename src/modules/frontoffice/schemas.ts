import { z } from "zod";
import { cursorSchema, limitSchema, requiredText } from "../../platform/http/schemas.ts";
import { ticketMessageKinds, ticketStatuses, ticketUrgencies } from "../../platform/vocabulary.ts";

const text = requiredText;

/** At most 3 files of 2 MiB each, sent as base64 inside the JSON body. */
export const maxAttachmentBytes = 2 * 1024 * 1024;
export const attachmentInput = z
  .object({
    filename: text(200).refine((s) => !/[\\/]/.test(s), { message: "field.fileName" }),
    contentType: z
      .string()
      .max(100)
      .regex(/^[\w.+-]+\/[\w.+-]+$/, { message: "field.mediaType" }),
    data: z.base64({ message: "field.base64" }).max(Math.ceil((maxAttachmentBytes * 4) / 3) + 4, {
      message: "field.atMost2MiB",
    }),
  })
  .strict();

export const askBody = z
  .object({
    providerId: z.uuid({ message: "field.uuid" }),
    subject: text(200),
    question: text(10_000),
    domainId: z.string().max(40).nullable().optional(),
    urgency: z.enum(ticketUrgencies).default("normal"),
    attachments: z.array(attachmentInput).max(3, { message: "field.atMostThreeFiles" }).default([]),
  })
  .strict();
export type AskInput = z.infer<typeof askBody>;

export const messageBody = z
  .object({
    kind: z.enum(ticketMessageKinds),
    body: text(10_000),
    attachments: z.array(attachmentInput).max(3, { message: "field.atMostThreeFiles" }).default([]),
  })
  .strict();

export const updateTicketBody = z
  .object({
    assigneeUserId: z.uuid({ message: "field.uuid" }).nullable().optional(),
    theme: text(80).nullable().optional(),
    status: z.enum(["closed", "assigned"]).optional().describe("close a ticket, or reopen a closed one (desk)"),
  })
  .strict();

export const listTicketsQuery = z
  .object({
    scope: z
      .enum(["asked", "desk"])
      .default("asked")
      .describe("asked: your organisation's questions; desk: questions to your organisation"),
    status: z
      .enum([...ticketStatuses, "open"])
      .optional()
      .describe("open: every status but closed"),
    assignee: z.enum(["me", "nobody"]).optional(),
    limit: limitSchema,
    cursor: cursorSchema.optional(),
  })
  .strict();
export type ListTicketsQuery = z.infer<typeof listTicketsQuery>;

const person = z.object({ id: z.uuid(), name: z.string() });
const org = z.object({ id: z.uuid(), name: z.string() });

export const ticketSummarySchema = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    subject: z.string(),
    status: z.enum(ticketStatuses),
    urgency: z.enum(ticketUrgencies),
    theme: z.string().nullable(),
    provider: org,
    asker: org,
    assignee: person.nullable(),
    dueOn: z.string(),
    overdue: z.boolean().describe("Not answered and past its service level"),
    createdAt: z.string(),
    answeredAt: z.string().nullable(),
    isDemo: z.boolean(),
  })
  .meta({ id: "TicketSummary" });

export const ticketSchema = ticketSummarySchema
  .extend({
    question: z.string(),
    askedBy: z.string().nullable(),
    domain: z.object({ id: z.string(), name: z.string() }).nullable(),
    entryId: z.uuid().nullable(),
    version: z.number().int(),
    messages: z.array(
      z.object({
        id: z.uuid(),
        kind: z.enum(ticketMessageKinds),
        body: z.string(),
        author: z.string(),
        fromDesk: z.boolean(),
        createdAt: z.string(),
      }),
    ),
    attachments: z.array(
      z.object({
        id: z.uuid(),
        messageId: z.uuid().nullable(),
        filename: z.string(),
        contentType: z.string(),
        size: z.number().int(),
      }),
    ),
    staff: z.array(person).describe("The desk's people a ticket can be assigned to (desk only)"),
    abilities: z.object({
      reply: z.boolean(),
      work: z.boolean(),
      readNotes: z.boolean(),
      close: z.boolean(),
      reopen: z.boolean(),
      makeEntry: z.boolean(),
    }),
  })
  .meta({ id: "Ticket" });

export const deskStatsSchema = z
  .object({
    themes: z.array(
      z.object({
        theme: z.string().nullable(),
        open: z.number().int(),
        answered: z.number().int(),
        medianAnswerHours: z.number().nullable(),
        missedServiceLevel: z.number().int(),
      }),
    ),
    total: z.object({
      open: z.number().int(),
      answered: z.number().int(),
      medianAnswerHours: z.number().nullable(),
      missedServiceLevel: z.number().int(),
    }),
  })
  .meta({ id: "DeskStats" });
