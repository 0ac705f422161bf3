import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { ticketAttachments, ticketMessages, tickets, userRoles } from "../../platform/db/schema.ts";
import { stale } from "../../platform/db/versioned.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { sayDay } from "../../platform/i18n.ts";
import { authorize } from "../../platform/policy.ts";
import type { TicketMessageKind, TicketStatus } from "../../platform/vocabulary.ts";
import { insertEntry } from "../catalogue/entries.ts";
import { catalogueFor } from "../catalogue/queries.ts";
import { entryFields } from "../catalogue/schemas.ts";
import { type Attachment, deskAddresses, emailOf, mail, type Notifier, storeAttachments, ticketLink } from "./ask.ts";
import { ticketPolicy } from "./policy.ts";
import { ticketFor } from "./ticket-queries.ts";

/** Which side may write which kind of message, and the status it leaves the ticket in. */
const transitions: Record<
  TicketMessageKind,
  { action: "reply" | "work"; next: (t: { status: TicketStatus; assigneeUserId: string | null }) => TicketStatus }
> = {
  reply: { action: "reply", next: (t) => (t.assigneeUserId ? "assigned" : "new") },
  question: { action: "work", next: () => "waiting" },
  answer: { action: "work", next: () => "answered" },
  note: { action: "work", next: (t) => t.status },
};

/** Adds a message to a ticket's conversation and moves the ticket on; tells the other side by mail. */
export async function postMessage(
  tx: Tx,
  ctx: RequestContext,
  notify: Notifier,
  id: string,
  input: { kind: TicketMessageKind; body: string; attachments: Attachment[] },
) {
  const rule = transitions[input.kind];
  const { ticket } = await ticketFor(tx, ctx.actor, id, rule.action);
  const [message] = await tx
    .insert(ticketMessages)
    .values({
      ticketId: id,
      kind: input.kind,
      body: input.body,
      authorUserId: ctx.actor.userId,
      authorName: ctx.actor.name,
      authorOrganisationId: ctx.actor.organisationId,
    })
    .returning();
  if (!message) throw new Error("message not stored");
  await storeAttachments(tx, id, message.id, input.attachments);
  const status = rule.next(ticket);
  const now = new Date();
  await tx
    .update(tickets)
    .set({
      status,
      version: sql`${tickets.version} + 1`,
      updatedAt: now,
      ...(input.kind === "answer" && !ticket.answeredAt ? { answeredAt: now } : {}),
      // The desk picks up a question it answers or asks about, when nobody had it yet.
      ...(rule.action === "work" && !ticket.assigneeUserId && input.kind !== "note"
        ? { assigneeUserId: ctx.actor.userId }
        : {}),
    })
    .where(eq(tickets.id, id));
  await recordAudit(tx, ctx, {
    entityType: "ticket",
    entityId: id,
    ownerOrganisationId: ticket.askerOrganisationId,
    action: `message:${input.kind}`,
    before: { status: ticket.status },
    after: { status, messageId: message.id },
  });
  const link = ticketLink(notify, id);
  const about = () => ({ number: ticket.number, subject: ticket.subject });
  if (input.kind === "answer" || input.kind === "question") {
    const what = input.kind === "answer" ? "answered" : "waiting";
    await mail(notify, tx, [await emailOf(tx, ticket.askerUserId)], what, about, link);
  } else if (input.kind === "reply") {
    const to = ticket.assigneeUserId
      ? [await emailOf(tx, ticket.assigneeUserId)]
      : await deskAddresses(tx, ticket.providerId);
    await mail(notify, tx, to, "reply", about, link);
  }
  return message;
}

/** Assigns, sets the theme, closes or reopens a ticket (If-Match on its version). */
export async function updateTicket(
  tx: Tx,
  ctx: RequestContext,
  notify: Notifier,
  id: string,
  expectedVersion: number,
  changes: {
    assigneeUserId?: string | null | undefined;
    theme?: string | null | undefined;
    status?: "closed" | "assigned" | undefined;
  },
) {
  const { ticket, view } = await ticketFor(tx, ctx.actor, id, "read");
  if (changes.status === "closed") authorize(ticketPolicy, ctx.actor, "close", view);
  else if (changes.status === "assigned") authorize(ticketPolicy, ctx.actor, "reopen", view);
  if (changes.assigneeUserId !== undefined || changes.theme !== undefined) {
    // A closed ticket may still get its theme and assignee right when the desk reopens it in the same change.
    authorize(ticketPolicy, ctx.actor, "work", changes.status === "assigned" ? { ...view, status: "assigned" } : view);
  }
  if (ticket.version !== expectedVersion) {
    throw stale("changed", expectedVersion, ticket.version);
  }
  if (changes.assigneeUserId) {
    const [staff] = await tx
      .select({ id: userRoles.userId })
      .from(userRoles)
      .where(
        and(
          eq(userRoles.userId, changes.assigneeUserId),
          eq(userRoles.organisationId, ticket.providerId),
          inArray(userRoles.role, ["editor", "admin"]),
        ),
      );
    if (!staff) {
      throw new AppError("validation_failed", "problem.deskTakesTicket", [
        { field: "assigneeUserId", message: "field.notProviderEditor" },
      ]);
    }
  }
  const assignee = changes.assigneeUserId !== undefined ? changes.assigneeUserId : ticket.assigneeUserId;
  let status: TicketStatus = ticket.status;
  if (changes.status === "closed") status = "closed";
  else if (changes.status === "assigned") status = assignee ? "assigned" : "new";
  else if (ticket.status === "new" && assignee) status = "assigned";
  else if (ticket.status === "assigned" && !assignee) status = "new";
  const [updated] = await tx
    .update(tickets)
    .set({
      ...(changes.theme !== undefined ? { theme: changes.theme } : {}),
      assigneeUserId: assignee,
      status,
      closedAt: status === "closed" ? new Date() : null,
      version: sql`${tickets.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(tickets.id, id), eq(tickets.version, expectedVersion)))
    .returning({ version: tickets.version });
  if (!updated) throw new AppError("precondition_failed", "problem.changed.ticket");
  await recordAudit(tx, ctx, {
    entityType: "ticket",
    entityId: id,
    ownerOrganisationId: ticket.askerOrganisationId,
    action: "update",
    before: { assigneeUserId: ticket.assigneeUserId, theme: ticket.theme, status: ticket.status },
    after: { ...changes, status },
  });
  if (
    changes.assigneeUserId &&
    changes.assigneeUserId !== ticket.assigneeUserId &&
    changes.assigneeUserId !== ctx.actor.userId
  ) {
    await mail(
      notify,
      tx,
      [await emailOf(tx, changes.assigneeUserId)],
      "assigned",
      (language) => ({
        number: ticket.number,
        subject: ticket.subject,
        by: ctx.actor.name,
        dueOn: sayDay(ticket.dueOn, language),
      }),
      ticketLink(notify, id),
    );
  }
  return updated.version;
}

/** Turns a ticket's answer into a draft catalogue entry of the provider, linked to the ticket. */
export async function ticketToEntry(tx: Tx, ctx: RequestContext, id: string) {
  const { ticket } = await ticketFor(tx, ctx.actor, id, "makeEntry");
  const catalogue = await catalogueFor(tx, ctx.actor, ticket.providerId, "manage");
  const [answer] = await tx
    .select({ body: ticketMessages.body })
    .from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, id), eq(ticketMessages.kind, "answer")))
    .orderBy(desc(ticketMessages.createdAt))
    .limit(1);
  const question = ticket.subject.endsWith("?") ? ticket.subject : `${ticket.subject}?`;
  const fields = entryFields.parse({
    question: question.slice(0, 300),
    answer: answer?.body ?? "",
    theme: ticket.theme ?? "Algemeen",
    domainIds: ticket.domainId ? [ticket.domainId] : [],
    status: "draft",
  });
  const entry = await insertEntry(tx, ctx, catalogue, fields, { sourceTicketId: ticket.id });
  await tx
    .update(tickets)
    .set({ entryId: entry.id, version: sql`${tickets.version} + 1`, updatedAt: new Date() })
    .where(eq(tickets.id, id));
  await recordAudit(tx, ctx, {
    entityType: "ticket",
    entityId: id,
    ownerOrganisationId: ticket.askerOrganisationId,
    action: "make-entry",
    after: { entryId: entry.id, key: entry.key },
  });
  return entry;
}

/** One attachment's bytes, for whoever may read the ticket (and, for a note's files, the desk). */
export async function getAttachment(db: Queryable, actor: Actor, ticketId: string, attachmentId: string) {
  const { view } = await ticketFor(db, actor, ticketId, "read");
  const [file] = await db
    .select({
      filename: ticketAttachments.filename,
      contentType: ticketAttachments.contentType,
      data: ticketAttachments.data,
      kind: ticketMessages.kind,
    })
    .from(ticketAttachments)
    .leftJoin(ticketMessages, eq(ticketMessages.id, ticketAttachments.messageId))
    .where(and(eq(ticketAttachments.id, attachmentId), eq(ticketAttachments.ticketId, ticketId)));
  if (!file || (file.kind === "note" && !ticketPolicy.readNotes(actor, view))) throw notFound("attachment");
  return file;
}
