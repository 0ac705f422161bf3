/**
 * The process under measurement: Samen exactly as `samen serve` builds it, plus a bare Fastify route on a second
 * port that runs the same SQL on the same database connection, so the two can be compared in one run.
 * Prints one JSON line with its ports and an API token once it is ready.
 */

import Fastify from "fastify";
import { type Accent, type AllocationKey, allocateBudget, settle } from "../src/modules/agreements/allocation.ts";
import { auditHistoryQuery, listAuditQuery } from "../src/modules/audit/list-audit-events.ts";
import { catalogueFor } from "../src/modules/catalogue/queries.ts";
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
import { loadConfig } from "../src/platform/config.ts";
import { systemContext } from "../src/platform/context.ts";
import { wordsOf } from "../src/platform/search/dutch.ts";
import { openConfiguredDatabase, prepareDatabase } from "../src/platform/setup.ts";
import { buildServer } from "../src/server.ts";
import { bareSubmitRoute } from "./surveys.ts";

const config = loadConfig({ ...process.env, SAMEN_DEMO: "false", LOG_LEVEL: "warn" });
const database = await openConfiguredDatabase(config);
await prepareDatabase(database, config);
const app = await buildServer({ config, database, logger: false });
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
// The catalogue's bare route ranks in the same in-memory index, without the HTTP schema, the catalogue's policy and
// its search-version read, the filters, the marks or the record of searches that found nothing.
const hasseltActor = actorOf(prepared.hasselt, "viewer");
const catalogue = await catalogueFor(database.db, hasseltActor, limburgId);
bare.get("/bare/catalogue", async (request, reply) => {
  const query = searchEntriesQuery.parse(request.query);
  const loaded = await catalogueIndex(database.db, limburgId, catalogue.searchVersion);
  const { ranked } = await rankQuery(database.db, loaded, wordsOf(query.q ?? ""));
  const items = ranked.slice(0, query.limit).map((r) => loaded.summaries[r.entry]);
  reply.header("content-type", "application/json");
  return JSON.stringify({ items });
});
bare.post("/bare/settle/:id", async (request, reply) => {
  const subId = (request.params as { id: string }).id;
  const [year] = (await database.raw("SELECT * FROM sub_agreement_years WHERE sub_agreement_id = $1 AND year = 2026", [
    subId,
  ])) as { budget_cents: string; key: AllocationKey; accents: Accent[]; actual_cents: string }[];
  const clients = (
    (await database.raw(
      "SELECT fc.organisation_id AS id FROM framework_clients fc JOIN sub_agreements s ON s.framework_id = fc.framework_id WHERE s.id = $1",
      [subId],
    )) as { id: string }[]
  )
    .map((c) => c.id)
    .sort();
  if (!year) throw new Error("no year");
  const budget = allocateBudget(Number(year.budget_cents), clients, year.key, year.accents);
  const lines = settle({
    actualSharedCents: Number(year.actual_cents),
    clients,
    key: year.key,
    accents: year.accents,
    advancesPaidCents: Object.fromEntries(budget.map((l) => [l.clientId, l.totalCents])),
  });
  await database.raw(
    "UPDATE settlements SET lines = $1 WHERE sub_agreement_id = $2 AND year = 2026 AND status = 'draft'",
    [JSON.stringify(lines), subId],
  );
  reply.status(201).header("content-type", "application/json");
  return JSON.stringify({ lines });
});
// Surveys: the same update of one draft to submitted, by its organisation, nothing checked.
await bareSubmitRoute(database, bare, prepared.submitSurvey);
await bare.listen({ host: "127.0.0.1", port: 0 });

process.stdout.write(
  `${JSON.stringify({
    ready: true,
    readyMs: Math.round(readyMs),
    port: portOf(app.server.address()),
    barePort: portOf(bare.server.address()),
    driver: database.driver,
  })}\n`,
);

process.on("SIGTERM", async () => {
  await app.close();
  await bare.close();
  await database.close();
  process.exit(0);
});
