import { and, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import { type Queryable, rowsOf, type Tx } from "../../platform/db/client.ts";
import {
  organisations,
  policyDomains,
  ticketAttachments,
  ticketMessages,
  tickets,
  userRoles,
  users,
} from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.ts";
import type { Mailer } from "../../platform/mail.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import type { TicketMessageKind, TicketStatus, TicketUrgency } from "../../platform/vocabulary.ts";
import { addWorkingDays, todayIn } from "../../platform/working-days.ts";
import { insertEntry } from "../catalogue/entries.ts";
import { cataloguePolicy } from "../catalogue/policy.ts";
import { catalogueFor } from "../catalogue/queries.ts";
import { entryFields } from "../catalogue/schemas.ts";
import { checkDomains } from "../collaborations/write-collaboration.ts";
import { type TicketView, ticketPolicy } from "./policy.ts";
import type { AskInput, ListTicketsQuery } from "./schemas.ts";
import { maxAttachmentBytes } from "./schemas.ts";

/** What use cases need to tell people: the mail queue and the address of the web app. */
export interface Notifier {
  mailer: Mailer;
  publicUrl: string;
}

/**
 * The service level in working days for an urgency: the catalogue's days for normal questions, half of them
 * (rounded up) for urgent ones, twice as many for questions that can wait.
 */
export function serviceLevelDays(days: number, urgency: TicketUrgency) {
  if (urgency === "high") return Math.max(1, Math.ceil(days / 2));
  if (urgency === "low") return days * 2;
  return days;
}

type Attachment = { filename: string; contentType: string; data: string };

async function storeAttachments(tx: Tx, ticketId: string, messageId: string | null, files: Attachment[]) {
  for (const [i, file] of files.entries()) {
    const data = Buffer.from(file.data, "base64");
    if (data.length > maxAttachmentBytes) {
      throw new AppError("validation_failed", "An attachment is too large.", [
        { field: `attachments.${i}.data`, message: "must be at most 2 MiB" },
      ]);
    }
    await tx
      .insert(ticketAttachments)
      .values({ ticketId, messageId, filename: file.filename, contentType: file.contentType, size: data.length, data });
  }
}

/** The desk's people who get mail about a new question: the provider's editors and administrators. */
async function deskAddresses(tx: Queryable, providerId: string) {
  const rows = await tx
    .select({ email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        eq(userRoles.organisationId, providerId),
        inArray(userRoles.role, ["editor", "admin"]),
        isNull(users.disabledAt),
      ),
    );
  return rows.map((r) => r.email);
}

async function emailOf(tx: Queryable, userId: string | null) {
  if (!userId) return null;
  const [user] = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  return user?.email ?? null;
}

async function mail(notify: Notifier, tx: Tx, to: (string | null)[], subject: string, lines: string[], link: string) {
  const text = [...lines, "", link, "", "---", "Samen: open the link to read and answer."].join("\n");
  for (const address of new Set(to.filter((a): a is string => !!a)))
    await notify.mailer.queue(tx, { to: address, subject, text });
}

const ticketLink = (notify: Notifier, id: string) => `${notify.publicUrl}/frontoffice/${id}`;

/** A municipality asks the provider's front office a question; it becomes a ticket with a service level. */
export async function askQuestion(tx: Tx, ctx: RequestContext, notify: Notifier, input: AskInput) {
  const catalogue = await catalogueFor(tx, ctx.actor, input.providerId, "read");
  authorize(cataloguePolicy, ctx.actor, "ask", catalogue);
  if (input.domainId)
    await checkDomains(tx, [input.domainId]).catch(() => {
      throw new AppError("validation_failed", "Unknown policy domain.", [
        { field: "domainId", message: "is not a policy domain" },
      ]);
    });
  const country = catalogue.provider.country;
  const dueOn = addWorkingDays(todayIn(country), serviceLevelDays(catalogue.serviceLevelDays, input.urgency), country);
  const [ticket] = await tx
    .insert(tickets)
    .values({
      providerId: catalogue.providerId,
      askerOrganisationId: ctx.actor.organisationId as string,
      askerUserId: ctx.actor.userId,
      subject: input.subject,
      question: input.question,
      domainId: input.domainId ?? null,
      urgency: input.urgency,
      dueOn,
    })
    .returning();
  if (!ticket) throw new Error("ticket not stored");
  await storeAttachments(tx, ticket.id, null, input.attachments);
  await recordAudit(tx, ctx, {
    entityType: "ticket",
    entityId: ticket.id,
    ownerOrganisationId: ticket.askerOrganisationId,
    action: "create",
    after: {
      number: ticket.number,
      providerId: ticket.providerId,
      subject: ticket.subject,
      urgency: ticket.urgency,
      dueOn,
    },
  });
  const [asker] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, ticket.askerOrganisationId));
  const link = ticketLink(notify, ticket.id);
  await mail(
    notify,
    tx,
    [await emailOf(tx, ctx.actor.userId)],
    `Samen: vraag ${ticket.number} ontvangen / question received`,
    [
      `Uw vraag "${ticket.subject}" kwam aan bij de frontoffice van ${catalogue.provider.name}.`,
      `U krijgt een antwoord uiterlijk op ${dueOn}.`,
    ],
    link,
  );
  await mail(
    notify,
    tx,
    await deskAddresses(tx, catalogue.providerId),
    `Samen: nieuwe vraag ${ticket.number} van ${asker?.name ?? ""}`,
    [
      `${asker?.name ?? ""} stelt een vraag aan de frontoffice: "${ticket.subject}".`,
      `Antwoord uiterlijk op ${dueOn} (dringendheid: ${ticket.urgency}).`,
    ],
    link,
  );
  return ticket;
}

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

const today = () => new Date().toISOString().slice(0, 10);

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

/** The tickets of the actor's organisation: the questions it asked, or the questions to its desk. Newest first. */
export async function listTickets(db: Queryable, actor: Actor, query: ListTicketsQuery) {
  const own = actor.organisationId;
  if (!own) return { items: [], nextCursor: null };
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
  const rows = await db
    .select(summaryColumns)
    .from(tickets)
    .innerJoin(providers, eq(providers.id, tickets.providerId))
    .innerJoin(askers, eq(askers.id, tickets.askerOrganisationId))
    .leftJoin(assignees, eq(assignees.id, tickets.assigneeUserId))
    .where(and(...conditions))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(query.limit + 1);
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
async function ticketFor(db: Queryable, actor: Actor, id: string, action: keyof typeof ticketPolicy) {
  const [ticket] = await db.select().from(tickets).where(eq(tickets.id, id));
  if (!ticket) throw notFound("No such ticket.");
  const [answer] = await db
    .select({ id: ticketMessages.id })
    .from(ticketMessages)
    .where(and(eq(ticketMessages.ticketId, id), eq(ticketMessages.kind, "answer")))
    .limit(1);
  const view: TicketView = { ...ticket, hasAnswer: !!answer };
  authorize(ticketPolicy, actor, "read", view, { conceal: "No such ticket." });
  if (action !== "read") authorize(ticketPolicy, actor, action, view);
  return { ticket, view };
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
  if (!summary) throw notFound("No such ticket.");
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
  if (input.kind === "answer" || input.kind === "question") {
    const subject =
      input.kind === "answer"
        ? `Samen: antwoord op vraag ${ticket.number} / your question was answered`
        : `Samen: vraag ${ticket.number} wacht op u / waiting for you`;
    await mail(
      notify,
      tx,
      [await emailOf(tx, ticket.askerUserId)],
      subject,
      [
        input.kind === "answer"
          ? `De frontoffice beantwoordde uw vraag "${ticket.subject}".`
          : `De frontoffice heeft een vraag over "${ticket.subject}" en wacht op uw antwoord.`,
      ],
      link,
    );
  } else if (input.kind === "reply") {
    const to = ticket.assigneeUserId
      ? [await emailOf(tx, ticket.assigneeUserId)]
      : await deskAddresses(tx, ticket.providerId);
    await mail(
      notify,
      tx,
      to,
      `Samen: reactie op vraag ${ticket.number}`,
      [`De vrager reageerde op "${ticket.subject}".`],
      link,
    );
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
    throw new AppError(
      "precondition_failed",
      `This ticket was changed since you read it (you have version ${expectedVersion}, it is now ${ticket.version}).`,
    );
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
      throw new AppError("validation_failed", "Only the desk's editors and administrators can take a ticket.", [
        { field: "assigneeUserId", message: "is not an editor or administrator of the provider" },
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
  if (!updated) throw new AppError("precondition_failed", "This ticket was changed since you read it.");
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
      `Samen: vraag ${ticket.number} is aan u toegewezen`,
      [`${ctx.actor.name} wees de vraag "${ticket.subject}" aan u toe. Antwoord uiterlijk op ${ticket.dueOn}.`],
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
  if (!file || (file.kind === "note" && !ticketPolicy.readNotes(actor, view))) throw notFound("No such attachment.");
  return file;
}

/**
 * The desk's figures per theme: open tickets, answered ones, the median time to the first answer (hours), and
 * tickets that missed their service level (answered after the due day, or still unanswered past it).
 */
export async function deskStats(db: Queryable, actor: Actor, providerId: string) {
  const catalogue = await catalogueFor(db, actor, providerId, "readDesk");
  const country = catalogue.provider.country;
  const day = todayIn(country);
  const timeZone = country === "BE" ? "Europe/Brussels" : "Europe/Amsterdam";
  const rows = await rowsOf<{
    total: boolean;
    theme: string | null;
    open: number;
    answered: number;
    median: number | null;
    missed: number;
  }>(
    db,
    sql`SELECT grouping(theme) = 1 AS total, theme,
          count(*) FILTER (WHERE status <> 'closed' AND answered_at IS NULL)::int AS open,
          count(*) FILTER (WHERE answered_at IS NOT NULL)::int AS answered,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - created_at) / 3600)
            FILTER (WHERE answered_at IS NOT NULL) AS median,
          count(*) FILTER (WHERE (answered_at IS NOT NULL AND (answered_at AT TIME ZONE ${timeZone})::date > due_on)
                              OR (answered_at IS NULL AND status <> 'closed' AND due_on < ${day}::date))::int AS missed
        FROM tickets WHERE provider_id = ${providerId}
        GROUP BY GROUPING SETS ((theme), ())
        ORDER BY grouping(theme), theme NULLS LAST`,
  );
  const round = (n: number | null) => (n === null ? null : Math.round(Number(n) * 10) / 10);
  const total = rows.find((r) => r.total);
  return {
    themes: rows
      .filter((r) => !r.total)
      .map((r) => ({
        theme: r.theme,
        open: Number(r.open),
        answered: Number(r.answered),
        medianAnswerHours: round(r.median),
        missedServiceLevel: Number(r.missed),
      })),
    total: {
      open: Number(total?.open ?? 0),
      answered: Number(total?.answered ?? 0),
      medianAnswerHours: round(total?.median ?? null),
      missedServiceLevel: Number(total?.missed ?? 0),
    },
  };
}
