import { and, asc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Queryable, rowsOf } from "../../platform/db/client.ts";
import { catalogueEntries, searchMisses, searchSynonyms } from "../../platform/db/schema.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.ts";
import { domainAndBelow } from "../collaborations/queries.ts";
import { cataloguePolicy } from "./policy.ts";
import type { CatalogueContext } from "./queries.ts";
import type { SearchEntriesQuery } from "./schemas.ts";
import { conceptsOf, renderQuery, withCorrections, wordsOf } from "./search-query.ts";

/** Marks around matches in highlights: control characters, which entries cannot contain, never markup. */
export const markStart = "\u0001";
export const markEnd = "\u0002";
const headlineOptions = `StartSel=${markStart}, StopSel=${markEnd}`;

const summaryColumns = {
  id: catalogueEntries.id,
  key: catalogueEntries.key,
  question: catalogueEntries.question,
  theme: catalogueEntries.theme,
  status: catalogueEntries.status,
  service: catalogueEntries.service,
  tags: catalogueEntries.tags,
  isDemo: catalogueEntries.isDemo,
  updatedAt: catalogueEntries.updatedAt,
};

/** The filters every listing shares: provider, status (published for all but the provider's people), theme, domain. */
function filters(catalogue: CatalogueContext, actor: Actor | null, query: SearchEntriesQuery): SQL[] {
  const staff = cataloguePolicy.readDesk(actor, catalogue);
  const conditions: SQL[] = [eq(catalogueEntries.providerId, catalogue.providerId)];
  const status = staff ? query.status : "published";
  if (status) conditions.push(eq(catalogueEntries.status, status));
  if (query.theme) conditions.push(eq(catalogueEntries.theme, query.theme));
  if (query.domain) {
    conditions.push(
      inArray(
        catalogueEntries.id,
        sql`(SELECT entry_id FROM catalogue_entry_domains WHERE domain_id IN ${domainAndBelow(query.domain)})`,
      ),
    );
  }
  return conditions;
}

/**
 * A word as a query: stop words match nothing; a word of three letters or more matches as a prefix, both stemmed
 * ("aankopen" → aankop) and as typed ("aankoop" also finds "aankoopcentrale", where the stem would not: Dutch
 * writes compounds as one word, and stemming changes the end of the first part). A word half typed already finds.
 */
const tsqueryAlgebra = {
  word(word: string): SQL {
    if (word.length < 3) return sql`to_tsquery('dutch', ${word})`;
    const prefix = `${word}:*`;
    return sql`(CASE WHEN length(to_tsvector('dutch', ${word})) = 0 THEN ''::tsquery ELSE to_tsquery('dutch', ${prefix}) || to_tsquery('simple', ${prefix}) END)`;
  },
  and: (parts: SQL[]) => sql`(${sql.join(parts, sql` && `)})`,
  or: (parts: SQL[]) => sql`(${sql.join(parts, sql` || `)})`,
};

/** Typo corrections: for each word the catalogue does not know, its closest words (trigram similarity ≥ 0.45). */
async function correctionsFor(db: Queryable, providerId: string, words: string[]) {
  const candidates = [...new Set(words.filter((w) => w.length >= 4))];
  const corrections = new Map<string, string[]>();
  if (!candidates.length) return corrections;
  const rows = await rowsOf<{ word: string; term: string }>(
    db,
    sql`SELECT w.word, t.term FROM unnest(${`{${candidates.join(",")}}`}::text[]) AS w(word)
        CROSS JOIN LATERAL (
          SELECT term FROM catalogue_terms
          WHERE provider_id = ${providerId} AND term % w.word AND similarity(term, w.word) >= 0.45
          ORDER BY similarity(term, w.word) DESC, term LIMIT 3
        ) t
        WHERE NOT EXISTS (SELECT 1 FROM catalogue_terms k WHERE k.provider_id = ${providerId} AND k.term = w.word)`,
  );
  for (const row of rows) corrections.set(row.word, [...(corrections.get(row.word) ?? []), row.term]);
  return corrections;
}

/**
 * Ranked search in one catalogue. Candidates match any concept of the query in the full-text index, or resemble
 * the question and tags by trigrams. The score adds: the weighted full-text rank (question above tags above
 * answer), a bonus when every concept matches, and the trigram word similarity of the query to question and tags.
 */
async function rankedSearch(db: Queryable, catalogue: CatalogueContext, conditions: SQL[], q: string, limit: number) {
  const words = wordsOf(q);
  const [synonymRows, corrections] = await Promise.all([
    db
      .select({ terms: searchSynonyms.terms })
      .from(searchSynonyms)
      .where(eq(searchSynonyms.providerId, catalogue.providerId)),
    correctionsFor(db, catalogue.providerId, words),
  ]);
  const concepts = withCorrections(
    conceptsOf(
      words,
      synonymRows.map((r) => r.terms),
    ),
    corrections,
  );
  const text = words.join(" ");
  if (!concepts.length) return [];
  const { all: allQuery, any: anyQuery } = renderQuery(concepts, tsqueryAlgebra);
  const score = sql<number>`(ts_rank('{0.1, 0.25, 0.5, 1.0}', ${catalogueEntries.searchVector}, ${anyQuery}) * 2
      + CASE WHEN ${catalogueEntries.searchVector} @@ ${allQuery} THEN 1 ELSE 0 END
      + word_similarity(${text}, ${catalogueEntries.searchText}))`;
  return db
    .select({
      ...summaryColumns,
      score,
      highlightQuestion: sql<string>`ts_headline('dutch', ${catalogueEntries.question}, ${anyQuery}, ${`${headlineOptions}, HighlightAll=true`})`,
      excerpt: sql<string>`ts_headline('dutch', regexp_replace(${catalogueEntries.answer}, '\\]\\([^)]*\\)|[*_#>\`\\[]', '', 'g'), ${anyQuery}, ${`${headlineOptions}, MaxWords=28, MinWords=12, MaxFragments=1`})`,
    })
    .from(catalogueEntries)
    .where(
      and(
        ...conditions,
        or(sql`${catalogueEntries.searchVector} @@ ${anyQuery}`, sql`${text} <% ${catalogueEntries.searchText}`),
      ),
    )
    .orderBy(sql`${score} DESC`, asc(catalogueEntries.question), asc(catalogueEntries.id))
    .limit(limit);
}

/** Keeps a search that found nothing for the coordinators; a longer query replaces the same asker's shorter one. */
async function recordMiss(db: Queryable, providerId: string, actor: Actor | null, q: string) {
  const query = wordsOf(q).join(" ");
  if (query.length < 3) return;
  const organisationId = actor?.organisationId ?? null;
  if (organisationId) {
    await db.execute(
      sql`DELETE FROM search_misses WHERE provider_id = ${providerId} AND last_organisation_id = ${organisationId}
          AND count = 1 AND last_at > now() - interval '2 minutes' AND query <> ${query}
          AND left(${query}, length(query)) = query`,
    );
  }
  await db
    .insert(searchMisses)
    .values({ providerId, query, lastOrganisationId: organisationId })
    .onConflictDoUpdate({
      target: [searchMisses.providerId, searchMisses.query],
      set: { count: sql`${searchMisses.count} + 1`, lastAt: new Date(), lastOrganisationId: organisationId },
    });
}

const toSummary = (row: {
  id: string;
  key: string;
  question: string;
  theme: string;
  status: "draft" | "published" | "archived";
  service: string | null;
  tags: string[];
  isDemo: boolean;
  updatedAt: Date;
}) => ({
  id: row.id,
  key: row.key,
  question: row.question,
  theme: row.theme,
  status: row.status,
  service: row.service,
  tags: row.tags,
  isDemo: row.isDemo,
  updatedAt: row.updatedAt.toISOString(),
});

/**
 * A catalogue's entries: with `q`, the best matches first (one page, no cursor) and searches that found nothing
 * recorded; without, by theme and question with keyset pages.
 */
export async function searchEntries(
  db: Queryable,
  actor: Actor | null,
  catalogue: CatalogueContext,
  query: SearchEntriesQuery,
) {
  const conditions = filters(catalogue, actor, query);
  if (query.q && wordsOf(query.q).length) {
    const rows = await rankedSearch(db, catalogue, conditions, query.q, query.limit);
    if (!rows.length && !query.theme && !query.domain) await recordMiss(db, catalogue.providerId, actor, query.q);
    return {
      items: rows.map((r) => ({ ...toSummary(r), highlight: { question: r.highlightQuestion, excerpt: r.excerpt } })),
      nextCursor: null,
    };
  }
  const keys = [catalogueEntries.theme, sql`lower(${catalogueEntries.question})`, catalogueEntries.id] as const;
  if (query.cursor) {
    const [theme, question, id] = decodeCursor(query.cursor, 3);
    conditions.push(
      sql`(${catalogueEntries.theme}, lower(${catalogueEntries.question}), ${catalogueEntries.id}) > (${theme}, ${question}, ${id}::uuid)`,
    );
  }
  const rows = await db
    .select({ ...summaryColumns, sortQuestion: sql<string>`lower(${catalogueEntries.question})` })
    .from(catalogueEntries)
    .where(and(...conditions))
    .orderBy(...keys.map((k) => asc(k)))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({ ...toSummary(r), highlight: null })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.theme, last.sortQuestion, last.id]) : null,
  };
}

/** The themes of a catalogue with their number of entries (published ones for readers outside the provider). */
export async function themesOf(db: Queryable, actor: Actor | null, catalogue: CatalogueContext) {
  const staff = cataloguePolicy.readDesk(actor, catalogue);
  const rows = await db
    .select({ name: catalogueEntries.theme, count: sql<number>`count(*)::int` })
    .from(catalogueEntries)
    .where(
      and(
        eq(catalogueEntries.providerId, catalogue.providerId),
        staff ? sql`${catalogueEntries.status} <> 'archived'` : eq(catalogueEntries.status, "published"),
      ),
    )
    .groupBy(catalogueEntries.theme)
    .orderBy(asc(catalogueEntries.theme));
  return rows.map((r) => ({ name: r.name, count: Number(r.count) }));
}
