import { and, asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { dutchOrder } from "../../platform/collation.ts";
import type { RequestContext } from "../../platform/context.ts";
import { type Queryable, rowsOf, type Tx } from "../../platform/db/client.ts";
import { catalogueEntries, catalogues, searchMisses, searchSynonyms } from "../../platform/db/schema.ts";
import { stale } from "../../platform/db/versioned.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { abilitiesOf } from "../../platform/policy.ts";
import { ensureCatalogue, searchChanged } from "./entries.ts";
import { cataloguePolicy } from "./policy.ts";
import { type CatalogueContext, catalogueFor } from "./queries.ts";
import { catalogueIndex, type LoadedIndex, themesOf } from "./search.ts";
import { nearestWord, rarestWord } from "./search-index.ts";

/** A catalogue as the API shows it: provider, settings, themes and what the actor may do. */
export async function describeCatalogue(db: Queryable, actor: Actor | null, catalogue: CatalogueContext) {
  const [themes, [published]] = await Promise.all([
    themesOf(db, actor, catalogue),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(catalogueEntries)
      .where(and(eq(catalogueEntries.providerId, catalogue.providerId), eq(catalogueEntries.status, "published"))),
  ]);
  return {
    provider: catalogue.provider,
    visibility: catalogue.visibility,
    serviceLevelDays: catalogue.serviceLevelDays,
    published: Number(published?.n ?? 0),
    themes,
    version: catalogue.version,
    abilities: abilitiesOf(cataloguePolicy, actor, catalogue),
  };
}

/**
 * The catalogues the actor can read: its own organisation's (when it has one or serves anyone), those of the
 * providers that serve its organisation, and public ones.
 */
export async function listCatalogues(db: Queryable, actor: Actor) {
  const own = actor.organisationId;
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`
    SELECT DISTINCT o.id FROM organisations o
    LEFT JOIN catalogues c ON c.provider_id = o.id
    WHERE (c.visibility = 'public')
       OR (${own}::uuid IS NOT NULL AND o.id = ${own}::uuid AND (c.provider_id IS NOT NULL
           OR EXISTS (SELECT 1 FROM partner_relations p WHERE p.provider_id = o.id)))
       OR (${own}::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM partner_relations p WHERE p.provider_id = o.id AND p.client_id = ${own}::uuid))`,
  );
  const ids = rows.map((r) => r.id);
  const result = [];
  for (const id of ids) {
    const catalogue = await catalogueFor(db, actor, id, "read");
    result.push(await describeCatalogue(db, actor, catalogue));
  }
  return result.sort((a, b) => dutchOrder(a.provider.name, b.provider.name));
}

/** Changes who may read the catalogue and the front office's service level (If-Match on the settings' version). */
export async function updateCatalogue(
  tx: Tx,
  ctx: RequestContext,
  providerId: string,
  expectedVersion: number,
  changes: { visibility?: "clients" | "public" | undefined; serviceLevelDays?: number | undefined },
) {
  const catalogue = await catalogueFor(tx, ctx.actor, providerId, "manage");
  if (catalogue.version !== expectedVersion) {
    throw stale("changed", expectedVersion, catalogue.version);
  }
  await ensureCatalogue(tx, providerId);
  const [updated] = await tx
    .update(catalogues)
    .set({ ...changes, version: sql`${catalogues.version} + 1`, updatedAt: new Date() })
    .where(eq(catalogues.providerId, providerId))
    .returning({ version: catalogues.version });
  await recordAudit(tx, ctx, {
    entityType: "catalogue",
    entityId: providerId,
    ownerOrganisationId: providerId,
    action: "update",
    before: { visibility: catalogue.visibility, serviceLevelDays: catalogue.serviceLevelDays },
    after: changes,
  });
  return updated?.version ?? expectedVersion + 1;
}

export async function listSynonyms(db: Queryable, actor: Actor, providerId: string) {
  await catalogueFor(db, actor, providerId, "readDesk");
  return db
    .select({ id: searchSynonyms.id, terms: searchSynonyms.terms })
    .from(searchSynonyms)
    .where(eq(searchSynonyms.providerId, providerId))
    .orderBy(asc(searchSynonyms.createdAt), asc(searchSynonyms.id));
}

/** Adds a group of words that mean the same in this catalogue's searches. */
export async function addSynonyms(tx: Tx, ctx: RequestContext, providerId: string, terms: string[]) {
  await catalogueFor(tx, ctx.actor, providerId, "manage");
  const unique = [...new Set(terms)];
  if (unique.length < 2) {
    throw new AppError("validation_failed", "problem.synonymTwoTerms", [
      { field: "terms", message: "field.twoDifferentTerms" },
    ]);
  }
  const [row] = await tx.insert(searchSynonyms).values({ providerId, terms: unique }).returning();
  if (!row) throw new Error("synonyms not stored");
  await searchChanged(tx, providerId);
  await recordAudit(tx, ctx, {
    entityType: "search_synonyms",
    entityId: row.id,
    ownerOrganisationId: providerId,
    action: "create",
    after: { terms: unique },
  });
  return { id: row.id, terms: row.terms };
}

export async function removeSynonyms(tx: Tx, ctx: RequestContext, providerId: string, id: string) {
  await catalogueFor(tx, ctx.actor, providerId, "manage");
  const [row] = await tx
    .delete(searchSynonyms)
    .where(and(eq(searchSynonyms.id, id), eq(searchSynonyms.providerId, providerId)))
    .returning();
  if (!row) throw notFound("synonym group");
  await searchChanged(tx, providerId);
  await recordAudit(tx, ctx, {
    entityType: "search_synonyms",
    entityId: id,
    ownerOrganisationId: providerId,
    action: "delete",
    before: { terms: row.terms },
  });
}

/** The searches that found nothing, most asked first. */
export async function listMisses(db: Queryable, actor: Actor, providerId: string) {
  const catalogue = await catalogueFor(db, actor, providerId, "readDesk");
  const rows = await rowsOf<{
    query: string;
    count: number;
    first_at: Date | string;
    last_at: Date | string;
    ticket_id: string | null;
    ticket_number: number | null;
    ticket_subject: string | null;
    entry_id: string | null;
    entry_question: string | null;
    entry_tags: string[] | null;
  }>(
    db,
    sql`SELECT m.query, m.count, m.first_at, m.last_at, t.id AS ticket_id, t.number AS ticket_number,
          t.subject AS ticket_subject, e.id AS entry_id, e.question AS entry_question, e.tags AS entry_tags
        FROM search_misses m
        LEFT JOIN LATERAL (
          SELECT id, number, subject, entry_id FROM tickets
          WHERE provider_id = m.provider_id AND asker_organisation_id = m.last_organisation_id
            AND created_at >= m.first_at
            AND strpos(lower(subject || ' ' || question), m.query) > 0
          ORDER BY created_at LIMIT 1
        ) t ON true
        LEFT JOIN catalogue_entries e ON e.id = t.entry_id
        WHERE m.provider_id = ${providerId}
        ORDER BY m.count DESC, m.last_at DESC LIMIT 200`,
  );
  const loaded = rows.length ? await catalogueIndex(db, providerId, catalogue.searchVersion) : null;
  return rows.map((r) => ({
    query: r.query,
    count: Number(r.count),
    firstAt: new Date(r.first_at).toISOString(),
    lastAt: new Date(r.last_at).toISOString(),
    ticket: r.ticket_id ? { id: r.ticket_id, number: Number(r.ticket_number), subject: r.ticket_subject ?? "" } : null,
    entry: r.entry_id ? { id: r.entry_id, question: r.entry_question ?? "" } : null,
    proposal: proposalFor(r.query, r.entry_tags ?? [], r.entry_question, loaded),
  }));
}

/**
 * A synonym group to propose for a search that found nothing: the search with what the entry its ticket was
 * answered with is about (its first tag, or the rarest word of its question), or else with the catalogue's nearest
 * spelling of the search; none when there is nothing to pair it with, or the entry holds the search itself.
 */
function proposalFor(query: string, tags: string[], question: string | null, loaded: LoadedIndex | null): string[] {
  const words = query.split(" ");
  // The entry already holds the search: it is found now, no synonym needed.
  if (tags.some((t) => t.toLowerCase() === query) || question?.toLowerCase().includes(query)) return [];
  const about =
    tags.find((t) => t.toLowerCase() !== query)?.toLowerCase() ??
    (question && loaded ? rarestWord(loaded.index, question, words) : null) ??
    (loaded ? nearestWord(loaded.index, query) : null);
  return about ? [query, about] : [];
}

/** Clears a search from the list once the catalogue answers it. */
export async function dismissMiss(tx: Tx, ctx: RequestContext, providerId: string, query: string) {
  await catalogueFor(tx, ctx.actor, providerId, "manage");
  const [row] = await tx
    .delete(searchMisses)
    .where(and(eq(searchMisses.providerId, providerId), eq(searchMisses.query, query)))
    .returning();
  if (!row) throw notFound("search");
  await recordAudit(tx, ctx, {
    entityType: "search_miss",
    entityId: `${providerId}:${query}`,
    ownerOrganisationId: providerId,
    action: "delete",
    before: { query, count: row.count },
  });
}
