/**
 * The process under measurement: Samen exactly as `samen serve` builds it (its log, its jobs), plus bare Fastify
 * routes on a second port that run the same SQL (for writes: the same necessary work) on the same database
 * connection, so the two can be compared in one run. Tells the runner its ports once it is ready.
 */

import cluster from "node:cluster";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { getHeapSpaceStatistics } from "node:v8";
import { type SQL, sql } from "drizzle-orm";
import Fastify from "fastify";
import { type Accent, type AllocationKey, allocateBudget, settle } from "../src/modules/agreements/allocation.ts";
import { auditHistoryQuery, listAuditQuery } from "../src/modules/audit/list-audit-events.ts";
import { loadCatalogue } from "../src/modules/catalogue/queries.ts";
import { searchEntriesQuery } from "../src/modules/catalogue/schemas.ts";
import { catalogueIndex, rankQuery } from "../src/modules/catalogue/search.ts";
import { collaborationListQuery } from "../src/modules/collaborations/list-collaborations.ts";
import { portfolioQuery } from "../src/modules/collaborations/list-portfolio.ts";
import { listCollaborationsQuery } from "../src/modules/collaborations/schemas.ts";
import { listTicketsQuery } from "../src/modules/frontoffice/schemas.ts";
import { ticketListQuery } from "../src/modules/frontoffice/ticket-queries.ts";
import { organisationPageQuery } from "../src/modules/organisations/get-organisation.ts";
import { organisationListQuery } from "../src/modules/organisations/list-organisations.ts";
import { listOrganisationsQuery } from "../src/modules/organisations/schemas.ts";
import { talliesStatement } from "../src/modules/surveys/results.ts";
import { recordAudit } from "../src/platform/audit.ts";
import { sha256 } from "../src/platform/auth/secrets.ts";
import { loadConfig } from "../src/platform/config.ts";
import { systemContext } from "../src/platform/context.ts";
import { pgliteOf } from "../src/platform/db/client.ts";
import { wordsOf } from "../src/platform/search/dutch.ts";
import { openConfiguredDatabase, prepareDatabase } from "../src/platform/setup.ts";
import { buildServer } from "../src/server.ts";
import { bareSubmitRoute } from "./surveys.ts";

// Several server processes on one database (BENCH_PROCESSES=n, PostgreSQL only): the primary forks them and
// passes on what they tell; they share the listening ports, as Node's cluster module does for `samen serve` run
// several times behind one address.
const processes = Number(process.env.BENCH_PROCESSES ?? 1);
if (processes > 1 && cluster.isPrimary) {
  const freePort = () =>
    new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const port = (probe.address() as { port: number }).port;
        probe.close(() => resolve(port));
      });
    });
  const ports = { PORT: String(await freePort()), BENCH_BARE_PORT: String(await freePort()) };
  const workers = Array.from({ length: processes }, () => cluster.fork(ports));
  let told = 0;
  for (const worker of workers)
    worker.on("message", (message: { ready?: boolean }) => {
      if (message.ready && ++told === 1 && process.send) process.send({ ...message, processes });
    });
  process.on("SIGUSR2", () => {
    for (const worker of workers) worker.process.kill("SIGUSR2");
  });
  process.on("SIGTERM", () => {
    for (const worker of workers) worker.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 2_000).unref();
  });
  await new Promise(() => {});
}

// As `samen serve` builds it: request logging at the level a user runs with (info unless LOG_LEVEL says otherwise;
// the runner sends it to a file) and the job runner on. BENCH_QUIET=1 measures without both, to show their cost.
const quiet = process.env.BENCH_QUIET === "1";
const config = loadConfig({ ...process.env, SAMEN_DEMO: "false", ...(quiet ? { LOG_LEVEL: "warn" } : {}) });
const database = await openConfiguredDatabase(config);
await prepareDatabase(database, config);
const app = await buildServer({ config, database, ...(quiet ? { logger: false } : { jobs: true }) });
await app.listen({ host: "127.0.0.1", port: config.port });
// From the process's start to answering: what a restart of Samen takes on this database.
const readyMs = performance.now();
const portOf = (address: ReturnType<typeof app.server.address>) =>
  typeof address === "object" && address ? address.port : 0;

// What bench/prepare.ts made for the scenarios, before this process started.
const prepared = JSON.parse(process.env.BENCH_PREPARED ?? "{}") as {
  limburg: string;
  hasselt: string;
  submitSurvey: string;
};
if (!prepared.limburg) throw new Error("run bench/prepare.ts first (BENCH_PREPARED)");
const limburgId = prepared.limburg;
const actorOf = (organisationId: string, role: "viewer" | "admin") => ({
  ...systemContext("bench").actor,
  isPlatformAdmin: false,
  organisationId,
  role,
});

// The bare routes: the same SQL text and parameters, built by the same function, straight on the driver, rows sent
// as JSON.
const bare = Fastify({ logger: false });
type BareRequest = { query: unknown; params: unknown };
const idOf = (request: BareRequest) => (request.params as { id: string }).id;
function bareGet(url: string, statement: (request: BareRequest) => { sql: string; params: unknown[] }, one = false) {
  bare.get(url, async (request, reply) => {
    const { sql, params } = statement(request);
    const rows = await database.raw(sql, params);
    reply.header("content-type", "application/json");
    return JSON.stringify(one ? rows[0] : { items: rows });
  });
}
bareGet("/bare/organisations", (r) =>
  organisationListQuery(database.db, listOrganisationsQuery.parse(r.query)).toSQL(),
);
bareGet("/bare/collaborations", (r) =>
  collaborationListQuery(database.db, listCollaborationsQuery.parse(r.query)).toSQL(),
);
bareGet("/bare/portfolio/:id", (r) =>
  portfolioQuery(database.db, idOf(r), new Date().toISOString().slice(0, 10)).toSQL(),
);
bareGet("/bare/organisation/:id", (r) => organisationPageQuery(database.db, idOf(r)).toSQL(), true);
bareGet("/bare/tickets", (r) =>
  ticketListQuery(database.db, actorOf(limburgId, "viewer"), listTicketsQuery.parse(r.query)).toSQL(),
);
bareGet("/bare/audit", (r) => auditHistoryQuery(database.db, listAuditQuery.parse(r.query)).toSQL());
bareGet("/bare/results/:id", (r) => {
  const statement = talliesStatement(idOf(r), { dimension: "sizeClass" });
  return { sql: statement.text, params: statement.params };
});
// The catalogue's bare route runs the route's SQL, the catalogue's read (its search version says which index is
// current, whichever process changed it), and ranks in the same in-memory index: without the HTTP schema, the
// token's read, the catalogue's policy, the filters, the marks or the record of searches that found nothing.
const hasseltActor = actorOf(prepared.hasselt, "viewer");
bare.get("/bare/catalogue", async (request, reply) => {
  const query = searchEntriesQuery.parse(request.query);
  const catalogue = await loadCatalogue(database.db, hasseltActor, limburgId);
  if (!catalogue) throw new Error("no catalogue");
  const loaded = await catalogueIndex(database.db, limburgId, catalogue.searchVersion);
  const { ranked } = await rankQuery(database.db, loaded, wordsOf(query.q ?? ""));
  const items = ranked.slice(0, query.limit).map((r) => loaded.summaries[r.entry]);
  reply.header("content-type", "application/json");
  return JSON.stringify({ items });
});
// Settling: the work a settlement cannot do without, in one transaction: the token read for who asks (the policy's
// input), the year and the clients read, the engine run, the lines written, an event appended to the audit chain.
bare.post("/bare/settle/:id", async (request, reply) => {
  const subId = (request.params as { id: string }).id;
  const token = String(request.headers.authorization ?? "").replace(/^Bearer /, "");
  const lines = await database.db.transaction(async (tx) => {
    const rows = async <T>(query: SQL) => ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
    const [who] = await rows<{ id: string; organisation_id: string }>(
      sql`SELECT id, organisation_id FROM api_tokens WHERE token_hash = ${sha256(token)} AND revoked_at IS NULL`,
    );
    if (!who) throw new Error("unknown token");
    const [year] = await rows<{ budget_cents: string; key: AllocationKey; accents: Accent[]; actual_cents: string }>(
      sql`SELECT * FROM sub_agreement_years WHERE sub_agreement_id = ${subId} AND year = 2026`,
    );
    const clients = (
      await rows<{ id: string }>(
        sql`SELECT fc.organisation_id AS id FROM framework_clients fc JOIN sub_agreements s ON s.framework_id = fc.framework_id WHERE s.id = ${subId}`,
      )
    )
      .map((c) => c.id)
      .sort();
    if (!year) throw new Error("no year");
    const budget = allocateBudget(Number(year.budget_cents), clients, year.key, year.accents);
    const settled = settle({
      actualSharedCents: Number(year.actual_cents),
      clients,
      key: year.key,
      accents: year.accents,
      advancesPaidCents: Object.fromEntries(budget.map((l) => [l.clientId, l.totalCents])),
    });
    await tx.execute(
      sql`UPDATE settlements SET lines = ${JSON.stringify(settled)}::jsonb WHERE sub_agreement_id = ${subId} AND year = 2026 AND status = 'draft'`,
    );
    const ctx = systemContext("bench");
    await recordAudit(
      tx,
      { ...ctx, actor: { ...ctx.actor, tokenId: who.id, organisationId: who.organisation_id } },
      {
        entityType: "settlement",
        entityId: subId,
        ownerOrganisationId: who.organisation_id,
        action: "settle",
        after: { year: 2026 },
      },
    );
    return settled;
  });
  reply.status(201).header("content-type", "application/json");
  return JSON.stringify({ lines });
});
// Surveys: a submission's necessary work, bare (bench/surveys.ts).
await bareSubmitRoute(database, bare, prepared.submitSurvey);
await bare.listen({ host: "127.0.0.1", port: Number(process.env.BENCH_BARE_PORT ?? 0) });

// Told to the runner over the IPC channel: standard output is the server's log, as for `samen serve`.
const ready = {
  ready: true,
  readyMs: Math.round(readyMs),
  port: portOf(app.server.address()),
  barePort: portOf(bare.server.address()),
  driver: database.driver,
};
if (process.send) process.send(ready);
else process.stdout.write(`${JSON.stringify(ready)}\n`);

// The runner asks for a collection before it reads the steady state (the process runs with --expose-gc); where the
// memory is then goes to the run's log: the JavaScript heap, buffers, and the embedded database's WebAssembly memory.
process.on("SIGUSR2", () => {
  (globalThis as { gc?: () => void }).gc?.();
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  const usage = process.memoryUsage();
  const wasm =
    database.driver === "pglite"
      ? ((pgliteOf(database) as unknown as { mod?: { HEAP8?: Uint8Array } }).mod?.HEAP8?.byteLength ?? 0)
      : 0;
  process.stderr.write(
    `memory (MB): resident ${mb(usage.rss)}, heap ${mb(usage.heapUsed)} of ${mb(usage.heapTotal)}, external ${mb(usage.external)}, array buffers ${mb(usage.arrayBuffers)}${wasm ? `, embedded database (WebAssembly) ${mb(wasm)}` : ""}; resident by mapping: ${residentByMapping()}; heap spaces (used of committed): ${heapSpaces()}\n`,
  );
});

/** The JavaScript heap by space: what each holds of what it has taken. */
const heapSpaces = () =>
  getHeapSpaceStatistics()
    .filter((space) => space.space_size > 0)
    .map(
      (space) =>
        `${space.space_name.replace(/_space$/, "")} ${Math.round(space.space_used_size / 2 ** 20)}/${Math.round(space.space_size / 2 ** 20)}`,
    )
    .join(", ");

/** The process's resident memory by kind of mapping (Linux): the program, its libraries, malloc's and the rest. */
function residentByMapping() {
  let smaps: string;
  try {
    smaps = readFileSync("/proc/self/smaps", "utf8");
  } catch {
    return "—";
  }
  const kinds = new Map<string, number>();
  let kind = "";
  for (const line of smaps.split("\n")) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (mapping) {
      const name = mapping[1] ?? "";
      kind = !name ? "anonymous" : name === process.execPath ? "node" : name.startsWith("[") ? name : "files";
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) kinds.set(kind, (kinds.get(kind) ?? 0) + Number(rss[1]));
  }
  return [...kinds]
    .sort((a, b) => b[1] - a[1])
    .map(([name, kb]) => `${name} ${Math.round(kb / 1024)}`)
    .join(", ");
}

process.on("SIGTERM", async () => {
  await app.close();
  await bare.close();
  await database.close();
  process.exit(0);
});
