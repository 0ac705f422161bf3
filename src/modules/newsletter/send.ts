import { and, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { rowsOf, type Tx } from "../../platform/db/client.ts";
import {
  newsletterDeliveries,
  newsletterIssues,
  newsletterSubscribers,
  organisations,
} from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import type { JobDefinition, JobDeps } from "../../platform/jobs.ts";
import { authorize } from "../../platform/policy.ts";
import { newsletterPolicy } from "./policy.ts";
import { renderIssue } from "./render.ts";
import { unsubscribePage, unsubscribeUrl } from "./tokens.ts";

/** Tries a mail that the server refused this many times before it counts as failed. */
const maxAttempts = 3;

/**
 * Starts sending a draft: a send record for every confirmed subscriber at this moment, the issue frozen. The job
 * sends them; whoever subscribes later receives the next issue.
 */
export async function startSend(tx: Tx, ctx: RequestContext, id: string) {
  const [issue] = await tx.select().from(newsletterIssues).where(eq(newsletterIssues.id, id)).for("update");
  if (!issue || !newsletterPolicy.read(ctx.actor, issue)) throw notFound("newsletter issue");
  authorize(newsletterPolicy, ctx.actor, "send", issue);
  if (issue.status !== "draft") throw new AppError("conflict", "problem.issueSending");
  if (!issue.items.length && !issue.intro.trim())
    throw new AppError("validation_failed", "problem.issueEmpty", [{ field: "items", message: "field.required" }]);
  await tx.execute(sql`
    INSERT INTO newsletter_deliveries (issue_id, subscriber_id)
    SELECT ${id}::uuid, s.id FROM newsletter_subscribers s
    WHERE s.provider_id = ${issue.providerId}::uuid AND s.status = 'confirmed'`);
  await tx
    .update(newsletterIssues)
    .set({ status: "sending", version: sql`${newsletterIssues.version} + 1`, updatedAt: new Date() })
    .where(eq(newsletterIssues.id, id));
  await recordAudit(tx, ctx, {
    entityType: "newsletter_issue",
    entityId: id,
    ownerOrganisationId: issue.providerId,
    action: "send",
  });
}

interface Claim {
  issue_id: string;
  subscriber_id: string;
  attempts: number;
}

/**
 * Sends what is waiting, one mail at a time and at most `newsletterRate` a second. Each mail is claimed in its own
 * transaction before it goes out and marked sent after the mail server took it: a send killed half way and started
 * again sends every remaining subscriber one copy, and never a second. A claim older than `staleAfterMs` was left by
 * a send that stopped; whether that one mail went out is unknown, so it is marked `uncertain`, not sent again.
 */
export async function sendPending(deps: JobDeps, options: { staleAfterMs?: number; limit?: number } = {}) {
  const staleAfter = `${Math.round((options.staleAfterMs ?? 180_000) / 1000)} seconds`;
  await deps.db.execute(sql`
    UPDATE newsletter_deliveries SET status = 'uncertain'
    WHERE status = 'sending' AND claimed_at < now() - ${staleAfter}::interval`);
  const rendered = new Map<string, Awaited<ReturnType<typeof renderedOnce>>>();
  const started = Date.now();
  let sent = 0;
  for (let n = 0; n < (options.limit ?? Number.POSITIVE_INFINITY); n++) {
    const [claim] = await rowsOf<Claim>(
      deps.db,
      sql`
      UPDATE newsletter_deliveries d SET status = 'sending', claimed_at = now(), attempts = d.attempts + 1
      WHERE (d.issue_id, d.subscriber_id) = (
        SELECT p.issue_id, p.subscriber_id FROM newsletter_deliveries p
        JOIN newsletter_issues i ON i.id = p.issue_id
        WHERE i.status = 'sending' AND p.status = 'pending'
          AND (p.attempts = 0 OR p.claimed_at < now() - interval '1 minute')
        LIMIT 1 FOR UPDATE OF p SKIP LOCKED)
      RETURNING d.issue_id, d.subscriber_id, d.attempts`,
    );
    if (!claim) break;
    let content = rendered.get(claim.issue_id);
    if (!content) {
      content = await renderedOnce(deps, claim.issue_id);
      rendered.set(claim.issue_id, content);
    }
    const [subscriber] = await deps.db
      .select({ email: newsletterSubscribers.email, status: newsletterSubscribers.status })
      .from(newsletterSubscribers)
      .where(eq(newsletterSubscribers.id, claim.subscriber_id));
    const key = { issueId: claim.issue_id, subscriberId: claim.subscriber_id };
    const where = and(
      eq(newsletterDeliveries.issueId, key.issueId),
      eq(newsletterDeliveries.subscriberId, key.subscriberId),
    );
    // Unsubscribed since the send began: nothing goes out.
    if (subscriber?.status !== "confirmed") {
      await deps.db.update(newsletterDeliveries).set({ status: "failed", lastError: "unsubscribed" }).where(where);
      continue;
    }
    try {
      const oneClick = unsubscribeUrl(deps.publicUrl, deps.secret, claim.subscriber_id);
      const own = unsubscribePage(deps.publicUrl, deps.secret, claim.subscriber_id);
      // The issue is made once; each copy differs only in its unsubscribe link (an address of letters, digits and
      // `-_#=&:/.`, the same escaped in HTML but for the ampersand).
      const html = content.html.replaceAll(placeholder, own.replaceAll("&", "&amp;"));
      const text = content.text.replaceAll(placeholder, own);
      await deps.mailer.send({
        to: subscriber.email,
        subject: content.subject,
        text,
        html,
        messageId: `<${claim.issue_id}.${claim.subscriber_id}@samen>`,
        headers: {
          "List-Unsubscribe": `<${oneClick}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          "List-Id": `<${content.providerId}.nieuwsbrief.samen>`,
          Precedence: "bulk",
        },
      });
      await deps.db.update(newsletterDeliveries).set({ status: "sent", sentAt: new Date() }).where(where);
      sent++;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await deps.db
        .update(newsletterDeliveries)
        .set({ status: claim.attempts >= maxAttempts ? "failed" : "pending", lastError: message.slice(0, 500) })
        .where(where);
    }
    // At most `newsletterRate` mails a second.
    const due = started + (sent * 1000) / deps.newsletterRate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await finishIssues(deps);
  return sent;
}

/** An issue whose mails have all gone out (or failed, or are uncertain) is sent. */
async function finishIssues(deps: JobDeps) {
  const sending = await deps.db
    .select({ id: newsletterIssues.id })
    .from(newsletterIssues)
    .where(eq(newsletterIssues.status, "sending"));
  for (const { id } of sending) {
    const open = await deps.db
      .select({ subscriberId: newsletterDeliveries.subscriberId })
      .from(newsletterDeliveries)
      .where(and(eq(newsletterDeliveries.issueId, id), inArray(newsletterDeliveries.status, ["pending", "sending"])))
      .limit(1);
    if (!open.length)
      await deps.db
        .update(newsletterIssues)
        .set({ status: "sent", sentAt: new Date() })
        .where(and(eq(newsletterIssues.id, id), eq(newsletterIssues.status, "sending")));
  }
}

/** Where each copy's own unsubscribe link goes in the issue made once. */
const placeholder = "https://unsubscribe.samen.invalid/link";

/** An issue made once for all its copies, with a placeholder for each recipient's unsubscribe link. */
async function renderedOnce(deps: JobDeps, id: string) {
  const content = await issueContent(deps, id);
  const { html, text } = await renderIssue(content, { unsubscribe: placeholder });
  if (!html.includes(placeholder)) throw new Error("the newsletter template lost its unsubscribe link");
  return { ...content, html, text };
}

/** What every copy of an issue shares. */
export async function issueContent(deps: { db: JobDeps["db"]; publicUrl: string }, id: string) {
  const [row] = await deps.db
    .select({ issue: newsletterIssues, providerName: organisations.name })
    .from(newsletterIssues)
    .innerJoin(organisations, eq(organisations.id, newsletterIssues.providerId))
    .where(eq(newsletterIssues.id, id));
  if (!row) throw notFound("newsletter issue");
  return {
    providerId: row.issue.providerId,
    providerName: row.providerName,
    subject: row.issue.subject,
    intro: row.issue.intro,
    items: row.issue.items,
    archiveUrl: `${deps.publicUrl}/nieuwsbrief/archief/${row.issue.id}`,
  };
}

/** Sends what is waiting every minute, and picks up a send that was stopped. */
export const newsletterSendJob: JobDefinition = {
  name: "newsletter-send",
  cron: "* * * * *",
  run: (deps) => sendPending(deps).then(() => undefined),
};
