/**
 * Samen's benchmark suite. `npm run bench` measures, on the embedded database and on PostgreSQL:
 *   - start-up: time from process start to answering /api/ready, on a first start and on a restart;
 *   - memory: resident set size of the server after the load;
 *   - the register's read paths and the partner catalogue's search (5,000 entries) at 50 connections, and the search
 *     at 1 connection for its server time: p50/p95/p99 latency and requests per second, beside a bare Fastify route
 *     running the same SQL in the same process and run (the ratio is the figure).
 * Options: --duration SECONDS (default 10), --only pglite|postgres, --scenario TEXT (those whose name contains it).
 * BENCH_SUBMISSIONS sets how many organisations the survey submissions use (default 30,000); BENCH_CPU_PROFILE=DIR
 * writes a CPU profile of each server to DIR. PostgreSQL comes from BENCH_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres; a database `samen_bench` is created and dropped).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { loadConfig } from "../src/platform/config.ts";
import { openConfiguredDatabase } from "../src/platform/setup.ts";
import { measureAllocation } from "./allocation.ts";
import { measureAggregation } from "./surveys.ts";

const { values } = parseArgs({
  options: { duration: { type: "string", default: "10" }, only: { type: "string" }, scenario: { type: "string" } },
});
const duration = Number(values.duration);
const connections = 50;
const root = fileURLToPath(new URL("..", import.meta.url));

interface Started {
  readyMs: number;
  limburg: string;
  writeToken: string;
  subAgreement: string;
  submitSurvey: string;
  tokensFile: string;
  wallMs: number;
  port: number;
  barePort: number;
  token: string;
  hasselt: string;
  pid: number;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>): Promise<Started> {
  const t0 = performance.now();
  // BENCH_CPU_PROFILE=DIR writes a CPU profile of each server to DIR, to see where its time goes.
  const profile = process.env.BENCH_CPU_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", path.join(root, "bench/server.ts")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", SESSION_SECRET: "b".repeat(40), PORT: "0", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout.on("data", (d: Buffer) => {
      buffer += d.toString();
      const newline = buffer.indexOf("\n");
      if (newline >= 0) resolve(buffer.slice(0, newline));
    });
    child.on("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const info = JSON.parse(line) as Omit<Started, "wallMs" | "pid" | "stop">;
  return {
    ...info,
    wallMs: Math.round(performance.now() - t0),
    pid: child.pid ?? 0,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

const rssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
};

async function load(
  url: string,
  headers: Record<string, string>,
  options: { connections?: number; paths?: string[]; post?: string; tokens?: string[] } = {},
) {
  // Each request with the next token (its own organisation), so no answer is submitted twice.
  let next = 0;
  const tokens = options.tokens;
  const settings = {
    url,
    connections: options.connections ?? connections,
    headers: options.post ? { ...headers, "content-type": "application/json" } : headers,
    timeout: 30,
    ...(options.post ? { method: "POST" as const, body: options.post } : {}),
    // Several paths are requested in turn by every connection.
    ...(options.paths ? { requests: options.paths.map((path) => ({ method: "GET" as const, path })) } : {}),
    ...(tokens
      ? {
          requests: [
            {
              method: "POST" as const,
              path: new URL(url).pathname,
              setupRequest: (request: autocannon.Request) => ({
                ...request,
                headers: {
                  ...request.headers,
                  authorization: `Bearer ${tokens[next++ % tokens.length]}`,
                  "if-match": '"v1"',
                },
              }),
            },
          ],
        }
      : {}),
  };
  // Warm up caches and the JIT, then measure.
  await autocannon({ ...settings, duration: 2 });
  const result = await autocannon({ ...settings, duration });
  // A wrong answer invalidates the run; a request that timed out is a figure, reported with the others.
  if (tokens && next > tokens.length) throw new Error(`${url}: more requests (${next}) than prepared answers`);
  if (result.non2xx > 0) {
    throw new Error(`${url}: ${result.non2xx} answers were not 2xx (${JSON.stringify(result.statusCodeStats)})`);
  }
  return {
    errors: result.errors + result.timeouts,
    p50: result.latency.p50,
    p95: percentile95(result),
    p99: result.latency.p99,
    rps: Math.round(result.requests.average),
  };
}

/** autocannon reports p90 and p97.5; p95 is interpolated between them. */
function percentile95(result: autocannon.Result): number {
  const { p90, p97_5 } = result.latency;
  return Math.round((p90 + ((p97_5 - p90) * 5) / 7.5) * 100) / 100;
}

/** Realistic searches of the catalogue (the search-quality set), each of which finds something. */
const catalogueQueries = (
  JSON.parse(readFileSync(path.join(root, "test/search-quality/queries.json"), "utf8")) as { queries: { q: string }[] }
).queries
  .map((q) => q.q)
  .filter((q) => q !== "gehackt wat nu")
  .slice(0, 30);
const searchPaths = (base: string, s: Started) =>
  catalogueQueries
    .map((q) => `${base}?q=${encodeURIComponent(q)}&limit=20`)
    .map((p) => p.replace("{limburg}", s.limburg));

/** Each scenario: Samen's route and the bare route running the same main SQL. */
interface Scenario {
  name: string;
  samen: (s: Started) => string;
  bare: (s: Started) => string;
  /** Several paths requested in turn, instead of one. */
  samenPaths?: (s: Started) => string[];
  barePaths?: (s: Started) => string[];
  connections?: number;
  /** Settings of its own: the scenario runs on a server started with them. */
  env?: Record<string, string>;
  /** A write: POST with this JSON body, with the write token. */
  post?: string;
  /** Submissions: each request with the next organisation's token. */
  rotateTokens?: boolean;
}
const scenarios: Scenario[] = [
  {
    name: "organisations: filter",
    samen: () => "/api/organisations?country=BE&kind=municipality&limit=50",
    bare: () => "/bare/organisations?country=BE&kind=municipality&limit=50",
  },
  {
    name: "organisations: search",
    samen: () => "/api/organisations?q=sint&limit=20",
    bare: () => "/bare/organisations?q=sint&limit=20",
  },
  {
    name: "collaborations: search",
    samen: () => "/api/collaborations?q=limburg&limit=20",
    bare: () => "/bare/collaborations?q=limburg&limit=20",
  },
  {
    name: "organisation page: portfolio",
    samen: (s: Started) => `/api/organisations/${s.hasselt}/collaborations`,
    bare: (s: Started) => `/bare/portfolio/${s.hasselt}`,
  },
  {
    name: "shared services: settle a year, 1 connection",
    samen: (s: Started) => `/api/sub-agreements/${s.subAgreement}/years/2026/settlements`,
    bare: (s: Started) => `/bare/settle/${s.subAgreement}`,
    post: "{}",
    connections: 1,
  },
  {
    name: "shared services: settle a year",
    samen: (s: Started) => `/api/sub-agreements/${s.subAgreement}/years/2026/settlements`,
    bare: (s: Started) => `/bare/settle/${s.subAgreement}`,
    post: "{}",
    connections: 10,
  },
  {
    name: "surveys: submit an answer (validated), one per organisation",
    samen: (s: Started) => `/api/surveys/${s.submitSurvey}/response/submit`,
    bare: () => "/bare/submit",
    post: "{}",
    rotateTokens: true,
  },
  {
    name: "catalogue: search, 1 connection, first time (no result cache)",
    samen: (s: Started) => `/api/catalogues/${s.limburg}/entries`,
    bare: () => "/bare/catalogue",
    samenPaths: (s: Started) => searchPaths("/api/catalogues/{limburg}/entries", s),
    barePaths: (s: Started) => searchPaths("/bare/catalogue", s),
    connections: 1,
    env: { SEARCH_CACHE_SIZE: "0" },
  },
  {
    name: "catalogue: search, 1 connection (server time)",
    samen: (s: Started) => `/api/catalogues/${s.limburg}/entries`,
    bare: () => "/bare/catalogue",
    samenPaths: (s: Started) => searchPaths("/api/catalogues/{limburg}/entries", s),
    barePaths: (s: Started) => searchPaths("/bare/catalogue", s),
    connections: 1,
  },
  {
    name: "catalogue: search",
    samen: (s: Started) => `/api/catalogues/${s.limburg}/entries`,
    bare: () => "/bare/catalogue",
    samenPaths: (s: Started) => searchPaths("/api/catalogues/{limburg}/entries", s),
    barePaths: (s: Started) => searchPaths("/bare/catalogue", s),
  },
];

interface Row {
  backend: string;
  firstStartMs: number;
  restartMs: number;
  rssMb: number;
  aggregation: Awaited<ReturnType<typeof measureAggregation>> | null;
  results: {
    scenario: string;
    samen: Awaited<ReturnType<typeof load>>;
    bare: Awaited<ReturnType<typeof load>>;
    ratio: number;
  }[];
}

async function run(server: Started, scenario: Scenario) {
  const samen = await load(
    `http://127.0.0.1:${server.port}${scenario.samen(server)}`,
    { authorization: `Bearer ${scenario.post !== undefined ? server.writeToken : server.token}` },
    {
      ...(scenario.connections ? { connections: scenario.connections } : {}),
      ...(scenario.samenPaths ? { paths: scenario.samenPaths(server) } : {}),
      ...(scenario.post !== undefined ? { post: scenario.post } : {}),
      ...(scenario.rotateTokens ? { tokens: readFileSync(server.tokensFile, "utf8").trim().split("\n") } : {}),
    },
  );
  const bare = await load(
    `http://127.0.0.1:${server.barePort}${scenario.bare(server)}`,
    {},
    {
      ...(scenario.connections ? { connections: scenario.connections } : {}),
      ...(scenario.barePaths ? { paths: scenario.barePaths(server) } : {}),
      ...(scenario.post !== undefined ? { post: scenario.post } : {}),
    },
  );
  return { scenario: scenario.name, samen, bare, ratio: Math.round((samen.rps / bare.rps) * 100) / 100 };
}

async function measure(backend: "pglite" | "postgres"): Promise<Row> {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (backend === "pglite") {
    const dir = mkdtempSync(path.join(tmpdir(), "samen-bench-"));
    env = { SAMEN_DATA_DIR: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query("DROP DATABASE IF EXISTS samen_bench WITH (FORCE)");
    await admin.query("CREATE DATABASE samen_bench");
    const url = new URL(adminUrl);
    url.pathname = "/samen_bench";
    env = { DATABASE_URL: url.href };
    cleanup = async () => {
      await admin.query("DROP DATABASE IF EXISTS samen_bench WITH (FORCE)");
      await admin.end();
    };
  }
  try {
    const first = await startServer(env);
    await first.stop();
    const selected = scenarios.filter((s) => !values.scenario || s.name.includes(values.scenario));
    const results: Row["results"] = [];
    const server = await startServer(env);
    let rss = 0;
    try {
      for (const scenario of selected.filter((s) => !s.env)) results.push(await run(server, scenario));
      rss = rssMb(server.pid);
    } finally {
      await server.stop();
    }
    // Scenarios with settings of their own (the search without its result cache) get a server of their own.
    for (const scenario of selected.filter((s) => s.env)) {
      const own = await startServer({ ...env, ...scenario.env });
      try {
        results.push(await run(own, scenario));
      } finally {
        await own.stop();
      }
    }
    // The survey results over 100,000 answers, timed in this process on the same database.
    let aggregation: Row["aggregation"] = null;
    if (!values.scenario || "surveys: results".includes(values.scenario)) {
      const config = loadConfig({
        ...process.env,
        ...env,
        SESSION_SECRET: "b".repeat(40),
        SAMEN_DEMO: "false",
        NODE_ENV: "production",
      });
      const database = await openConfiguredDatabase(config);
      try {
        aggregation = await measureAggregation(database, 100_000);
      } finally {
        await database.close();
      }
    }
    return { backend, firstStartMs: first.wallMs, restartMs: server.wallMs, rssMb: rss, aggregation, results };
  } finally {
    await cleanup();
  }
}

// The allocation engine first: pure, in this process, before any server loads the machine.
const engine = measureAllocation();

const backends = (values.only ? [values.only] : ["pglite", "postgres"]) as ("pglite" | "postgres")[];
const rows: Row[] = [];
for (const backend of backends) {
  process.stderr.write(`Measuring on ${backend}...\n`);
  rows.push(await measure(backend));
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`\nSamen benchmarks — ${new Date().toISOString()} — ${machine}`);
console.log(
  `Read paths with an API token, all real data loaded, ${connections} connections unless said, ${duration} s after a 2 s warm-up\n`,
);
console.log(
  "| database | scenario | Samen p50 / p95 / p99 (ms) | Samen req/s | bare SQL p50 / p95 / p99 (ms) | bare req/s | ratio | timeouts |",
);
console.log("|---|---|---|---|---|---|---|---|");
for (const row of rows) {
  for (const r of row.results) {
    console.log(
      `| ${row.backend} | ${r.scenario} | ${r.samen.p50} / ${r.samen.p95} / ${r.samen.p99} | ${r.samen.rps} | ${r.bare.p50} / ${r.bare.p95} / ${r.bare.p99} | ${r.bare.rps} | ${r.ratio} | ${r.samen.errors + r.bare.errors} |`,
    );
  }
}
console.log(
  `\nAllocation engine: ${engine.clients} clients × ${engine.subAgreements} sub-agreements, budget + advances + settlement (${engine.lines} lines): p50 ${engine.p50} ms, p95 ${engine.p95} ms, max ${engine.max} ms`,
);
console.log("\n| database | survey results, 100,000 answers: p50 / p95 / max (ms) |");
console.log("|---|---|");
for (const row of rows) {
  if (row.aggregation)
    console.log(
      `| ${row.backend} | ${row.aggregation.p50} / ${row.aggregation.p95} / ${row.aggregation.max} (${row.aggregation.answers} answers) |`,
    );
}
console.log("\n| database | first start to ready (ms) | restart to ready (ms) | resident memory after load (MB) |");
console.log("|---|---|---|---|");
for (const row of rows) console.log(`| ${row.backend} | ${row.firstStartMs} | ${row.restartMs} | ${row.rssMb} |`);

mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(
  path.join(root, "bench/results/latest.json"),
  `${JSON.stringify({ at: new Date().toISOString(), machine, engine, rows }, null, 2)}\n`,
);
