import { and, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { organisations, ticketAttachments, tickets, users } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { inBothLanguages, type Language, say, sayDay } from "../../platform/i18n.ts";
import type { Mailer } from "../../platform/mail.ts";
import { authorize } from "../../platform/policy.ts";
import type { TicketUrgency } from "../../platform/vocabulary.ts";
import { addWorkingDays, todayIn } from "../../platform/working-days.ts";
import { editorsOf } from "../accounts/editors.ts";
import { cataloguePolicy } from "../catalogue/policy.ts";
import { catalogueFor } from "../catalogue/queries.ts";
import { checkDomains } from "../collaborations/write-collaboration.ts";
import type { AskInput } from "./schemas.ts";
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

export type Attachment = { filename: string; contentType: string; data: string };

export async function storeAttachments(tx: Tx, ticketId: string, messageId: string | null, files: Attachment[]) {
  for (const [i, file] of files.entries()) {
    const data = Buffer.from(file.data, "base64");
    if (data.length > maxAttachmentBytes) {
      throw new AppError("validation_failed", "problem.attachmentTooLarge", [
        { field: `attachments.${i}.data`, message: "field.atMost2MiB" },
      ]);
    }
    await tx
      .insert(ticketAttachments)
      .values({ ticketId, messageId, filename: file.filename, contentType: file.contentType, size: data.length, data });
  }
}

/** The desk's people who get mail about a new question: the provider's editors and administrators. */
export async function deskAddresses(tx: Queryable, providerId: string) {
  return (await editorsOf(tx, [providerId])).map((e) => e.email);
}

export async function emailOf(tx: Queryable, userId: string | null) {
  if (!userId) return null;
  const [user] = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  return user?.email ?? null;
}

/**
 * Mails a ticket's news to the addresses given (each once): the lines in Dutch, then in English, with the link.
 * `words` says a message of the front office's catalogue (`frontoffice.mail.<what>`) with its values in a language.
 */
export async function mail(
  notify: Notifier,
  tx: Tx,
  to: (string | null)[],
  what: string,
  words: (language: Language) => Record<string, string | number>,
  link: string,
) {
  const subject = say("nl", { key: `frontoffice.mail.${what}.subject`, params: words("nl") });
  const text = inBothLanguages((language) => [
    say(language, { key: `frontoffice.mail.${what}.body`, params: words(language) }),
    "",
    link,
    "",
    say(language, { key: "frontoffice.mail.footer" }),
  ]);
  for (const address of new Set(to.filter((a): a is string => !!a)))
    await notify.mailer.queue(tx, { to: address, subject, text });
}

export const ticketLink = (notify: Notifier, id: string) => `${notify.publicUrl}/frontoffice/${id}`;

/** A municipality asks the provider's front office a question; it becomes a ticket with a service level. */
export async function askQuestion(tx: Tx, ctx: RequestContext, notify: Notifier, input: AskInput) {
  const catalogue = await catalogueFor(tx, ctx.actor, input.providerId, "read");
  authorize(cataloguePolicy, ctx.actor, "ask", catalogue);
  if (input.domainId)
    await checkDomains(tx, [input.domainId]).catch(() => {
      throw new AppError("validation_failed", "problem.unknownPolicyDomain", [
        { field: "domainId", message: "field.notAPolicyDomain" },
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
  const about = (language: Language) => ({
    number: ticket.number,
    subject: ticket.subject,
    provider: catalogue.provider.name,
    asker: asker?.name ?? "",
    dueOn: sayDay(dueOn, language),
    urgency: say(language, { key: `frontoffice.urgency.${ticket.urgency}` }),
  });
  await mail(notify, tx, [await emailOf(tx, ctx.actor.userId)], "received", about, link);
  await mail(notify, tx, await deskAddresses(tx, catalogue.providerId), "new", about, link);
  return ticket;
}
