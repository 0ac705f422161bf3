/**
 * The read and write paths the suite measures, each beside a bare route of the benchmark server that runs the same
 * SQL (bench/server.ts). `kind` says which budget applies (see budgets.json).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { seededRandom } from "../src/platform/random.ts";

/** What the benchmark server tells the runner once it is ready. */
export interface Started {
  readyMs: number;
  limburg: string;
  hasselt: string;
  token: string;
  adminToken: string;
  limburgToken: string;
  writeToken: string;
  /** An official of Hasselt for the browser runs. */
  user: { email: string; password: string };
  history: { entityType: string; entityId: string };
  resultsSurvey: string;
  subAgreement: string;
  submitSurvey: string;
  tokensFile: string;
  port: number;
  barePort: number;
  pid: number;
  memory: {
    readonly peakMb: number;
    steadyMb(): Promise<number>;
    stop(): void;
    phase(name: string): void;
    phases(): string;
  };
  stop(): Promise<void>;
}

export interface Scenario {
  name: string;
  /** A read or a write is held to its budgets; "cache" measures the search's result cache (hit rate, latency). */
  kind: "read" | "write" | "cache";
  samen: (s: Started) => string;
  bare: (s: Started) => string;
  /** Several paths requested in turn, instead of one. */
  samenPaths?: (s: Started) => string[];
  barePaths?: (s: Started) => string[];
  /** Paths taken in turn by whichever connection sends next (no lockstep), instead of one. */
  samenSequence?: (s: Started) => string[];
  bareSequence?: (s: Started) => string[];
  connections: number;
  /** The token Samen is called with (by default a viewer of Hasselt; writes use the write token). */
  token?: (s: Started) => string;
  /** Settings of its own: the scenario runs on a server started with them. */
  env?: Record<string, string>;
  /** A write: POST with this JSON body. */
  post?: string;
  /** Submissions: each request with the next organisation's token. */
  rotateTokens?: boolean;
  /** How many server processes answer (a cluster on one database); one unless said. */
  processes?: number;
  /** Measured on this database only (several processes cannot share the embedded one). */
  only?: "postgres";
}

const root = path.resolve(import.meta.dirname, "..");

/** Realistic searches of the catalogue (the search-quality set), each of which finds something. */
const catalogueQueries = (
  JSON.parse(readFileSync(path.join(root, "test/search-quality/queries.json"), "utf8")) as { queries: { q: string }[] }
).queries.map((q) => q.q);
const searchPaths = (base: string, queries = catalogueQueries) =>
  queries.map((q) => `${base}?q=${encodeURIComponent(q)}&limit=20`);

/**
 * What officials type into a search box over a day: the realistic searches, and each as it is typed (its first
 * words, a word cut short), some thousands of different queries, asked as often as a Zipf-like law says (the
 * hundredth most asked a hundredth as often as the first), in a fixed pseudo-random order.
 */
export function zipfSearches(count = 40_000, exponent = 1): string[] {
  const distinct = new Set<string>();
  const json = <T>(file: string) => JSON.parse(readFileSync(path.join(root, file), "utf8")) as T;
  // The demo's searches, a host municipality's, and every word of the default thesaurus (what officials call things).
  const typed = [
    ...catalogueQueries,
    ...json<{ queries: { q: string }[] }>("test/search-quality/host/queries.json").queries.map((q) => q.q),
    ...json<{ groups: string[][] }>("data/search/thesaurus-nl.json").groups.flat(),
  ];
  for (const q of typed) {
    distinct.add(q);
    const words = q.split(/\s+/);
    for (let n = 1; n < words.length; n++) distinct.add(words.slice(0, n).join(" "));
    for (const word of words) if (word.length > 6) distinct.add(word.slice(0, 5));
    for (let cut = 4; cut < q.length; cut += 3) distinct.add(q.slice(0, cut));
  }
  const queries = [...distinct].filter((q) => q.trim().length >= 3);
  const next = seededRandom(21);
  // Ranks in a fixed shuffled order, so the most asked are not all the longest.
  const ranked = queries
    .map((q) => ({ q, key: next() }))
    .sort((a, b) => a.key - b.key)
    .map((r) => r.q);
  const weights = ranked.map((_, i) => 1 / (i + 1) ** exponent);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) {
    sum += w / total;
    cumulative.push(sum);
  }
  return Array.from({ length: count }, () => {
    const r = next();
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) < r) low = mid + 1;
      else high = mid;
    }
    return ranked[low] as string;
  });
}
const zipf = zipfSearches();

/** Submitting answers, each request with the next organisation's token; on several processes, PostgreSQL only. */
const submission = (processes: number): Scenario => ({
  name: `surveys: submit an answer (validated), one per organisation${processes > 1 ? `, ${processes} processes` : ""}`,
  kind: "write",
  samen: (s) => `/api/surveys/${s.submitSurvey}/response/submit`,
  bare: () => "/bare/submit",
  post: "{}",
  rotateTokens: true,
  connections: 50,
  // Several processes share the port (Node's cluster module) on one PostgreSQL.
  ...(processes > 1 ? { env: { BENCH_PROCESSES: String(processes) }, processes, only: "postgres" as const } : {}),
});

export const scenarios: Scenario[] = [
  {
    name: "register: filter",
    kind: "read",
    samen: () => "/api/organisations?country=BE&kind=municipality&limit=50",
    bare: () => "/bare/organisations?country=BE&kind=municipality&limit=50",
    connections: 50,
  },
  {
    name: "register: search",
    kind: "read",
    samen: () => "/api/organisations?q=sint&limit=20",
    bare: () => "/bare/organisations?q=sint&limit=20",
    connections: 50,
  },
  {
    name: "collaborations: search",
    kind: "read",
    samen: () => "/api/collaborations?q=limburg&limit=20",
    bare: () => "/bare/collaborations?q=limburg&limit=20",
    connections: 50,
  },
  {
    name: "organisation page",
    kind: "read",
    samen: (s) => `/api/organisations/${s.hasselt}`,
    bare: (s) => `/bare/organisation/${s.hasselt}`,
    connections: 50,
  },
  {
    name: "organisation page: portfolio",
    kind: "read",
    samen: (s) => `/api/organisations/${s.hasselt}/collaborations`,
    bare: (s) => `/bare/portfolio/${s.hasselt}`,
    connections: 50,
  },
  {
    // Ranked every time (no result cache), against the same ranking without Samen around it: like against like.
    name: "catalogue: search (no result cache)",
    kind: "read",
    samen: (s) => `/api/catalogues/${s.limburg}/entries`,
    bare: () => "/bare/catalogue",
    samenSequence: (s) => searchPaths(`/api/catalogues/${s.limburg}/entries`),
    bareSequence: () => searchPaths("/bare/catalogue"),
    connections: 50,
    env: { SEARCH_CACHE_SIZE: "0" },
  },
  {
    // The result cache as it runs: its hit rate and latency under a realistic mix, identical misses ranked once.
    name: `catalogue: search with its result cache, Zipf-like mix of ${new Set(zipf).size} queries`,
    kind: "cache",
    samen: (s) => `/api/catalogues/${s.limburg}/entries`,
    bare: () => "/bare/catalogue",
    samenSequence: (s) => zipf.map((q) => `/api/catalogues/${s.limburg}/entries?q=${encodeURIComponent(q)}&limit=20`),
    bareSequence: () => zipf.map((q) => `/bare/catalogue?q=${encodeURIComponent(q)}&limit=20`),
    connections: 50,
  },
  {
    name: "front office: ticket list of a desk",
    kind: "read",
    samen: () => "/api/tickets?scope=desk&limit=50",
    bare: () => "/bare/tickets?scope=desk&limit=50",
    token: (s) => s.limburgToken,
    connections: 50,
  },
  {
    name: "shared services: settle a year",
    kind: "write",
    samen: (s) => `/api/sub-agreements/${s.subAgreement}/years/2026/settlements`,
    bare: (s) => `/bare/settle/${s.subAgreement}`,
    post: "{}",
    connections: 10,
  },
  submission(1),
  submission(2),
  {
    name: "surveys: results by size class",
    kind: "read",
    samen: (s) => `/api/surveys/${s.resultsSurvey}/results?split=sizeClass`,
    bare: (s) => `/bare/results/${s.resultsSurvey}`,
    token: (s) => s.limburgToken,
    connections: 50,
  },
  {
    name: "audit: an entity's history",
    kind: "read",
    samen: (s) =>
      `/api/audit?entityType=${s.history.entityType}&entityId=${encodeURIComponent(s.history.entityId)}&limit=50`,
    bare: (s) =>
      `/bare/audit?entityType=${s.history.entityType}&entityId=${encodeURIComponent(s.history.entityId)}&limit=50`,
    token: (s) => s.adminToken,
    connections: 50,
  },
];
