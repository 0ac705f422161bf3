import { readFileSync } from "node:fs";
import { create, insertMultiple, search as oramaSearch } from "@orama/orama";
import { language, stemmer } from "@orama/stemmers/dutch";
import MiniSearch from "minisearch";

/**
 * The search-quality sets and how a search engine is measured on them: for each query, whether the entry it
 * expects is the first result (top 1) or among the first three (top 3). Used by the quality test and the benchmark
 * report, for Samen and for the general-purpose engines compared beside it.
 */
export interface Query {
  q: string;
  expect: string;
  kind: string;
  half?: "tune" | "measure";
}

export interface CatalogueFileEntry {
  key: string;
  question: string;
  answer: string;
  theme: string;
  service?: string | null;
  conditions?: string | null;
  price?: string | null;
  tags: string[];
  synonyms: string[];
}

const read = <T>(path: string): T => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8")) as T;

/** The host municipality's catalogue (not Limburg's demo) with its queries, written before tuning. */
export const hostSet = () => ({
  catalogue: read<{ entries: CatalogueFileEntry[] }>("./host/catalogue.json"),
  file: readFileSync(new URL("./host/catalogue.json", import.meta.url)),
  queries: read<{ queries: Query[] }>("./host/queries.json").queries,
});

/** Provincie Limburg's demo catalogue with its earlier queries. */
export const limburgQueries = () => read<{ queries: Query[] }>("./queries.json").queries;

export type Engine = (q: string) => Promise<string[]>;

export interface Score {
  queries: number;
  top1: number;
  top3: number;
  misses: string[];
}

export async function evaluate(engine: Engine, queries: Query[]): Promise<Score> {
  let top1 = 0;
  let top3 = 0;
  const misses: string[] = [];
  for (const query of queries) {
    const found = (await engine(query.q)).slice(0, 3);
    if (found[0] === query.expect) top1++;
    if (found.includes(query.expect)) top3++;
    else misses.push(`${query.kind}: "${query.q}" → ${query.expect} (got ${found.join(", ") || "nothing"})`);
  }
  return { queries: queries.length, top1: top1 / queries.length, top3: top3 / queries.length, misses };
}

const documents = (entries: CatalogueFileEntry[]) =>
  entries.map((e) => ({
    id: e.key,
    question: e.question,
    answer: e.answer,
    theme: e.theme,
    tags: [...e.tags, ...e.synonyms].join(" "),
    offer: [e.service, e.conditions, e.price].filter(Boolean).join(" "),
  }));

/** Folding accents, as anyone configuring these engines for Dutch would. */
const plain = (term: string) => term.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * MiniSearch as its documentation recommends for typo-tolerant search: prefix and fuzzy matching (0.2), the same
 * field weights as Samen (question 3, tags 2, theme 1.5, answer 1, offer 0.8), accents folded; it has no Dutch stemmer.
 */
export function miniSearchEngine(entries: CatalogueFileEntry[]): Engine {
  const index = new MiniSearch({
    fields: ["question", "answer", "theme", "tags", "offer"],
    processTerm: (term) => plain(term),
    searchOptions: {
      boost: { question: 3, tags: 2, theme: 1.5, answer: 1, offer: 0.8 },
      prefix: true,
      fuzzy: 0.2,
      combineWith: "OR",
    },
  });
  index.addAll(documents(entries));
  return async (q) => index.search(q).map((r) => String(r.id));
}

/** Orama with its Dutch stemmer, typo tolerance of one edit, the same field weights, any word matching. */
export async function oramaEngine(entries: CatalogueFileEntry[]): Promise<Engine> {
  const db = create({
    schema: { key: "string", question: "string", answer: "string", theme: "string", tags: "string", offer: "string" },
    components: { tokenizer: { stemming: true, stemmer, language } },
  });
  await insertMultiple(
    db,
    documents(entries).map(({ id, ...rest }) => ({ key: id, ...rest })),
  );
  return async (q) => {
    const result = await oramaSearch(db, {
      term: q,
      properties: ["question", "answer", "theme", "tags", "offer"],
      boost: { question: 3, tags: 2, theme: 1.5, answer: 1, offer: 0.8 },
      tolerance: 1,
      threshold: 1,
      limit: 3,
    });
    return result.hits.map((h) => String(h.document.key));
  };
}

export const percent = (share: number) => `${(share * 100).toFixed(1)} %`;
