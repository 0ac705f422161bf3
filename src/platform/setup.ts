import { count } from "drizzle-orm";
import { importPolicyDomains } from "../modules/collaborations/import-policy-domains.ts";
import { importRealCollaborations } from "../modules/collaborations/import-real-collaborations.ts";
import { seedDemo } from "../modules/demo/seed-demo.ts";
import { importShippedBoundaries } from "../modules/geography/import-boundaries.ts";
import { ensureNeighbours } from "../modules/geography/neighbours.ts";
import { importRegister } from "../modules/organisations/import-register.ts";
import { ensureShippedPopulation } from "../modules/organisations/population.ts";
import { recordAudit } from "./audit.ts";
import type { Config } from "./config.ts";
import { type RequestContext, systemContext } from "./context.ts";
import { type Database, openDatabase, type Tx } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { organisations } from "./db/schema.ts";

/** Opens the configured database: PostgreSQL with DATABASE_URL, else the embedded one in the data folder. */
export function openConfiguredDatabase(config: Config, poolSize?: number): Promise<Database> {
  return openDatabase(
    config.databaseUrl
      ? { url: config.databaseUrl, ...(poolSize ? { poolSize } : {}) }
      : { dataDir: `${config.dataDir}/db` },
  );
}

/**
 * Loads (or refreshes) everything Samen ships as open data: the register of organisations, the policy domains and
 * the real collaborations with their members, the 2025 mergers applied. Records what it did, unmapped rows included.
 */
export async function loadReferenceData(tx: Tx, ctx: RequestContext) {
  const register = await importRegister(tx, ctx);
  const domains = await importPolicyDomains(tx);
  const collaborations = await importRealCollaborations(tx);
  const boundaries = await importShippedBoundaries(tx);
  await recordAudit(tx, ctx, {
    entityType: "register",
    entityId: "collaborations",
    ownerOrganisationId: null,
    action: "import",
    after: { ...collaborations, policyDomains: domains.domains, boundaries },
  });
  return { register, domains, collaborations, boundaries };
}

export interface PrepareResult {
  registerLoaded: boolean;
  demoAccountsCreated: number;
  demoCatalogueEntriesCreated: number;
  /** What each part of the demo loaded on this start (0 for a part that was there already). */
  demoLoaded: Awaited<ReturnType<typeof seedDemo>> | null;
}

/**
 * Brings a database to a usable state: migrations applied, the register loaded when it is empty,
 * and in demo mode the demo accounts. Safe to run at every start.
 */
export async function prepareDatabase(database: Database, config: Pick<Config, "demo">): Promise<PrepareResult> {
  await migrate(database);
  const [{ n } = { n: 0 }] = await database.db.select({ n: count() }).from(organisations);
  let registerLoaded = false;
  if (n === 0) {
    await database.db.transaction((tx) => loadReferenceData(tx, systemContext("first-start")));
    registerLoaded = true;
  }
  // Boundaries stored before neighbours were kept: work them out once. Likewise the Dutch population.
  await database.db.transaction((tx) => ensureNeighbours(tx));
  await database.db.transaction((tx) => ensureShippedPopulation(tx));
  const demo = config.demo ? await database.db.transaction((tx) => seedDemo(tx, systemContext("demo"))) : null;
  return {
    registerLoaded,
    demoAccountsCreated: demo?.accounts ?? 0,
    demoCatalogueEntriesCreated: demo?.catalogueEntries ?? 0,
    demoLoaded: demo,
  };
}
