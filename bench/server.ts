/**
 * The process under measurement: Samen exactly as `samen serve` builds it, plus a bare Fastify route on a second
 * port that runs the same SQL on the same database connection, so the two can be compared in one run.
 * Prints one JSON line with its ports and an API token once it is ready.
 */

import { and, count, eq, sql } from "drizzle-orm";
import Fastify from "fastify";
import { type Accent, type AllocationKey, allocateBudget, settle } from "../src/modules/agreements/allocation.ts";
import { catalogueFor } from "../src/modules/catalogue/queries.ts";
import { searchEntriesQuery } from "../src/modules/catalogue/schemas.ts";
import { filters, interpretSearch, rankedSearchQuery } from "../src/modules/catalogue/search.ts";
import { syntheticCatalogue } from "../src/modules/catalogue/synthetic.ts";
import { importCatalogue } from "../src/modules/catalogue/transfer.ts";
import { collaborationListQuery } from "../src/modules/collaborations/list-collaborations.ts";
import { portfolioQuery } from "../src/modules/collaborations/list-portfolio.ts";
import { listCollaborationsQuery } from "../src/modules/collaborations/schemas.ts";
import { loadDemoAgreements } from "../src/modules/demo/demo-agreements.ts";
import { loadDemoCatalogue } from "../src/modules/demo/demo-catalogue.ts";
import { organisationListQuery } from "../src/modules/organisations/list-organisations.ts";
import { listOrganisationsQuery } from "../src/modules/organisations/schemas.ts";
import { issueApiToken } from "../src/platform/auth/sessions.ts";
import { loadConfig } from "../src/platform/config.ts";
import { systemContext } from "../src/platform/context.ts";
import { catalogueEntries, organisations, subAgreements, subAgreementYears } from "../src/platform/db/schema.ts";
import { openConfiguredDatabase, prepareDatabase } from "../src/platform/setup.ts";
import { buildServer } from "../src/server.ts";
import { prepareSubmissions } from "./surveys.ts";

const started = performance.now();
const config = loadConfig({ ...process.env, SAMEN_DEMO: "false", LOG_LEVEL: "warn" });
const database = await openConfiguredDatabase(config);
await prepareDatabase(database, config);
// The catalogue search is measured with Provincie Limburg's demo catalogue and 5,000 synthetic entries beside it.
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
const app = await buildServer({ config, database, logger: false });
await app.listen({ host: "127.0.0.1", port: config.port });
const readyMs = performance.now() - started;
const portOf = (address: ReturnType<typeof app.server.address>) =>
  typeof address === "object" && address ? address.port : 0;

const [hasselt] = await database.db
  .select({ id: organisations.id })
  .from(organisations)
  .where(eq(organisations.key, "be-municipality-71072"));
if (!hasselt) throw new Error("register not loaded");
const { token } = await database.db.transaction((tx) =>
  issueApiToken(tx, {
    name: "benchmark",
    organisationId: hasselt.id,
    role: "viewer",
    scopes: ["read"],
    createdBy: null,
    expiresAt: null,
  }),
);

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
// The catalogue's bare route runs the ranked-search query only, built once per query with its synonyms and typo
// corrections; Samen's route also looks those up, checks the catalogue's policy and records searches that found nothing.
const hasseltActor = {
  ...systemContext("bench").actor,
  isPlatformAdmin: false,
  organisationId: hasselt.id,
  role: "viewer" as const,
};
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
// Shared services: Emmen's demo agreement, its ICT sub-agreement's 2026 with actual costs, settled again and again.
// Samen's route checks the policy, reads the year, runs the engine and writes the draft with an audit record; the
// bare route reads the same year and clients, runs the engine and writes the draft's lines, nothing more.
await database.db.transaction((tx) => loadDemoAgreements(tx));
const [emmen] = await database.db
  .select({ id: organisations.id })
  .from(organisations)
  .where(eq(organisations.key, "nl-municipality-GM0114"));
const [ictSub] = await database.db
  .select({ id: subAgreements.id })
  .from(subAgreements)
  .where(eq(subAgreements.domain, "ict"))
  .limit(1);
if (!emmen || !ictSub) throw new Error("demo agreements not loaded");
await database.db
  .update(subAgreementYears)
  .set({ actualCents: 2_611_000_00 })
  .where(and(eq(subAgreementYears.subAgreementId, ictSub.id), eq(subAgreementYears.year, 2026)));
const { token: writeToken } = await database.db.transaction((tx) =>
  issueApiToken(tx, {
    name: "benchmark-write",
    organisationId: emmen.id,
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
