import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { fileSchema } from "../../platform/http/download.ts";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { mutate, requireActor } from "../../platform/http/request.ts";
import {
  ifMatch,
  pageSchema,
  problemResponses,
  uuidParam,
  writeProblemResponses,
} from "../../platform/http/schemas.ts";
import { providerParam } from "../catalogue/schemas.ts";
import { askQuestion, type Notifier } from "./ask.ts";
import { getAttachment, postMessage, ticketToEntry, updateTicket } from "./conversation.ts";
import { deskStats } from "./desk-stats.ts";
import {
  askBody,
  deskStatsSchema,
  listTicketsQuery,
  messageBody,
  ticketSchema,
  ticketSummarySchema,
  updateTicketBody,
} from "./schemas.ts";
import { getTicket, listTickets } from "./ticket-queries.ts";

const tags = ["front office"];
/** Questions may carry three files of 2 MiB in base64. */
const ticketBodyLimit = 9 * 1024 * 1024;

/** File types a browser may be handed as they are; anything else is sent as bytes. */
const safeTypes = new Set(["application/pdf", "image/png", "image/jpeg", "text/plain", "text/csv"]);

export async function frontOfficeRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.platform.database.db;
  const notify: Notifier = { mailer: base.platform.mailer, publicUrl: base.platform.config.publicUrl };

  app.get(
    "/tickets",
    {
      schema: {
        tags,
        summary: "Your organisation's questions (scope=asked) or the questions to its desk (scope=desk), newest first",
        querystring: listTicketsQuery,
        response: { 200: pageSchema(ticketSummarySchema), ...problemResponses },
      },
    },
    async (request) => listTickets(db, requireActor(request), request.query),
  );

  app.post(
    "/tickets",
    {
      bodyLimit: ticketBodyLimit,
      schema: {
        tags,
        summary: "Ask a provider's front office a question the catalogue did not answer",
        body: askBody,
        response: { 201: ticketSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const ticket = await mutate(request, (tx, ctx) => askQuestion(tx, ctx, notify, request.body));
      const full = await getTicket(db, requireActor(request), ticket.id);
      reply.status(201).header("etag", etagOf(full.version)).header("location", `/api/tickets/${ticket.id}`);
      return full;
    },
  );

  app.get(
    "/tickets/:id",
    {
      schema: {
        tags,
        summary: "One ticket with its conversation (internal notes for the desk only)",
        params: uuidParam,
        response: { 200: ticketSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const ticket = await getTicket(db, requireActor(request), request.params.id);
      reply.header("etag", etagOf(ticket.version));
      return ticket;
    },
  );

  app.patch(
    "/tickets/:id",
    {
      schema: {
        tags,
        summary: "Assign a ticket, set its theme, close or reopen it (send If-Match)",
        params: uuidParam,
        body: updateTicketBody,
        headers: ifMatch,
        response: { 200: ticketSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) => updateTicket(tx, ctx, notify, request.params.id, version, request.body));
      const ticket = await getTicket(db, requireActor(request), request.params.id);
      reply.header("etag", etagOf(ticket.version));
      return ticket;
    },
  );

  app.post(
    "/tickets/:id/messages",
    {
      bodyLimit: ticketBodyLimit,
      schema: {
        tags,
        summary:
          "Write in a ticket: the asker replies; the desk asks back (waiting), answers (answered) or notes internally",
        params: uuidParam,
        body: messageBody,
        response: { 201: ticketSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => postMessage(tx, ctx, notify, request.params.id, request.body));
      const ticket = await getTicket(db, requireActor(request), request.params.id);
      reply.status(201).header("etag", etagOf(ticket.version));
      return ticket;
    },
  );

  app.post(
    "/tickets/:id/catalogue-entry",
    {
      schema: {
        tags,
        summary: "Turn the ticket's answer into a draft entry of the provider's catalogue",
        params: uuidParam,
        response: { 201: z.object({ id: z.uuid(), key: z.string() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const entry = await mutate(request, (tx, ctx) => ticketToEntry(tx, ctx, request.params.id));
      reply.status(201).header("location", `/api/catalogue-entries/${entry.id}`);
      return entry;
    },
  );

  app.get(
    "/tickets/:id/attachments/:attachmentId",
    {
      schema: {
        tags,
        summary: "Download a file sent with a ticket",
        params: uuidParam.extend({ attachmentId: z.uuid({ message: "field.uuid" }) }).strict(),
        response: { 200: fileSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const file = await getAttachment(db, requireActor(request), request.params.id, request.params.attachmentId);
      const name = encodeURIComponent(file.filename);
      // The bytes go out as they are: a Buffer is never serialised against the response schema.
      return (reply as unknown as FastifyReply)
        .header("content-type", safeTypes.has(file.contentType) ? file.contentType : "application/octet-stream")
        .header("content-disposition", `attachment; filename*=UTF-8''${name}`)
        .header("content-security-policy", "sandbox")
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .send(file.data);
    },
  );

  app.get(
    "/catalogues/:providerId/desk-stats",
    {
      schema: {
        tags,
        summary: "The desk per theme: open tickets, median answer time, missed service levels",
        params: providerParam,
        response: { 200: deskStatsSchema, ...problemResponses },
      },
    },
    async (request) => deskStats(db, requireActor(request), request.params.providerId),
  );
}
