import { and, asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { newsletterSubscribers, organisations, userRoles, users } from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { type Language, say } from "../../platform/i18n.ts";
import type { Mailer } from "../../platform/mail.ts";
import { authorize } from "../../platform/policy.ts";
import { subscriberStatuses } from "../../platform/vocabulary.ts";
import { newsletterPolicy } from "./policy.ts";
import { confirmPage, validToken } from "./tokens.ts";

export interface LinkDeps {
  mailer: Mailer;
  publicUrl: string;
  secret: string;
}

async function providerName(db: Queryable, providerId: string) {
  const [provider] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, providerId));
  if (!provider) throw notFound("organisation");
  return provider.name;
}

/**
 * Adds an address to a provider's subscribers. A user of Samen (known by that address) is confirmed at once; any
 * other address gets a mail with a link to confirm (double opt-in) and receives nothing before it does. An address
 * already there is left as it is, so no one is subscribed again after unsubscribing, and nothing tells a stranger
 * whether an address was known.
 */
export async function addSubscriber(
  tx: Tx,
  deps: LinkDeps,
  input: { providerId: string; email: string; name: string | null; language: Language },
) {
  const email = input.email.toLowerCase();
  const [user] = await tx
    .select({ id: users.id, name: users.name, organisationId: userRoles.organisationId })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(sql`lower(${users.email}) = ${email}`, sql`${users.disabledAt} IS NULL`))
    .limit(1);
  const [row] = await tx
    .insert(newsletterSubscribers)
    .values({
      providerId: input.providerId,
      email,
      name: input.name ?? user?.name ?? null,
      userId: user?.id ?? null,
      organisationId: user?.organisationId ?? null,
      status: user ? "confirmed" : "unconfirmed",
      confirmedAt: user ? new Date() : null,
    })
    .onConflictDoNothing()
    .returning({ id: newsletterSubscribers.id, status: newsletterSubscribers.status });
  if (row?.status === "unconfirmed") {
    const provider = await providerName(tx, input.providerId);
    await deps.mailer.queue(tx, {
      to: email,
      subject: say(input.language, { key: "newsletter.confirmSubject", params: { provider } }),
      text: say(input.language, {
        key: "newsletter.confirmText",
        params: { provider, link: confirmPage(deps.publicUrl, deps.secret, row.id) },
      }),
    });
  }
  return row ?? null;
}

/** An editor adds a subscriber (audited); the same rules as subscribing oneself. */
export async function addSubscriberAsEditor(
  tx: Tx,
  ctx: RequestContext,
  deps: LinkDeps,
  providerId: string,
  input: { email: string; name: string | null },
) {
  authorize(newsletterPolicy, ctx.actor, "manage", { providerId });
  const added = await addSubscriber(tx, deps, { providerId, ...input, language: ctx.language ?? "nl" });
  if (added)
    await recordAudit(tx, ctx, {
      entityType: "newsletter_subscriber",
      entityId: added.id,
      ownerOrganisationId: providerId,
      action: "add",
      after: { status: added.status },
    });
}

/** Confirms a subscription by its link: once; a wrong or old link changes nothing. */
export async function confirmSubscription(tx: Tx, secret: string, id: string, token: string) {
  if (!validToken(secret, "confirm", id, token)) throw notFound("subscription");
  const [row] = await tx
    .update(newsletterSubscribers)
    .set({ status: "confirmed", confirmedAt: new Date() })
    .where(and(eq(newsletterSubscribers.id, id), eq(newsletterSubscribers.status, "unconfirmed")))
    .returning({ id: newsletterSubscribers.id });
  if (!row) {
    const [existing] = await tx
      .select({ status: newsletterSubscribers.status })
      .from(newsletterSubscribers)
      .where(eq(newsletterSubscribers.id, id));
    if (!existing) throw notFound("subscription");
    if (existing.status === "unsubscribed") throw new AppError("conflict", "problem.unsubscribed");
  }
}

/** Unsubscribes by the link in every mail (one click, RFC 8058): always possible, and saying so twice is fine. */
export async function unsubscribe(tx: Tx, secret: string, id: string, token: string) {
  if (!validToken(secret, "unsubscribe", id, token)) throw notFound("subscription");
  const [row] = await tx
    .select({ status: newsletterSubscribers.status })
    .from(newsletterSubscribers)
    .where(eq(newsletterSubscribers.id, id));
  if (!row) throw notFound("subscription");
  if (row.status !== "unsubscribed")
    await tx
      .update(newsletterSubscribers)
      .set({ status: "unsubscribed", unsubscribedAt: new Date() })
      .where(eq(newsletterSubscribers.id, id));
}

export async function listSubscribers(db: Queryable, actor: Actor, providerId: string) {
  authorize(newsletterPolicy, actor, "read", { providerId });
  const rows = await db
    .select({ subscriber: newsletterSubscribers, organisationName: organisations.name })
    .from(newsletterSubscribers)
    .leftJoin(organisations, eq(organisations.id, newsletterSubscribers.organisationId))
    .where(eq(newsletterSubscribers.providerId, providerId))
    .orderBy(asc(newsletterSubscribers.email))
    .limit(5000);
  const counts = Object.fromEntries(
    subscriberStatuses.map((s) => [s, rows.filter((r) => r.subscriber.status === s).length]),
  ) as Record<(typeof subscriberStatuses)[number], number>;
  return {
    counts,
    items: rows.map(({ subscriber: s, organisationName }) => ({
      id: s.id,
      email: s.email,
      name: s.name,
      organisation: s.organisationId && organisationName ? { id: s.organisationId, name: organisationName } : null,
      status: s.status,
      createdAt: s.createdAt.toISOString(),
      confirmedAt: s.confirmedAt?.toISOString() ?? null,
    })),
  };
}
