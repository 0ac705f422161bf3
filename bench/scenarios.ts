/**
 * The read and write paths the suite measures, each beside a bare route of the benchmark server that runs the same
 * SQL (bench/server.ts). `kind` says which budget applies (see budgets.json).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

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
  stop(): Promise<void>;
}

export interface Scenario {
  name: string;
  kind: "read" | "write";
  samen: (s: Started) => string;
  bare: (s: Started) => string;
  /** Several paths requested in turn, instead of one. */
  samenPaths?: (s: Started) => string[];
  barePaths?: (s: Started) => string[];
  connections: number;
  /** The token Samen is called with (by default a viewer of Hasselt; writes use the write token). */
  token?: (s: Started) => string;
  /** Settings of its own: the scenario runs on a server started with them. */
  env?: Record<string, string>;
  /** A write: POST with this JSON body. */
  post?: string;
  /** Submissions: each request with the next organisation's token. */
  rotateTokens?: boolean;
}

const root = path.resolve(import.meta.dirname, "..");

/** Realistic searches of the catalogue (the search-quality set), each of which finds something. */
const catalogueQueries = (
  JSON.parse(readFileSync(path.join(root, "test/search-quality/queries.json"), "utf8")) as { queries: { q: string }[] }
).queries
  .map((q) => q.q)
  .slice(0, 30);
const searchPaths = (base: string) => catalogueQueries.map((q) => `${base}?q=${encodeURIComponent(q)}&limit=20`);

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
    name: "catalogue: search",
    kind: "read",
    samen: (s) => `/api/catalogues/${s.limburg}/entries`,
    bare: () => "/bare/catalogue",
    samenPaths: (s) => searchPaths(`/api/catalogues/${s.limburg}/entries`),
    barePaths: () => searchPaths("/bare/catalogue"),
    connections: 50,
  },
  {
    name: "catalogue: search, first time (no result cache)",
    kind: "read",
    samen: (s) => `/api/catalogues/${s.limburg}/entries`,
    bare: () => "/bare/catalogue",
    samenPaths: (s) => searchPaths(`/api/catalogues/${s.limburg}/entries`),
    barePaths: () => searchPaths("/bare/catalogue"),
    connections: 1,
    env: { SEARCH_CACHE_SIZE: "0" },
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
  {
    name: "surveys: submit an answer (validated), one per organisation",
    kind: "write",
    samen: (s) => `/api/surveys/${s.submitSurvey}/response/submit`,
    bare: () => "/bare/submit",
    post: "{}",
    rotateTokens: true,
    connections: 50,
  },
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
