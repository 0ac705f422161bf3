import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Queryable, rowsOf } from "../../platform/db/client.ts";
import { catalogueEntries, searchMisses } from "../../platform/db/schema.ts";
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
export function filters(catalogue: CatalogueContext, actor: Actor | null, query: SearchEntriesQuery): SQL[] {
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

/** Dutch stems of words (stop words stem to nothing); the dictionary never changes, so they are kept in memory. */
const stems = new Map<string, string | null>();
const maxStems = 50_000;

async function stemsOf(db: Queryable, words: string[]) {
  const unknown = [...new Set(words.filter((w) => !stems.has(w)))];
  if (unknown.length) {
    const rows = await rowsOf<{ word: string; stem: string[] | null }>(
      db,
      sql`SELECT w AS word, ts_lexize('dutch_stem', w) AS stem FROM unnest(${`{${unknown.join(",")}}`}::text[]) AS w`,
    );
    if (stems.size > maxStems) stems.clear();
    for (const row of rows) stems.set(row.word, row.stem?.[0] ?? null);
  }
  return stems;
}

const quote = (lexeme: string) => `'${lexeme.replace(/'/g, "''")}'`;

/**
 * A word as a query operand, given its stem: stop words match nothing; a word of three letters or more matches as a
 * prefix, stemmed ("aankopen" → aankop:*) and, where stemming changed its beginning, also as typed ("aankoop" also
 * finds "aankoopcentrale", whose stem keeps the double o: Dutch writes compounds as one word). A word half typed
 * already finds.
 */
export function operandOf(word: string, stem: string | null): string | null {
  if (!stem) return null;
  if (word.length < 3) return quote(stem);
  if (word.startsWith(stem)) return `${quote(stem)}:*`;
  return `(${quote(stem)}:* | ${quote(word)}:*)`;
}

const joined = (operator: string) => (parts: (string | null)[]) => {
  const present = parts.filter((p): p is string => p !== null);
  if (!present.length) return null;
  return present.length === 1 ? (present[0] as string) : `(${present.join(` ${operator} `)})`;
};

/**
 * What a search means in this catalogue, in one round trip: the coordinators' synonym groups, and typo corrections
 * for each word of four letters or more that the catalogue does not know (its closest words, trigram similarity
 * ≥ 0.45). Then its words as concepts, written as Dutch full-text queries.
 */
export async function interpretSearch(db: Queryable, providerId: string, q: string) {
  const words = wordsOf(q);
  const unknown = [...new Set(words.filter((w) => w.length >= 4))];
  const [found] = await rowsOf<{ synonyms: string[][] | null; corrections: [string, string][] | null }>(
    db,
    sql`SELECT
      (SELECT json_agg(terms ORDER BY created_at, id) FROM search_synonyms WHERE provider_id = ${providerId}) AS synonyms,
      (SELECT json_agg(json_build_array(w.word, t.term)) FROM unnest(${`{${unknown.join(",")}}`}::text[]) AS w(word)
        CROSS JOIN LATERAL (
          SELECT term FROM catalogue_terms
          WHERE provider_id = ${providerId} AND term % w.word AND similarity(term, w.word) >= 0.45
          ORDER BY similarity(term, w.word) DESC, term LIMIT 3
        ) t
        WHERE NOT EXISTS (SELECT 1 FROM catalogue_terms k WHERE k.provider_id = ${providerId} AND k.term = w.word)
      ) AS corrections`,
  );
  const corrections = new Map<string, string[]>();
  for (const [word, term] of found?.corrections ?? []) corrections.set(word, [...(corrections.get(word) ?? []), term]);
  const concepts = withCorrections(conceptsOf(words, found?.synonyms ?? []), corrections);
  const stemmed = await stemsOf(
    db,
    concepts.flatMap((c) => c.alternatives.flat()),
  );
  const { all, any } = renderQuery(concepts, {
    word: (w: string) => operandOf(w, stemmed.get(w) ?? null),
    and: joined("&"),
    or: joined("|"),
  });
  return { concepts, text: words.join(" "), all, any };
}

/** How many full-text candidates the trigram similarity re-ranks: it is the costly part of the score (about 25 µs a row). */
const reranked = 50;

/**
 * The ranked search itself, one query in two steps. First the full-text index finds the entries that match any
 * concept, ranked by the weighted full-text rank (question above tags above answer) with a bonus when every concept
 * matches; the best 50 of those are then re-ranked with the trigram word similarity of the query to question and
 * tags, which rewards the closest wording. Highlights are made for the returned rows only.
 */
export function rankedSearchQuery(
  db: Queryable,
  conditions: SQL[],
  search: Awaited<ReturnType<typeof interpretSearch>>,
  limit: number,
) {
  const anyQuery = sql`${search.any}::tsquery`;
  const allQuery = sql`${search.all}::tsquery`;
  const fullText = sql<number>`(ts_rank('{0.1, 0.25, 0.5, 1.0}', ${catalogueEntries.searchVector}, ${anyQuery}) * 2
      + CASE WHEN ${catalogueEntries.searchVector} @@ ${allQuery} THEN 1 ELSE 0 END)`;
  const found = db
    .select({ id: catalogueEntries.id, fullText: fullText.as("full_text") })
    .from(catalogueEntries)
    .where(and(...conditions, sql`${catalogueEntries.searchVector} @@ ${anyQuery}`))
    .orderBy(sql`full_text DESC`)
    .limit(reranked)
    .as("found");
  const score = sql<number>`(${found.fullText} + word_similarity(${search.text}, ${catalogueEntries.searchText}))`;
  return db
    .select({
      ...summaryColumns,
      score,
      highlightQuestion: sql<string>`ts_headline('dutch', ${catalogueEntries.question}, ${anyQuery}, ${`${headlineOptions}, HighlightAll=true`})`,
      excerpt: sql<string>`ts_headline('dutch', regexp_replace(${catalogueEntries.answer}, '\\]\\([^)]*\\)|[*_#>\`\\[]', '', 'g'), ${anyQuery}, ${`${headlineOptions}, MaxWords=28, MinWords=12, MaxFragments=1`})`,
    })
    .from(found)
    .innerJoin(catalogueEntries, eq(catalogueEntries.id, found.id))
    .orderBy(sql`${score} DESC`, asc(catalogueEntries.question), asc(catalogueEntries.id))
    .limit(limit);
}

type SearchItem = ReturnType<typeof toSummary> & { highlight: { question: string; excerpt: string } };

/**
 * Results of recent searches, in memory, least recently used out first. A result is found again only under the
 * same catalogue search version, which every change to entries or synonyms raises in the database: a change made
 * through any process is seen by all at their next search.
 */
export class SearchCache {
  private readonly results = new Map<string, SearchItem[]>();
  constructor(private readonly size: number) {}
  get(key: string): SearchItem[] | undefined {
    const found = this.results.get(key);
    if (found) {
      this.results.delete(key);
      this.results.set(key, found);
    }
    return found;
  }
  set(key: string, items: SearchItem[]) {
    if (this.size === 0) return;
    this.results.set(key, items);
    if (this.results.size > this.size) {
      const oldest = this.results.keys().next().value;
      if (oldest !== undefined) this.results.delete(oldest);
    }
  }
}
const noCache = new SearchCache(0);

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
  cache: SearchCache = noCache,
) {
  const conditions = filters(catalogue, actor, query);
  const words = wordsOf(query.q ?? "");
  if (words.length) {
    const staff = cataloguePolicy.readDesk(actor, catalogue);
    const key = JSON.stringify([
      catalogue.providerId,
      catalogue.searchVersion,
      staff ? (query.status ?? "") : "published",
      words,
      query.theme ?? "",
      query.domain ?? "",
      query.limit,
    ]);
    let items = cache.get(key);
    if (!items) {
      const search = await interpretSearch(db, catalogue.providerId, words.join(" "));
      const rows = search.any ? await rankedSearchQuery(db, conditions, search, query.limit) : [];
      items = rows.map((r) => ({ ...toSummary(r), highlight: { question: r.highlightQuestion, excerpt: r.excerpt } }));
      cache.set(key, items);
    }
    if (!items.length && !query.theme && !query.domain)
      await recordMiss(db, catalogue.providerId, actor, words.join(" "));
    return { items, nextCursor: null };
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
