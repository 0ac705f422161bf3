import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import { type Queryable, rowsOf } from "../../platform/db/client.ts";
import { catalogueEntries, catalogueEntryDomains, searchMisses, searchSynonyms } from "../../platform/db/schema.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.ts";
import { Recent } from "../../platform/recent.ts";
import { loadDutchWords, type Words, wordsOf } from "../../platform/search/dutch.ts";
import { defaultThesaurus } from "../../platform/search/thesaurus.ts";
import { domainAndBelow } from "../collaborations/queries.ts";
import { type MarkableText, markableText, markText } from "./marks.ts";
import { cataloguePolicy } from "./policy.ts";
import type { CatalogueContext } from "./queries.ts";
import type { SearchEntriesQuery } from "./schemas.ts";
import {
  buildIndex,
  type CatalogueIndex,
  conceptsOf,
  groupWordsOf,
  type IndexableEntry,
  keysOf,
  plainText,
  rank,
  type Stem,
  vocabularyOf,
  wordsToStem,
} from "./search-index.ts";

/** Marks around matches in highlights: control characters, which entries cannot contain, never markup. */
export const markStart = "\u0001";
export const markEnd = "\u0002";
const marks = { start: markStart, end: markEnd };

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

/** The status a listing shows: any the provider's people ask for, published for everyone else. */
const statusShown = (catalogue: CatalogueContext, actor: Actor | null, query: SearchEntriesQuery) =>
  cataloguePolicy.readDesk(actor, catalogue) ? query.status : "published";

/** The filters every listing shares: provider, status (published for all but the provider's people), theme, domain. */
export function filters(catalogue: CatalogueContext, actor: Actor | null, query: SearchEntriesQuery): SQL[] {
  const conditions: SQL[] = [eq(catalogueEntries.providerId, catalogue.providerId)];
  const status = statusShown(catalogue, actor, query);
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

/** Dutch stems of folded words (stop words stem to null); the dictionary never changes, so they are kept in memory. */
const stems = new Map<string, string | null>();
const maxStems = 200_000;

/**
 * A stem as the index keys it: a final v or z written f or s, as Dutch spells the singular ("fuiven" → fuif,
 * "huizen" → huis), which the stemmer leaves apart.
 */
export const keyOf = (stem: string | null) => stem?.replace(/v$/, "f").replace(/z$/, "s") ?? null;

/** Looks up the stems not yet known, in one query, and returns the lookup. */
export async function stemsOf(db: Queryable, words: Iterable<string>): Promise<Stem> {
  const unknown = [...new Set([...words].filter((w) => !stems.has(w)))];
  for (let i = 0; i < unknown.length; i += 20_000) {
    const rows = await rowsOf<{ word: string; stem: string[] | null }>(
      db,
      sql`SELECT w AS word, ts_lexize('dutch_stem', w) AS stem
          FROM jsonb_array_elements_text(${JSON.stringify(unknown.slice(i, i + 20_000))}::jsonb) AS w`,
    );
    if (stems.size > maxStems) stems.clear();
    for (const row of rows) stems.set(row.word, keyOf(row.stem?.[0] ?? null));
  }
  return (folded: string) => {
    const found = stems.get(folded);
    return found === undefined ? keyOf(folded) : found;
  };
}

/** A catalogue's index with the synonym groups its searches use (the thesaurus and the catalogue's own). */
export interface LoadedIndex {
  index: CatalogueIndex;
  groups: string[][];
  summaries: Summary[];
  /**
   * The texts of entries shown in results, read for marking when each is shown (by entry): the most recently
   * shown kept, so a large catalogue does not keep a second copy of itself.
   */
  shown: Recent<number, ShownEntry>;
}

interface ShownEntry {
  question: MarkableText;
  answer: MarkableText;
  theme: MarkableText;
  tags: MarkableText[];
  offer: MarkableText[];
}

/** How many entries' texts read for marking each index keeps. */
const shownKept = 1000;

/** An entry's texts as a result shows them (its answer as plain text), read for marking once while it is kept. */
function shownEntry(loaded: LoadedIndex, entry: number, stem: Stem): ShownEntry {
  let shown = loaded.shown.get(entry);
  if (!shown) {
    const { index } = loaded;
    const e = index.entries[entry] as IndexableEntry;
    const markable = (text: string) => markableText(index, stem, text);
    shown = {
      question: markable(e.question),
      answer: markable(plainText(e.answer)),
      theme: markable(e.theme),
      tags: e.tags.map(markable),
      offer: [e.service, e.conditions, e.price].filter((t): t is string => Boolean(t)).map(markable),
    };
    loaded.shown.set(entry, shown);
  }
  return shown;
}

const indexes = new Map<string, { version: number; loading: Promise<LoadedIndex> }>();
/** How many catalogues' indexes are kept; the least recently searched goes first. */
const keptIndexes = 16;

async function loadIndex(db: Queryable, providerId: string): Promise<LoadedIndex> {
  const [rows, synonyms, dutch] = await Promise.all([
    db
      .select({
        id: catalogueEntries.id,
        question: catalogueEntries.question,
        answer: catalogueEntries.answer,
        theme: catalogueEntries.theme,
        service: catalogueEntries.service,
        conditions: catalogueEntries.conditions,
        price: catalogueEntries.price,
        tags: catalogueEntries.tags,
        synonyms: catalogueEntries.synonyms,
        status: catalogueEntries.status,
        key: catalogueEntries.key,
        isDemo: catalogueEntries.isDemo,
        updatedAt: catalogueEntries.updatedAt,
      })
      .from(catalogueEntries)
      .where(eq(catalogueEntries.providerId, providerId))
      .orderBy(asc(catalogueEntries.id)),
    db
      .select({ terms: searchSynonyms.terms })
      .from(searchSynonyms)
      .where(eq(searchSynonyms.providerId, providerId))
      .orderBy(asc(searchSynonyms.createdAt), asc(searchSynonyms.id)),
    loadDutchWords(),
  ]);
  return {
    ...(await indexEntries(db, rows, [...defaultThesaurus(), ...synonyms.map((s) => s.terms)], dutch)),
    summaries: rows.map(toSummary),
    shown: new Recent(shownKept),
  };
}

/** Indexes entries with the synonym groups their searches use; the words' stems are looked up in one query. */
export async function indexEntries(
  db: Queryable,
  entries: IndexableEntry[],
  groups: string[][],
  dutch: Words,
): Promise<Omit<LoadedIndex, "summaries" | "shown">> {
  const thesaurus = new Set(groupWordsOf(groups));
  const lexicon = { dutch, thesaurus };
  const vocabulary = vocabularyOf(entries, lexicon);
  const stem = await stemsOf(db, [...vocabulary.words, ...[...vocabulary.parts.values()].flat(), ...thesaurus]);
  return { index: buildIndex(entries, vocabulary, stem, lexicon), groups };
}

/**
 * The index of a catalogue at its current search version, built on the first search after a change (by any
 * process: the version is in the database) and shared by the searches that wait for it.
 */
export async function catalogueIndex(db: Queryable, providerId: string, version: number): Promise<LoadedIndex> {
  const kept = indexes.get(providerId);
  if (kept && kept.version === version) {
    indexes.delete(providerId);
    indexes.set(providerId, kept);
    return kept.loading;
  }
  const loading = loadIndex(db, providerId);
  indexes.set(providerId, { version, loading });
  loading.catch(() => {
    if (indexes.get(providerId)?.loading === loading) indexes.delete(providerId);
  });
  if (indexes.size > keptIndexes) {
    const oldest = indexes.keys().next().value;
    if (oldest !== undefined) indexes.delete(oldest);
  }
  return loading;
}

/** Leaves out results scoring under this share of the best one: they matched a word only in passing. */
const relevant = 0.12;

/** The entries of an index that match a query, best first, with the concepts it was read as. */
export async function rankQuery(db: Queryable, loaded: Omit<LoadedIndex, "summaries" | "shown">, words: string[]) {
  const stem = await stemsOf(db, wordsToStem(words, loaded.index, loaded.groups));
  const concepts = conceptsOf(words, loaded.index, loaded.groups, stem);
  return { ranked: concepts.length ? rank(loaded.index, concepts, relevant) : [], stem, matched: keysOf(concepts) };
}

type Summary = ReturnType<typeof toSummary>;
type SearchItem = Summary & {
  highlight: { question: string; excerpt: string; tags: string[]; theme: string; offer: string };
};

/**
 * A search in a catalogue's index: ranked, filtered as the listing is (status, theme, domain), cut where results
 * stop being relevant, and each result marked where it matched: question, answer, tags, theme and offer.
 */
async function rankedSearch(
  db: Queryable,
  actor: Actor | null,
  catalogue: CatalogueContext,
  query: SearchEntriesQuery,
  words: string[],
): Promise<SearchItem[]> {
  const loaded = await catalogueIndex(db, catalogue.providerId, catalogue.searchVersion);
  const { ranked, stem, matched } = await rankQuery(db, loaded, words);
  const status = statusShown(catalogue, actor, query);
  const inDomain = query.domain
    ? new Set(
        (
          await db
            .select({ id: catalogueEntryDomains.entryId })
            .from(catalogueEntryDomains)
            .where(sql`${catalogueEntryDomains.domainId} IN ${domainAndBelow(query.domain)}`)
        ).map((r) => r.id),
      )
    : null;
  const items: SearchItem[] = [];
  for (const result of ranked) {
    if (items.length >= query.limit) break;
    const summary = loaded.summaries[result.entry] as Summary;
    if (status && summary.status !== status) continue;
    if (query.theme && summary.theme !== query.theme) continue;
    if (inDomain && !inDomain.has(summary.id)) continue;
    const shown = shownEntry(loaded, result.entry, stem);
    const mark = (text: MarkableText) => markText(text, matched, marks);
    const offer = shown.offer.map(mark).find((t) => t.marked);
    items.push({
      ...summary,
      highlight: {
        question: mark(shown.question).text,
        excerpt: markText(shown.answer, matched, marks, 28).text,
        tags: shown.tags
          .map(mark)
          .filter((t) => t.marked)
          .map((t) => t.text),
        theme: mark(shown.theme).text,
        offer: offer?.text ?? "",
      },
    });
  }
  return items;
}

/**
 * Results of recent searches, in memory, least recently used out first. A result is found again only under the
 * same catalogue search version, which every change to entries or synonyms raises in the database: a change made
 * through any process is seen by all at their next search.
 */
/**
 * Ranked results by query, the most recently used kept. Identical searches that miss at the same moment wait for
 * one ranking (single flight), cache or no cache, so a burst of the same query ranks once.
 */
export class SearchCache {
  private readonly results: Recent<string, SearchItem[]>;
  private readonly pending = new Map<string, Promise<SearchItem[]>>();
  constructor(size: number) {
    this.results = new Recent(size);
  }
  /** The results for a key: kept ("hit"), being ranked for another request ("shared"), or ranked now ("miss"). */
  async through(
    key: string,
    rank: () => Promise<SearchItem[]>,
  ): Promise<{ items: SearchItem[]; from: "hit" | "shared" | "miss" }> {
    const kept = this.results.get(key);
    if (kept) return { items: kept, from: "hit" };
    const waiting = this.pending.get(key);
    if (waiting) return { items: await waiting, from: "shared" };
    const ranking = rank();
    this.pending.set(key, ranking);
    try {
      const items = await ranking;
      this.results.set(key, items);
      return { items, from: "miss" };
    } finally {
      this.pending.delete(key);
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
  if (query.q?.trim()) {
    const key = JSON.stringify([
      catalogue.providerId,
      catalogue.searchVersion,
      statusShown(catalogue, actor, query) ?? "",
      words,
      query.theme ?? "",
      query.domain ?? "",
      query.limit,
    ]);
    const { items, from } = await cache.through(key, () => rankedSearch(db, actor, catalogue, query, words));
    if (!items.length && !query.theme && !query.domain)
      await recordMiss(db, catalogue.providerId, actor, words.join(" "));
    return { items, nextCursor: null, from };
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
