/**
 * Country scale, the partner catalogues and front offices: every province offers a catalogue to the
 * municipalities and OCMWs in it (synthetic entries made from the demo catalogue), and years of their questions
 * as tickets, most of them answered and closed long ago.
 */
import { sql } from "drizzle-orm";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { catalogueEntries, catalogues, partnerRelations, ticketMessages, tickets } from "../../platform/db/schema.ts";
import { between, pickOne, pickWeighted } from "../../platform/random.ts";
import type { TicketStatus, TicketUrgency } from "../../platform/vocabulary.ts";
import { syntheticCatalogue } from "../catalogue/synthetic.ts";
import { importCatalogue } from "../catalogue/transfer.ts";
import type { Batcher, Organisation, Progress } from "./scale-context.ts";

const day = 86_400_000;
const first = Date.parse("2021-01-04T08:00:00Z");
const last = Date.parse("2026-11-20T16:00:00Z");

export async function loadCataloguesAndTickets(
  db: Tx,
  ctx: RequestContext,
  random: () => number,
  organisations: Organisation[],
  sizes: { catalogueEntries: number; tickets: number },
  batch: Batcher,
  progress: Progress,
): Promise<{ providers: number; entries: number; tickets: number }> {
  const provinces = organisations.filter((o) => o.kind === "province");
  const clientsOf = new Map(
    provinces.map((p) => [
      p.id,
      organisations.filter((o) => o.provinceId === p.id && (o.kind === "municipality" || o.kind === "ocmw")),
    ]),
  );
  const providers = provinces.filter((p) => (clientsOf.get(p.id) ?? []).length > 0);
  let entries = 0;
  for (const [n, provider] of providers.entries()) {
    const count =
      Math.floor(sizes.catalogueEntries / providers.length) + (n < sizes.catalogueEntries % providers.length ? 1 : 0);
    await db.insert(catalogues).values({ providerId: provider.id, visibility: "clients" }).onConflictDoNothing();
    const clients = clientsOf.get(provider.id) ?? [];
    await batch(clients, (chunk) =>
      db
        .insert(partnerRelations)
        .values(chunk.map((c) => ({ providerId: provider.id, clientId: c.id, since: "2021-01-01" })))
        .onConflictDoNothing(),
    );
    const report = await importCatalogue(db, ctx, provider.id, {
      format: "json",
      content: syntheticCatalogue(count, 2026 + n),
      dryRun: false,
    });
    if (report.problems.length) throw new Error(`synthetic catalogue refused: ${JSON.stringify(report.problems[0])}`);
    entries += report.created;
    progress("catalogue entries", entries, sizes.catalogueEntries);
  }
  await db.execute(sql`ANALYZE catalogue_entries`);

  // The entries each provider has, to link answered questions to the entry that answers them.
  const entryRows = await db
    .select({ id: catalogueEntries.id, providerId: catalogueEntries.providerId, question: catalogueEntries.question })
    .from(catalogueEntries);
  const entriesOf = new Map<string, { id: string; question: string }[]>();
  for (const e of entryRows) entriesOf.set(e.providerId, [...(entriesOf.get(e.providerId) ?? []), e]);

  let made = 0;
  while (made < sizes.tickets) {
    const rows: (typeof tickets.$inferInsert)[] = [];
    for (let i = 0; i < Math.min(2000, sizes.tickets - made); i++) {
      const provider = pickOne(random, providers);
      const asker = pickOne(random, clientsOf.get(provider.id) ?? []);
      const entry = pickOne(random, entriesOf.get(provider.id) ?? [{ id: "", question: "Een vraag" }]);
      const created = first + Math.floor(random() * (last - first));
      const age = (last - created) / day;
      const status: TicketStatus =
        age > 30
          ? pickWeighted(random, [
              ["closed", 85],
              ["answered", 14],
              ["waiting", 1],
            ])
          : pickWeighted(random, [
              ["new", 3],
              ["assigned", 4],
              ["waiting", 2],
              ["answered", 4],
              ["closed", 3],
            ]);
      const answered = status === "answered" || status === "closed";
      const answeredAt = answered ? new Date(created + between(random, 1, 9) * day) : null;
      rows.push({
        providerId: provider.id,
        askerOrganisationId: asker.id,
        subject: entry.question.slice(0, 200),
        question: `${entry.question} Wij zoeken dit uit voor ${asker.name}.`,
        theme: null,
        urgency: pickWeighted<TicketUrgency>(random, [
          ["low", 2],
          ["normal", 7],
          ["high", 1],
        ]),
        status,
        dueOn: new Date(created + 7 * day).toISOString().slice(0, 10),
        answeredAt,
        closedAt:
          status === "closed" && answeredAt ? new Date(answeredAt.getTime() + between(random, 1, 14) * day) : null,
        entryId: answered && entry.id && random() < 0.6 ? entry.id : null,
        createdAt: new Date(created),
        updatedAt: answeredAt ?? new Date(created),
      });
    }
    const inserted = await db
      .insert(tickets)
      .values(rows)
      .returning({ id: tickets.id, providerId: tickets.providerId, answeredAt: tickets.answeredAt });
    const answers = inserted
      .filter((t) => t.answeredAt)
      .map((t) => ({
        ticketId: t.id,
        kind: "answer" as const,
        body: "Zie de fiche in de partnercatalogus; bel ons gerust als er nog iets onduidelijk is.",
        authorName: "Frontoffice",
        authorOrganisationId: t.providerId,
        createdAt: t.answeredAt ?? new Date(),
      }));
    await batch(answers, (chunk) => db.insert(ticketMessages).values(chunk));
    made += rows.length;
    progress("tickets", made, sizes.tickets);
  }
  await db.execute(sql`ANALYZE tickets`);
  return { providers: providers.length, entries, tickets: made };
}
