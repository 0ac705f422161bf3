import { and, eq } from "drizzle-orm";
import { Feed } from "feed";
import type { Queryable } from "../../platform/db/client.ts";
import { newsletterIssues, organisations } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { archivedIssues } from "./issues.ts";
import { renderIssue } from "./render.ts";
import { issueContent } from "./send.ts";

/** A sent issue as the archive shows it: the mail without anyone's personal links. */
export async function archivedIssue(db: Queryable, publicUrl: string, id: string) {
  const [row] = await db
    .select({ issue: newsletterIssues, providerName: organisations.name })
    .from(newsletterIssues)
    .innerJoin(organisations, eq(organisations.id, newsletterIssues.providerId))
    .where(and(eq(newsletterIssues.id, id), eq(newsletterIssues.status, "sent")));
  if (!row?.issue.sentAt) throw notFound("newsletter issue");
  const { html } = await renderIssue(await issueContent({ db, publicUrl }, id), null);
  return {
    id,
    provider: { id: row.issue.providerId, name: row.providerName },
    month: row.issue.month,
    subject: row.issue.subject,
    sentAt: row.issue.sentAt.toISOString(),
    html,
  };
}

export async function archiveList(db: Queryable, providerId: string) {
  const [provider] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, providerId));
  if (!provider) throw notFound("organisation");
  const issues = await archivedIssues(db, providerId);
  return {
    provider: { id: providerId, name: provider.name },
    items: issues.map((i) => ({ id: i.id, month: i.month, subject: i.subject, sentAt: i.sentAt?.toISOString() ?? "" })),
  };
}

/** The archive as an Atom feed, for feed readers. */
export async function archiveFeed(db: Queryable, publicUrl: string, providerId: string) {
  const { provider, items } = await archiveList(db, providerId);
  const full = await archivedIssues(db, providerId);
  const feed = new Feed({
    id: `${publicUrl}/nieuwsbrief/${providerId}`,
    title: `Nieuwsbrief ${provider.name}`,
    link: `${publicUrl}/nieuwsbrief/${providerId}`,
    language: "nl",
    copyright: provider.name,
    generator: false,
    feedLinks: { atom: `${publicUrl}/api/newsletters/${providerId}/feed.atom` },
    ...(full[0]?.sentAt ? { updated: full[0].sentAt } : {}),
  });
  for (const issue of full) {
    if (!issue.sentAt) continue;
    feed.addItem({
      title: issue.subject,
      id: `${publicUrl}/nieuwsbrief/archief/${issue.id}`,
      link: `${publicUrl}/nieuwsbrief/archief/${issue.id}`,
      date: issue.sentAt,
      description: issue.intro,
    });
  }
  return { xml: feed.atom1(), count: items.length };
}
