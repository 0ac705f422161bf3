/**
 * What the benchmark scenarios need on a copy of the country-scale data set, made in a process of its own before
 * Samen starts on it (so neither its time nor its memory counts in Samen's): Provincie Limburg's catalogue at
 * 5,000 entries, API tokens and an official for the browser runs, a sub-agreement year to settle, and drafts of
 * organisations made for the submissions. Prints one JSON line with what it made.
 */
import { and, count, eq, sql } from "drizzle-orm";
import { createUser } from "../src/modules/accounts/create-user.ts";
import { syntheticCatalogue } from "../src/modules/catalogue/synthetic.ts";
import { importCatalogue } from "../src/modules/catalogue/transfer.ts";
import { loadDemoCatalogue } from "../src/modules/demo/demo-catalogue.ts";
import { randomToken } from "../src/platform/auth/secrets.ts";
import { issueApiToken } from "../src/platform/auth/sessions.ts";
import { loadConfig } from "../src/platform/config.ts";
import { systemContext } from "../src/platform/context.ts";
import { catalogueEntries, organisations, subAgreementYears } from "../src/platform/db/schema.ts";
import { openConfiguredDatabase, prepareDatabase } from "../src/platform/setup.ts";
import { prepareSubmissions } from "./surveys.ts";

const config = loadConfig({ ...process.env, SAMEN_DEMO: "false", LOG_LEVEL: "warn" });
const database = await openConfiguredDatabase(config);
await prepareDatabase(database, config);

// The catalogue search is measured with Provincie Limburg's catalogue at 5,000 entries: its demo catalogue and
// synthetic entries beside it.
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
const submissions = await prepareSubmissions(database, Number(process.env.BENCH_SUBMISSIONS ?? 80000));
await database.close();

process.stdout.write(
  `${JSON.stringify({
    token,
    adminToken,
    limburgToken,
    user,
    history: { entityType: history.entity_type, entityId: history.entity_id },
    resultsSurvey: lastYearsSurvey.id,
    hasselt: hasselt.id,
    writeToken,
    subAgreement: ictSub.id,
    limburg: limburgId,
    ...submissions,
  })}\n`,
);
