import { and, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import {
  organisations,
  policyDomains,
  ticketAttachments,
  ticketMessages,
  tickets,
  userRoles,
  users,
} from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import type { TicketStatus, TicketUrgency } from "../../platform/vocabulary.ts";
import { type TicketView, ticketPolicy } from "./policy.ts";
import type { ListTicketsQuery } from "./schemas.ts";

const assignees = alias(users, "assignees");
const askers = alias(organisations, "askers");
const providers = alias(organisations, "providers");

const summaryColumns = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  status: tickets.status,
  urgency: tickets.urgency,
  theme: tickets.theme,
  providerId: tickets.providerId,
  providerName: providers.name,
  askerOrganisationId: tickets.askerOrganisationId,
  askerName: askers.name,
  assigneeUserId: tickets.assigneeUserId,
  assigneeName: assignees.name,
  dueOn: tickets.dueOn,
  createdAt: tickets.createdAt,
  answeredAt: tickets.answeredAt,
  isDemo: tickets.isDemo,
};

type SummaryRow = {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  urgency: TicketUrgency;
  theme: string | null;
  providerId: string;
  providerName: string;
  askerOrganisationId: string;
  askerName: string;
  assigneeUserId: string | null;
  assigneeName: string | null;
  dueOn: string;
  createdAt: Date;
  answeredAt: Date | null;
  isDemo: boolean;
};

export const today = () => new Date().toISOString().slice(0, 10);

const toSummary = (r: SummaryRow) => ({
  id: r.id,
  number: r.number,
  subject: r.subject,
  status: r.status,
  urgency: r.urgency,
  theme: r.theme,
  provider: { id: r.providerId, name: r.providerName },
  asker: { id: r.askerOrganisationId, name: r.askerName },
  assignee: r.assigneeUserId ? { id: r.assigneeUserId, name: r.assigneeName ?? "" } : null,
  dueOn: r.dueOn,
  overdue: r.answeredAt === null && r.status !== "closed" && r.dueOn < today(),
  createdAt: r.createdAt.toISOString(),
  answeredAt: r.answeredAt?.toISOString() ?? null,
  isDemo: r.isDemo,
});

/** The statement behind a ticket list: a page of the actor's organisation's tickets (asked or to its desk), newest first. */
export function ticketListQuery(db: Queryable, actor: Actor, query: ListTicketsQuery) {
  const own = actor.organisationId as string;
  const conditions: SQL[] = [
    query.scope === "desk" ? eq(tickets.providerId, own) : eq(tickets.askerOrganisationId, own),
  ];
  if (query.status === "open") conditions.push(ne(tickets.status, "closed"));
  else if (query.status) conditions.push(eq(tickets.status, query.status));
  if (query.assignee === "me" && actor.userId) conditions.push(eq(tickets.assigneeUserId, actor.userId));
  if (query.assignee === "nobody") conditions.push(isNull(tickets.assigneeUserId));
  if (query.cursor) {
    const [createdAt, id] = decodeCursor(query.cursor, 2);
    conditions.push(sql`(${tickets.createdAt}, ${tickets.id}) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  return db
    .select(summaryColumns)
    .from(tickets)
    .innerJoin(providers, eq(providers.id, tickets.providerId))
    .innerJoin(askers, eq(askers.id, tickets.askerOrganisationId))
    .leftJoin(assignees, eq(assignees.id, tickets.assigneeUserId))
    .where(and(...conditions))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(query.limit + 1);
}

/** The tickets of the actor's organisation: the questions it asked, or the questions to its desk. Newest first. */
export async function listTickets(db: Queryable, actor: Actor, query: ListTicketsQuery) {
  if (!actor.organisationId) return { items: [], nextCursor: null };
  const rows = await ticketListQuery(db, actor, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  // The policy still has the last word on every row (a platform administrator lists only their own organisation's).
  const visible = page.filter((r) =>
    ticketPolicy.read(actor, { ...r, hasAnswer: r.answeredAt !== null, entryId: null }),
  );
  return {
    items: visible.map(toSummary),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

/** A ticket after its policy allowed the action; refusals to read read as a missing ticket. */
/** A ticket after its policy allowed the action (see the policy); refusals to read look like a missing ticket. */
export async function ticketFor(db: Queryable, actor: Actor, id: string, action: keyof typeof ticketPolicy) {
  const [ticket] = await db.select().from(tickets).where(eq(tickets.id, id));
  if (!ticket) throw notFound("ticket");
  const [answer] = await db
    .select({ id: ticketMessages.id })
    .from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, id), eq(ticketMessages.kind, "answer")))
    .limit(1);
  const view: TicketView = { ...ticket, hasAnswer: !!answer };
  authorize(ticketPolicy, actor, "read", view, { conceal: "ticket" });
  if (action !== "read") authorize(ticketPolicy, actor, action, view);
  return { ticket, view };
}

/**
 * Who may read a ticket's audit history, and which of its events: the history is the ticket's, not the asking
 * organisation's (whose name its events carry), so both sides' administrators read it, and internal-note events
 * only the desk's.
 */
export async function ticketHistoryAccess(db: Queryable, actor: Actor, id: string) {
  const { view } = await ticketFor(db, actor, id, "readHistory");
  const seesNotes = ticketPolicy.readNotes(actor, view);
  return { shows: (action: string) => seesNotes || action !== "message:note" };
}

/** One ticket with its conversation (the desk's notes only for the desk), files and what the actor may do. */
export async function getTicket(db: Queryable, actor: Actor, id: string) {
  const { ticket, view } = await ticketFor(db, actor, id, "read");
  const seesNotes = ticketPolicy.readNotes(actor, view);
  const [[summary], messages, files, domain, staff, asker] = await Promise.all([
    db
      .select(summaryColumns)
      .from(tickets)
      .innerJoin(providers, eq(providers.id, tickets.providerId))
      .innerJoin(askers, eq(askers.id, tickets.askerOrganisationId))
      .leftJoin(assignees, eq(assignees.id, tickets.assigneeUserId))
      .where(eq(tickets.id, id)),
    db
      .select()
      .from(ticketMessages)
      .where(and(eq(ticketMessages.ticketId, id), seesNotes ? undefined : ne(ticketMessages.kind, "note")))
      .orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id)),
    db
      .select({
        id: ticketAttachments.id,
        messageId: ticketAttachments.messageId,
        filename: ticketAttachments.filename,
        contentType: ticketAttachments.contentType,
        size: ticketAttachments.size,
      })
      .from(ticketAttachments)
      .where(eq(ticketAttachments.ticketId, id))
      .orderBy(asc(ticketAttachments.createdAt)),
    ticket.domainId
      ? db
          .select({ id: policyDomains.id, name: policyDomains.name })
          .from(policyDomains)
          .where(eq(policyDomains.id, ticket.domainId))
      : Promise.resolve([]),
    seesNotes
      ? db
          .select({ id: users.id, name: users.name })
          .from(userRoles)
          .innerJoin(users, eq(users.id, userRoles.userId))
          .where(
            and(
              eq(userRoles.organisationId, ticket.providerId),
              inArray(userRoles.role, ["editor", "admin"]),
              isNull(users.disabledAt),
            ),
          )
          .orderBy(asc(users.name))
      : Promise.resolve([]),
    ticket.askerUserId
      ? db.select({ name: users.name }).from(users).where(eq(users.id, ticket.askerUserId))
      : Promise.resolve([]),
  ]);
  if (!summary) throw notFound("ticket");
  // Messages whose file list the reader may not see (a note's files) are left out with the note.
  const shownMessages = new Set(messages.map((m) => m.id));
  return {
    ...toSummary(summary),
    question: ticket.question,
    askedBy: asker[0]?.name ?? null,
    domain: domain[0] ?? null,
    entryId: ticket.entryId,
    version: ticket.version,
    messages: messages.map((m) => ({
      id: m.id,
      kind: m.kind,
      body: m.body,
      author: m.authorName,
      fromDesk: m.authorOrganisationId === ticket.providerId,
      createdAt: m.createdAt.toISOString(),
    })),
    attachments: files.filter((f) => f.messageId === null || shownMessages.has(f.messageId)),
    staff,
    abilities: abilitiesOf(ticketPolicy, actor, view) as Record<
      "reply" | "work" | "readNotes" | "close" | "reopen" | "makeEntry" | "read",
      boolean
    >,
  };
}
