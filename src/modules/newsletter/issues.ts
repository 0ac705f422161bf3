import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import {
  catalogueEntries,
  type NewsletterItem,
  newsletterDeliveries,
  newsletterIssues,
  organisations,
  progressUpdates,
  projects,
  purchaseBundles,
  surveys,
} from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { type Language, say } from "../../platform/i18n.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import { deliveryStatuses } from "../../platform/vocabulary.ts";
import { newsletterPolicy } from "./policy.ts";
import type { EditIssueInput } from "./schemas.ts";

/** A month in words per language, the formats made once. */
const monthFormats: Record<Language, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat("nl-BE", { month: "long", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }),
};
const monthName = (month: string, language: Language) =>
  monthFormats[language].format(new Date(`${month}-01T00:00:00Z`));

/**
 * A draft for a month, composed from what happened in it: the provider's projects' progress updates, its new
 * catalogue entries and its closed surveys, newest first within each. The editor then reorders and edits.
 */
export async function composeIssue(tx: Tx, ctx: RequestContext, providerId: string, month: string, publicUrl: string) {
  authorize(newsletterPolicy, ctx.actor, "manage", { providerId });
  const language = ctx.language ?? "nl";
  const [provider] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, providerId));
  if (!provider) throw notFound("organisation");
  const from = new Date(`${month}-01T00:00:00Z`);
  const to = new Date(from);
  to.setUTCMonth(to.getUTCMonth() + 1);
  const updates = await tx
    .select({
      id: progressUpdates.id,
      title: progressUpdates.title,
      body: progressUpdates.body,
      projectId: projects.id,
    })
    .from(progressUpdates)
    .innerJoin(projects, eq(projects.id, progressUpdates.projectId))
    .where(
      and(eq(projects.providerId, providerId), gte(progressUpdates.createdAt, from), lt(progressUpdates.createdAt, to)),
    )
    .orderBy(desc(progressUpdates.createdAt));
  const entries = await tx
    .select({ id: catalogueEntries.id, question: catalogueEntries.question, answer: catalogueEntries.answer })
    .from(catalogueEntries)
    .where(
      and(
        eq(catalogueEntries.providerId, providerId),
        eq(catalogueEntries.status, "published"),
        gte(catalogueEntries.publishedAt, from),
        lt(catalogueEntries.publishedAt, to),
      ),
    )
    .orderBy(desc(catalogueEntries.publishedAt));
  const closed = await tx
    .select({ id: surveys.id, title: surveys.title })
    .from(surveys)
    .where(
      and(
        eq(surveys.ownerOrganisationId, providerId),
        eq(surveys.kind, "survey"),
        gte(surveys.closedAt, from),
        lt(surveys.closedAt, to),
      ),
    )
    .orderBy(desc(surveys.closedAt));
  const awarded = await tx
    .select({
      id: purchaseBundles.id,
      title: purchaseBundles.title,
      participants: sql<number>`(SELECT count(*)::int FROM purchase_participants p WHERE p.bundle_id = ${purchaseBundles.id})`,
    })
    .from(purchaseBundles)
    .where(
      and(
        eq(purchaseBundles.leadBuyerId, providerId),
        gte(purchaseBundles.awardedAt, from),
        lt(purchaseBundles.awardedAt, to),
      ),
    )
    .orderBy(desc(purchaseBundles.awardedAt));
  const firstParagraph = (text: string) => text.split(/\n\s*\n/)[0]?.slice(0, 1000) ?? "";
  const items: NewsletterItem[] = [
    ...updates.map((u) => ({
      kind: "update" as const,
      title: u.title,
      body: u.body.slice(0, 10_000),
      url: `${publicUrl}/partnerprojecten/${u.projectId}`,
      sourceId: u.id,
    })),
    ...entries.map((e) => ({
      kind: "entry" as const,
      title: say(language, { key: "newsletter.newEntry", params: { title: e.question.slice(0, 150) } }),
      body: firstParagraph(e.answer),
      url: `${publicUrl}/partnercatalogus/${e.id}`,
      sourceId: e.id,
    })),
    ...closed.map((s) => ({
      kind: "survey" as const,
      title: say(language, { key: "newsletter.closedSurvey", params: { title: s.title.slice(0, 150) } }),
      body: say(language, { key: "newsletter.closedSurveyBody" }),
      url: `${publicUrl}/enquetes/${s.id}`,
      sourceId: s.id,
    })),
    ...awarded.map((b) => ({
      kind: "purchase" as const,
      title: say(language, { key: "newsletter.awardedPurchase", params: { title: b.title.slice(0, 150) } }),
      body: say(language, { key: "newsletter.awardedPurchaseBody", params: { count: b.participants } }),
      url: `${publicUrl}/gezamenlijke-aankoop/${b.id}`,
      sourceId: b.id,
    })),
  ];
  const words = { provider: provider.name, month: monthName(month, language) };
  const [row] = await tx
    .insert(newsletterIssues)
    .values({
      providerId,
      month,
      subject: say(language, { key: "newsletter.draftSubject", params: words }),
      intro: say(language, { key: "newsletter.draftIntro", params: words }),
      items,
    })
    .returning({ id: newsletterIssues.id });
  if (!row) throw new Error("issue not stored");
  await recordAudit(tx, ctx, {
    entityType: "newsletter_issue",
    entityId: row.id,
    ownerOrganisationId: providerId,
    action: "compose",
    after: { month, items: items.length },
  });
  return row;
}

/** An issue with its provider, what the actor may do, and how its deliveries stand. */
export async function presentIssue(db: Queryable, actor: Actor, id: string) {
  const [row] = await db
    .select({ issue: newsletterIssues, providerName: organisations.name })
    .from(newsletterIssues)
    .innerJoin(organisations, eq(organisations.id, newsletterIssues.providerId))
    .where(eq(newsletterIssues.id, id));
  if (!row) throw notFound("newsletter issue");
  authorize(newsletterPolicy, actor, "read", row.issue, { conceal: "newsletter issue" });
  const counts = await db
    .select({ status: newsletterDeliveries.status, n: sql<number>`count(*)::int` })
    .from(newsletterDeliveries)
    .where(eq(newsletterDeliveries.issueId, id))
    .groupBy(newsletterDeliveries.status);
  const { read: _read, ...abilities } = abilitiesOf(newsletterPolicy, actor, row.issue);
  return {
    id: row.issue.id,
    provider: { id: row.issue.providerId, name: row.providerName },
    month: row.issue.month,
    subject: row.issue.subject,
    intro: row.issue.intro,
    items: row.issue.items,
    status: row.issue.status,
    sentAt: row.issue.sentAt?.toISOString() ?? null,
    version: row.issue.version,
    deliveries: Object.fromEntries(
      deliveryStatuses.map((s) => [s, Number(counts.find((c) => c.status === s)?.n ?? 0)]),
    ) as Record<(typeof deliveryStatuses)[number], number>,
    abilities: { ...abilities, manage: abilities.manage && row.issue.status === "draft" },
  };
}

export async function listIssues(db: Queryable, actor: Actor, providerId: string) {
  authorize(newsletterPolicy, actor, "read", { providerId });
  const rows = await db
    .select({ id: newsletterIssues.id })
    .from(newsletterIssues)
    .where(eq(newsletterIssues.providerId, providerId))
    .orderBy(desc(newsletterIssues.month), desc(newsletterIssues.createdAt))
    .limit(120);
  return { items: await Promise.all(rows.map((r) => presentIssue(db, actor, r.id))) };
}

/** Edits a draft (subject, introduction, the items and their order); a sent issue stays as it was sent. */
export async function editIssue(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: EditIssueInput,
) {
  const [issue] = await tx.select().from(newsletterIssues).where(eq(newsletterIssues.id, id)).for("update");
  if (!issue || !newsletterPolicy.read(ctx.actor, issue)) throw notFound("newsletter issue");
  authorize(newsletterPolicy, ctx.actor, "manage", issue);
  if (issue.status !== "draft") throw new AppError("conflict", "problem.issueSent");
  if (issue.version !== expectedVersion) throw new AppError("precondition_failed", "problem.changed.issue");
  const [updated] = await tx
    .update(newsletterIssues)
    .set({ ...changes, version: sql`${newsletterIssues.version} + 1`, updatedAt: new Date() })
    .where(and(eq(newsletterIssues.id, id), eq(newsletterIssues.version, expectedVersion)))
    .returning({ version: newsletterIssues.version });
  if (!updated) throw new AppError("precondition_failed", "problem.changed.issue");
  await recordAudit(tx, ctx, {
    entityType: "newsletter_issue",
    entityId: id,
    ownerOrganisationId: issue.providerId,
    action: "edit",
    before: { subject: issue.subject, items: issue.items.length },
    after: {
      ...("subject" in changes ? { subject: changes.subject } : {}),
      ...(changes.items ? { items: changes.items.length } : {}),
    },
  });
}

/** The sent issues of a provider, oldest last: the public archive. */
export async function archivedIssues(db: Queryable, providerId: string) {
  return db
    .select({
      id: newsletterIssues.id,
      month: newsletterIssues.month,
      subject: newsletterIssues.subject,
      intro: newsletterIssues.intro,
      sentAt: newsletterIssues.sentAt,
    })
    .from(newsletterIssues)
    .where(and(eq(newsletterIssues.providerId, providerId), eq(newsletterIssues.status, "sent")))
    .orderBy(desc(newsletterIssues.sentAt), asc(newsletterIssues.id))
    .limit(240);
}
