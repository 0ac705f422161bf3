/**
 * The process under measurement: Samen exactly as `samen serve` builds it, plus a bare Fastify route on a second
 * port that runs the same SQL on the same database connection, so the two can be compared in one run.
 * Prints one JSON line with its ports and an API token once it is ready.
 */

import { and, count, eq, sql } from "drizzle-orm";
import Fastify from "fastify";
import { createUser } from "../src/modules/accounts/create-user.ts";
import { type Accent, type AllocationKey, allocateBudget, settle } from "../src/modules/agreements/allocation.ts";
import { auditHistoryQuery, listAuditQuery } from "../src/modules/audit/list-audit-events.ts";
import { catalogueFor } from "../src/modules/catalogue/queries.ts";
import { searchEntriesQuery } from "../src/modules/catalogue/schemas.ts";
import { filters, interpretSearch, rankedSearchQuery } from "../src/modules/catalogue/search.ts";
import { syntheticCatalogue } from "../src/modules/catalogue/synthetic.ts";
import { importCatalogue } from "../src/modules/catalogue/transfer.ts";
import { collaborationListQuery } from "../src/modules/collaborations/list-collaborations.ts";
import { portfolioQuery } from "../src/modules/collaborations/list-portfolio.ts";
import { listCollaborationsQuery } from "../src/modules/collaborations/schemas.ts";
import { loadDemoCatalogue } from "../src/modules/demo/demo-catalogue.ts";
import { listTicketsQuery } from "../src/modules/frontoffice/schemas.ts";
import { ticketListQuery } from "../src/modules/frontoffice/ticket-queries.ts";
import { organisationPageQuery } from "../src/modules/organisations/get-organisation.ts";
import { organisationListQuery } from "../src/modules/organisations/list-organisations.ts";
import { listOrganisationsQuery } from "../src/modules/organisations/schemas.ts";
import { talliesStatement } from "../src/modules/surveys/results.ts";
import { randomToken } from "../src/platform/auth/secrets.ts";
import { issueApiToken } from "../src/platform/auth/sessions.ts";
import { loadConfig } from "../src/platform/config.ts";
import { systemContext } from "../src/platform/context.ts";
import { catalogueEntries, organisations, subAgreementYears } from "../src/platform/db/schema.ts";
import { openConfiguredDatabase, prepareDatabase } from "../src/platform/setup.ts";
import { buildServer } from "../src/server.ts";
import { prepareSubmissions } from "./surveys.ts";

const config = loadConfig({ ...process.env, SAMEN_DEMO: "false", LOG_LEVEL: "warn" });
const database = await openConfiguredDatabase(config);
await prepareDatabase(database, config);
const app = await buildServer({ config, database, logger: false });
await app.listen({ host: "127.0.0.1", port: config.port });
// From the process's start to answering: what a restart of Samen takes on this database.
const readyMs = performance.now();
const portOf = (address: ReturnType<typeof app.server.address>) =>
  typeof address === "object" && address ? address.port : 0;

// What the scenarios need, made after the start so it does not count in it. The catalogue search is measured with
// Provincie Limburg's catalogue at 5,000 entries: its demo catalogue and synthetic entries beside it.
const catalogueSize = 5000;
const limburgId = await (async () => {
  const { providerId } = await database.db.transaction((tx) => loadDemoCatalogue(tx, systemContext("bench")));
  if (!providerId) throw new Error("register not loaded");
  const [{ n } = { n: 0 }] = await database.db
    .select({ n: count() })
    .from(catalogueEntries)
    .where(eq(catalogueEntries.providerId, providerId));
  if (n < catalogueSize) {
    await database.db.transaction((tx) =>
      importCatalogue(tx, systemContext("bench"), providerId, {
        format: "json",
        content: syntheticCatalogue(catalogueSize),
        dryRun: false,
      }),
    );
    await database.db.execute(sql`ANALYZE catalogue_entries`);
  }
  return providerId;
})();

const [hasselt] = await database.db
  .select({ id: organisations.id })
  .from(organisations)
  .where(eq(organisations.key, "be-municipality-71072"));
if (!hasselt) throw new Error("register not loaded");
/** A read token for an organisation and role. */
const readToken = async (organisationId: string, role: "viewer" | "admin") =>
  (
    await database.db.transaction((tx) =>
      issueApiToken(tx, {
        name: `benchmark-${role}`,
        organisationId,
        role,
        scopes: ["read"],
        createdBy: null,
        expiresAt: null,
      }),
    )
  ).token;
const token = await readToken(hasselt.id, "viewer");
// An official of Hasselt for the browser runs, with a password made for this run.
const user = { email: `bench-${randomToken().slice(0, 8).toLowerCase()}@hasselt.example`, password: randomToken() };
await database.db.transaction((tx) =>
  createUser(tx, systemContext("bench"), {
    ...user,
    name: "Benchmark",
    isPlatformAdmin: false,
    organisationId: hasselt.id,
    role: "admin",
    hr: false,
  }),
);
const adminToken = await readToken(hasselt.id, "admin");
const limburgToken = await readToken(limburgId, "viewer");
const actorOf = (organisationId: string, role: "viewer" | "admin") => ({
  ...systemContext("bench").actor,
  isPlatformAdmin: false,
  organisationId,
  role,
});
// The history with the most events among Hasselt's records, and Provincie Limburg's survey of last year.
const [history] = (await database.raw(
  `SELECT entity_type, entity_id FROM audit_events WHERE owner_organisation_id = $1
    GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1`,
  [hasselt.id],
)) as { entity_type: string; entity_id: string }[];
const [lastYearsSurvey] = (await database.raw(
  "SELECT id FROM surveys WHERE owner_organisation_id = $1 AND wave = '2025' ORDER BY created_at LIMIT 1",
  [limburgId],
)) as { id: string }[];
if (!history || !lastYearsSurvey) throw new Error("load the country scale first (samen seed --scale country)");

// The bare route: the same SQL text and parameters, straight on the driver, rows sent as JSON.
const bare = Fastify({ logger: false });
bare.get("/bare/organisations", async (request, reply) => {
  const query = listOrganisationsQuery.parse(request.query);
  const { sql, params } = organisationListQuery(database.db, query).toSQL();
  const rows = await database.raw(sql, params);
  reply.header("content-type", "application/json");
  return JSON.stringify({ items: rows });
});
bare.get("/bare/collaborations", async (request, reply) => {
  const query = listCollaborationsQuery.parse(request.query);
  const { sql, params } = collaborationListQuery(database.db, query).toSQL();
  const rows = await database.raw(sql, params);
  reply.header("content-type", "application/json");
  return JSON.stringify({ items: rows });
});
bare.get("/bare/portfolio/:id", async (request, reply) => {
  const { sql, params } = portfolioQuery(
    database.db,
    (request.params as { id: string }).id,
    new Date().toISOString().slice(0, 10),
  ).toSQL();
  const rows = await database.raw(sql, params);
  reply.header("content-type", "application/json");
  return JSON.stringify({ items: rows });
});
bare.get("/bare/organisation/:id", async (request, reply) => {
  const { sql, params } = organisationPageQuery(database.db, (request.params as { id: string }).id).toSQL();
  const rows = await database.raw(sql, params);
  reply.header("content-type", "application/json");
  return JSON.stringify(rows[0]);
});
bare.get("/bare/tickets", async (request, reply) => {
  const query = listTicketsQuery.parse(request.query);
  const { sql, params } = ticketListQuery(database.db, actorOf(limburgId, "viewer"), query).toSQL();
  const rows = await database.raw(sql, params);
  reply.header("content-type", "application/json");
  return JSON.stringify({ items: rows });
});
bare.get("/bare/audit", async (request, reply) => {
  const query = listAuditQuery.parse(request.query);
  const { sql, params } = auditHistoryQuery(database.db, query).toSQL();
  const rows = await database.raw(sql, params);
  reply.header("content-type", "application/json");
  return JSON.stringify({ items: rows });
});
bare.get("/bare/results/:id", async (request, reply) => {
  const statement = talliesStatement((request.params as { id: string }).id, { dimension: "sizeClass" });
  const rows = await database.raw(statement.text, statement.params);
  reply.header("content-type", "application/json");
  return JSON.stringify({ items: rows });
});
// The catalogue's bare route runs the ranked-search query only, built once per query with its synonyms and typo
// corrections; Samen's route also looks those up, checks the catalogue's policy and records searches that found nothing.
const hasseltActor = actorOf(hasselt.id, "viewer");
const catalogue = await catalogueFor(database.db, hasseltActor, limburgId);
const searchSql = new Map<string, { sql: string; params: unknown[] }>();
bare.get("/bare/catalogue", async (request, reply) => {
  const query = searchEntriesQuery.parse(request.query);
  const q = query.q ?? "";
  let prepared = searchSql.get(q);
  if (!prepared) {
    const search = await interpretSearch(database.db, limburgId, q);
    prepared = rankedSearchQuery(database.db, filters(catalogue, hasseltActor, query), search, query.limit).toSQL();
    searchSql.set(q, prepared);
  }
  const rows = await database.raw(prepared.sql, prepared.params);
  reply.header("content-type", "application/json");
  return JSON.stringify({ items: rows });
});
// Shared services: of the synthetic framework agreements, the ICT sub-agreement with the most clients; its 2026
// with actual costs, settled again and again. Samen's route checks the policy, reads the year, runs the engine
// and writes the draft with an audit record; the bare route reads the same year and clients, runs the engine and
// writes the draft's lines, nothing more.
const [ictSub] = (await database.raw(
  `SELECT s.id, f.host_id FROM sub_agreements s JOIN frameworks f ON f.id = s.framework_id
     JOIN framework_clients c ON c.framework_id = f.id
    WHERE s.domain = 'ict' GROUP BY s.id, f.host_id ORDER BY count(*) DESC, s.id LIMIT 1`,
)) as { id: string; host_id: string }[];
if (!ictSub) throw new Error("load the country scale first (samen seed --scale country)");
await database.db
  .update(subAgreementYears)
  .set({ actualCents: 2_611_000_00 })
  .where(and(eq(subAgreementYears.subAgreementId, ictSub.id), eq(subAgreementYears.year, 2026)));
const { token: writeToken } = await database.db.transaction((tx) =>
  issueApiToken(tx, {
    name: "benchmark-write",
    organisationId: ictSub.host_id,
    role: "editor",
    scopes: ["read", "write"],
    createdBy: null,
    expiresAt: null,
  }),
);
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
// Surveys: drafts of organisations made for the benchmark, each submitted once with its own administrator's token.
const submissions = await prepareSubmissions(database, bare, Number(process.env.BENCH_SUBMISSIONS ?? 30000));
await bare.listen({ host: "127.0.0.1", port: 0 });

process.stdout.write(
  `${JSON.stringify({
    ready: true,
    readyMs: Math.round(readyMs),
    port: portOf(app.server.address()),
    barePort: portOf(bare.server.address()),
    token,
    adminToken,
    user,
    limburgToken,
    history: { entityType: history.entity_type, entityId: history.entity_id },
    resultsSurvey: lastYearsSurvey.id,
    hasselt: hasselt.id,
    writeToken,
    subAgreement: ictSub.id,
    limburg: limburgId,
    driver: database.driver,
    ...submissions,
  })}\n`,
);

process.on("SIGTERM", async () => {
  await app.close();
  await bare.close();
  await database.close();
  process.exit(0);
});
