/**
 * Samen's benchmark suite: `npm run bench` measures Samen on the country-scale data set (`samen seed --scale
 * country`, made once per database and copied for each run; see datasets.ts), on the embedded database and on
 * PostgreSQL:
 *   - the main read and write paths of every module (scenarios.ts) at fixed connection counts: p50/p95/p99 and
 *     requests per second, beside a bare Fastify route running the same SQL in the same process and run (the
 *     ratio is the figure); each read also at 1 connection, for its server time;
 *   - start-up (process start to answering, on the loaded database) and resident memory after the load;
 *   - the allocation engine alone, and the survey results over 100,000 answers;
 *   - the web app's JavaScript and CSS per page, gzipped, and Lighthouse (desktop) over the main pages (PostgreSQL).
 * Options: --duration SECONDS (default 10), --only pglite|postgres, --scenario TEXT (those whose name contains it),
 * --check (print every figure against bench/budgets.json and what falls short; exit 1 if anything does),
 * --no-browser (skip Lighthouse). BENCH_SUBMISSIONS sets how many organisations the survey submissions use (default
 * 80,000 on PostgreSQL, 30,000 on the embedded database); BENCH_CPU_PROFILE=DIR writes a CPU profile of each server to DIR, BENCH_HEAP_SNAPSHOT=DIR a heap snapshot
 * of it in steady state. PostgreSQL comes from BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildServerBundle } from "../scripts/build-server.ts";
import { loadConfig } from "../src/platform/config.ts";
import { serveNodeFlags } from "../src/platform/serve-flags.ts";
import { openConfiguredDatabase } from "../src/platform/setup.ts";
import { measureAllocation } from "./allocation.ts";
import { checkBudgets } from "./check.ts";
import { type Dataset, embeddedCountry, postgresCountry } from "./datasets.ts";
import { type LoadFigures, load } from "./load.ts";
import { type Scenario, type Started, scenarios } from "./scenarios.ts";
import { measureAggregation } from "./surveys.ts";
import { type LighthouseScore, lighthouseScores, webWeights } from "./web.ts";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    only: { type: "string" },
    scenario: { type: "string" },
    check: { type: "boolean", default: false },
    "no-browser": { type: "boolean", default: false },
  },
});
const duration = Number(values.duration);
const root = path.resolve(import.meta.dirname, "..");

/** Runs a script of the suite in a process of its own; resolves with the child and the first line it prints. */
function spawnScript(script: string, env: Record<string, string>, node: string[] = []) {
  const child = spawn(process.execPath, [...node, "--import", "tsx", path.join(root, "bench", script)], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", SESSION_SECRET: "b".repeat(40), PORT: "0", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout.on("data", (d: Buffer) => {
      buffer += d.toString();
      const newline = buffer.indexOf("\n");
      if (newline >= 0) resolve(buffer.slice(0, newline));
    });
    child.on("exit", (code) => reject(new Error(`bench/${script} exited with ${code}`)));
  });
  return { child, line };
}

type Prepared = Omit<Started, "readyMs" | "port" | "barePort" | "pid" | "stop" | "memory">;

/** The scenarios' data, made on this run's copy before Samen starts (bench/prepare.ts). */
async function prepare(env: Record<string, string>): Promise<Prepared> {
  const { child, line } = spawnScript("prepare.ts", env);
  const prepared = JSON.parse(await line) as Prepared;
  // The file of plaintext tokens is the run's secret: removed however the run ends (the measure's finally, or here
  // when the process exits another way).
  process.on("exit", () => rmSync(prepared.tokensFile, { force: true }));
  await exited(child);
  return prepared;
}

/** Resolves once a child process has ended, also when it already has (by exit code or by signal). */
function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/** The measured server's log, as a user would keep it: a file, removed with the run. */
const logDir = mkdtempSync(path.join(tmpdir(), "samen-bench-log-"));
process.on("exit", () => rmSync(logDir, { recursive: true, force: true }));
let servers = 0;
/** The servers the run is stopping (any other that exits has failed). */
const stopping = new WeakSet<ChildProcess>();

async function startServer(env: Record<string, string>, prepared: Prepared): Promise<Started> {
  // BENCH_CPU_PROFILE=DIR writes a CPU profile of each server to DIR, to see where its time goes.
  const profile = process.env.BENCH_CPU_PROFILE
    ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
    : [];
  // BENCH_HEAP_SNAPSHOT=DIR writes a heap snapshot of each server to DIR in steady state, to see what holds memory.
  if (process.env.BENCH_HEAP_SNAPSHOT)
    profile.push("--heapsnapshot-signal=SIGUSR1", `--diagnostic-dir=${process.env.BENCH_HEAP_SNAPSHOT}`);
  const logFile = path.join(logDir, `server-${++servers}.log`);
  const log = openSync(logFile, "w");
  const child = spawn(
    process.execPath,
    [
      "--expose-gc",
      // As `samen serve` runs (npm start, the Dockerfile).
      ...serveNodeFlags,
      ...profile,
      // BENCH_NODE_FLAGS: flags for the measured server's Node (its heap's limits, for instance), space-separated.
      ...(process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? []),
      // Compiled as the build compiles `samen serve` (scripts/build-server.ts), and run without the TypeScript loader.
      serverBundle,
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        SESSION_SECRET: "b".repeat(40),
        PORT: "0",
        ...env,
        BENCH_PREPARED: JSON.stringify(prepared),
      },
      stdio: ["ignore", log, "inherit", "ipc"],
    },
  );
  closeSync(log);
  const memory = sampleMemory(child.pid ?? 0);
  const info = await new Promise<Pick<Started, "readyMs" | "port" | "barePort">>((resolve, reject) => {
    child.once("message", (message) => resolve(message as Pick<Started, "readyMs" | "port" | "barePort">));
    child.once("exit", (code) => reject(new Error(`bench/server.ts exited with ${code}`)));
  });
  child.disconnect();
  // A server that stops before the run stops it has failed: say so, with the end of its log (removed with the run).
  child.once("exit", (code, signal) => {
    if (stopping.has(child)) return;
    const tail = readFileSync(logFile, "utf8").trim().split("\n").slice(-20).join("\n");
    process.stderr.write(`The measured server exited with ${code ?? signal}. The end of its log:\n${tail}\n`);
    process.exitCode = 1;
  });
  return {
    ...prepared,
    ...info,
    pid: child.pid ?? 0,
    memory,
    stop: () => {
      memory.stop();
      stopping.add(child);
      const gone = exited(child);
      child.kill("SIGTERM");
      return gone;
    },
  };
}

/**
 * The resident memory of a process, read every 200 ms from its start until it stops: the highest seen, and on
 * asking, the steady state after forced collections (the server collects on SIGUSR2), read after 15 s idle.
 */
function sampleMemory(pid: number) {
  let peakMb = 0;
  /** The highest reading during each phase (start-up, then each scenario), for the run's log. */
  const phases = new Map<string, number>();
  let phase = "start-up";
  const read = () => {
    try {
      const mb = rssMb(pid);
      peakMb = Math.max(peakMb, mb);
      phases.set(phase, Math.max(phases.get(phase) ?? 0, mb));
      return mb;
    } catch {
      return 0;
    }
  };
  const timer = setInterval(read, 200);
  return {
    get peakMb() {
      return peakMb;
    },
    /** Readings from now on belong to this phase. */
    phase: (name: string) => {
      phase = name;
    },
    /** The highest reading of each phase, in MB. */
    phases: () => [...phases].map(([name, mb]) => `${name} ${mb}`).join(", "),
    stop: () => clearInterval(timer),
    steadyMb: async () => {
      process.kill(pid, "SIGUSR2");
      await new Promise((resolve) => setTimeout(resolve, 1500));
      process.kill(pid, "SIGUSR2");
      // Then idle for 15 s: V8 gives back what a collection freed only once the process has been idle for a while
      // (its memory reducer starts after about 8 s), as a server between bursts is.
      await new Promise((resolve) => setTimeout(resolve, 15_000));
      const mb = read();
      if (process.env.BENCH_HEAP_SNAPSHOT) {
        process.kill(pid, "SIGUSR1");
        await new Promise((resolve) => setTimeout(resolve, 20_000));
      }
      return mb;
    },
  };
}

const rssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
};

export interface ScenarioResult {
  scenario: string;
  kind: Scenario["kind"];
  connections: number;
  samen: LoadFigures;
  bare: LoadFigures;
  ratio: number;
  /** How many server processes answered Samen's side (a cluster on one database), when more than one. */
  processes?: number;
  /** The search's result cache under the scenario's mix: how it answered. */
  cache?: LoadFigures["cache"];
  /** A read at 1 connection: the server's own time, without queueing. */
  single: LoadFigures | null;
}

export interface Row {
  backend: "pglite" | "postgres";
  firstStartMs: number;
  restartMs: number;
  /** Resident memory of the measured server: steady after the load and a collection, and the highest of the run. */
  memory: { steadyMb: number; peakMb: number } | null;
  aggregation: Awaited<ReturnType<typeof measureAggregation>> | null;
  lighthouse: LighthouseScore[];
  results: ScenarioResult[];
}

/** The prepared answers' tokens already used by a run: each is submitted once, so the next run starts after them. */
let tokensUsed = 0;
const tokensFrom = (server: Started) => readFileSync(server.tokensFile, "utf8").trim().split("\n").slice(tokensUsed);

async function run(server: Started, scenario: Scenario): Promise<ScenarioResult> {
  const tokenOf = () => (scenario.token ? scenario.token(server) : scenario.post ? server.writeToken : server.token);
  const samenOptions = (connections: number) => ({
    connections,
    duration,
    ...(scenario.samenPaths ? { paths: scenario.samenPaths(server) } : {}),
    ...(scenario.post !== undefined ? { post: scenario.post } : {}),
    ...(scenario.rotateTokens ? { tokens: tokensFrom(server) } : {}),
    ...(scenario.samenSequence ? { sequence: scenario.samenSequence(server) } : {}),
  });
  const url = `http://127.0.0.1:${server.port}${scenario.samen(server)}`;
  const headers = { authorization: `Bearer ${tokenOf()}` };
  server.memory.phase(scenario.name);
  const samen = await load(url, headers, samenOptions(scenario.connections));
  if (scenario.rotateTokens) tokensUsed += samen.tokensUsed ?? 0;
  // BENCH_MEMORY_TRACE=1: where the server's memory is after each scenario's load (a collection first), in its log.
  if (process.env.BENCH_MEMORY_TRACE) {
    process.stderr.write(`after ${scenario.name}: `);
    process.kill(server.pid, "SIGUSR2");
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  // A write's bare route reads who asks from the same token (the policy's input), as Samen does.
  const bare = await load(
    `http://127.0.0.1:${server.barePort}${scenario.bare(server)}`,
    scenario.kind === "write" ? headers : {},
    {
      connections: scenario.connections,
      duration,
      ...(scenario.barePaths ? { paths: scenario.barePaths(server) } : {}),
      ...(scenario.bareSequence ? { sequence: scenario.bareSequence(server) } : {}),
      ...(scenario.post !== undefined ? { post: scenario.post } : {}),
      ...(scenario.rotateTokens ? { tokens: tokensFrom(server) } : {}),
    },
  );
  if (scenario.rotateTokens) tokensUsed += bare.tokensUsed ?? 0;
  const single =
    scenario.kind !== "write" && scenario.connections > 1 ? await load(url, headers, samenOptions(1)) : null;
  return {
    scenario: scenario.name,
    kind: scenario.kind,
    connections: scenario.connections,
    samen,
    bare,
    ratio: Math.round((samen.rps / bare.rps) * 100) / 100,
    single,
    ...(scenario.processes ? { processes: scenario.processes } : {}),
    ...(samen.cache ? { cache: samen.cache } : {}),
  };
}

/** The main pages for Lighthouse, signed in as an official of Hasselt. */
async function lighthouseRun(server: Started) {
  if (values["no-browser"]) return [];
  const base = `http://127.0.0.1:${server.port}`;
  const signIn = await fetch(`${base}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(server.user),
  });
  if (!signIn.ok) throw new Error(`sign-in for Lighthouse failed: ${signIn.status}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return lighthouseScores(base, cookie, [
    { page: "home", path: "/" },
    { page: "register", path: "/organisaties" },
    { page: "organisation page", path: `/organisaties/${server.hasselt}` },
    { page: "collaborations", path: "/samenwerkingen" },
    { page: "partner catalogue", path: `/partnercatalogus/aanbieder/${server.limburg}` },
    { page: "front office", path: "/frontoffice" },
    { page: "shared services", path: "/gedeelde-diensten" },
    { page: "surveys", path: "/enquetes" },
    { page: "readiness scans", path: "/samenwerkingsscan" },
  ]);
}

async function measure(backend: "pglite" | "postgres"): Promise<Row> {
  const dataset: Dataset =
    backend === "pglite"
      ? await embeddedCountry()
      : await postgresCountry(process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  const env = dataset.env;
  try {
    // As many organisations with a draft as the submissions can use: the embedded database submits about 300 a
    // second, PostgreSQL about 1,400; more than needed would only make the register the other scenarios read larger.
    const prepared = await prepare({
      BENCH_SUBMISSIONS: process.env.BENCH_SUBMISSIONS ?? (backend === "pglite" ? "30000" : "80000"),
      ...env,
    });
    // The file of plaintext tokens is the run's secret: gone when the run ends, however it ends.
    try {
      const first = await startServer(env, prepared);
      await first.stop();
      const selected = scenarios.filter(
        (s) => (!values.scenario || s.name.includes(values.scenario)) && (!s.only || s.only === backend),
      );
      const results: ScenarioResult[] = [];
      const server = await startServer(env, prepared);
      let steadyMb = 0;
      let peakMb = first.memory.peakMb;
      let lighthouse: LighthouseScore[] = [];
      try {
        for (const scenario of selected.filter((s) => !s.env)) results.push(await run(server, scenario));
        server.memory.phase("collections");
        steadyMb = await server.memory.steadyMb();
        console.error(`highest resident memory by phase (MB): ${server.memory.phases()}`);
        if (backend === "postgres" && !values.scenario) lighthouse = await lighthouseRun(server);
      } finally {
        await server.stop();
        peakMb = Math.max(peakMb, server.memory.peakMb);
      }
      // Scenarios with settings of their own (the search without its result cache) get a server of their own.
      for (const scenario of selected.filter((s) => s.env)) {
        const own = await startServer({ ...env, ...scenario.env }, prepared);
        try {
          results.push(await run(own, scenario));
        } finally {
          await own.stop();
          peakMb = Math.max(peakMb, own.memory.peakMb);
        }
      }
      // The survey results over 100,000 answers of one survey, timed in this process on the same database.
      let aggregation: Row["aggregation"] = null;
      if (!values.scenario || "surveys: results over 100,000 answers".includes(values.scenario)) {
        const config = loadConfig({ ...process.env, ...env, SESSION_SECRET: "b".repeat(40), NODE_ENV: "production" });
        const database = await openConfiguredDatabase(config);
        try {
          aggregation = await measureAggregation(database, 100_000);
        } finally {
          await database.close();
        }
      }
      return {
        backend,
        firstStartMs: first.readyMs,
        restartMs: server.readyMs,
        memory: steadyMb ? { steadyMb, peakMb } : null,
        aggregation,
        lighthouse,
        results,
      };
    } finally {
      rmSync(prepared.tokensFile, { force: true });
    }
  } finally {
    await dataset.cleanup();
  }
}

// What else was running: the machine's load when the suite began (and, printed at the end, when it ended).
const loadAtStart = loadavg();
// The allocation engine first: pure, in this process, before any server loads the machine.
const engine = measureAllocation();
const weights = webWeights();

const backends = (values.only ? [values.only] : ["pglite", "postgres"]) as ("pglite" | "postgres")[];
const rows: Row[] = [];
// The measured server, built as the build builds Samen's (inside the project, where it finds data/ and dist/web).
const serverBundle = path.join(root, "dist", "bench", "server.mjs");
await buildServerBundle(path.join(root, "bench", "server.ts"), serverBundle);

for (const backend of backends) {
  process.stderr.write(`Measuring on ${backend}...\n`);
  rows.push(await measure(backend));
}

const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const print = console.log;
print(`\nSamen benchmarks — ${new Date().toISOString()} — ${machine}`);
print(`Country-scale data set; an API token on every request; ${duration} s per measurement after a 2 s warm-up\n`);
print(
  "| database | scenario | connections | Samen p50 / p95 / p99 (ms) | Samen req/s | bare p50 / p95 / p99 (ms) | bare req/s | ratio | 1 connection p50 / p95 / p99 (ms) | timeouts |",
);
print("|---|---|---|---|---|---|---|---|---|---|");
const triple = (f: LoadFigures) => `${f.p50} / ${f.p95} / ${f.p99}`;
for (const row of rows) {
  for (const r of row.results) {
    print(
      `| ${row.backend} | ${r.scenario} | ${r.connections} | ${triple(r.samen)} | ${r.samen.rps} | ${triple(r.bare)} | ${r.bare.rps} | ${r.ratio} | ${r.single ? triple(r.single) : "—"} | ${r.samen.errors + r.bare.errors} |`,
    );
  }
}
print(
  `\nAllocation engine: ${engine.clients} clients × ${engine.subAgreements} sub-agreements, budget + advances + settlement (${engine.lines} lines): p50 ${engine.p50} ms, p95 ${engine.p95} ms, max ${engine.max} ms`,
);
print("\n| database | survey results, 100,000 answers: p50 / p95 / max (ms) |");
print("|---|---|");
for (const row of rows) {
  if (row.aggregation)
    print(`| ${row.backend} | ${row.aggregation.p50} / ${row.aggregation.p95} / ${row.aggregation.max} |`);
}
print(
  "\n| database | first start to ready (ms) | restart to ready (ms) | resident memory, steady after a collection (MB) | resident memory, highest of the run (MB) |",
);
print("|---|---|---|---|---|");
for (const row of rows)
  print(
    `| ${row.backend} | ${row.firstStartMs} | ${row.restartMs} | ${row.memory?.steadyMb ?? "—"} | ${row.memory?.peakMb ?? "—"} |`,
  );
const cached = rows.flatMap((row) => row.results.filter((r) => r.cache).map((r) => ({ row, r })));
if (cached.length) {
  print("\n| database | scenario | answered from the cache | merged with an identical search | ranked | hit rate |");
  print("|---|---|---|---|---|---|");
  for (const { row, r } of cached)
    print(
      `| ${row.backend} | ${r.scenario} | ${r.cache?.hit} | ${r.cache?.shared} | ${r.cache?.miss} | ${r.cache?.hitRate} |`,
    );
}
const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(", ");
print(`\nLoad average (1, 5, 15 min) when the suite began: ${loads(loadAtStart)}; when it ended: ${loads(loadavg())}`);
print("\n| page | JavaScript, gzipped (kB) | CSS, gzipped (kB) |");
print("|---|---|---|");
for (const w of weights) print(`| ${w.page} | ${w.jsKb} | ${w.cssKb} |`);
const scores = rows.flatMap((r) => r.lighthouse);
if (scores.length) {
  print("\n| page (Lighthouse, desktop) | performance | accessibility |");
  print("|---|---|---|");
  for (const s of scores) print(`| ${s.page} | ${s.performance} | ${s.accessibility} |`);
}

mkdirSync(path.join(root, "bench/results"), { recursive: true });
writeFileSync(
  path.join(root, "bench/results/latest.json"),
  `${JSON.stringify({ at: new Date().toISOString(), machine, engine, weights, rows }, null, 2)}\n`,
);

if (values.check) {
  // Every figure is held to its budget: one short fails the check, whatever is written about it.
  const { short } = checkBudgets(rows, weights, engine, print);
  process.exitCode = short > 0 ? 1 : 0;
}
