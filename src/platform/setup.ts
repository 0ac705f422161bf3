import { count, eq } from "drizzle-orm";
import { seedDemo } from "../modules/demo/seed-demo.ts";
import { importRegister } from "../modules/organisations/import-register.ts";
import type { Config } from "./config.ts";
import { systemContext } from "./context.ts";
import { type Database, openDatabase } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { organisations, users } from "./db/schema.ts";

/** Opens the configured database: PostgreSQL with DATABASE_URL, else the embedded one in the data folder. */
export function openConfiguredDatabase(config: Config, poolSize?: number): Promise<Database> {
  return openDatabase(
    config.databaseUrl
      ? { url: config.databaseUrl, ...(poolSize ? { poolSize } : {}) }
      : { dataDir: `${config.dataDir}/db` },
  );
}

export interface PrepareResult {
  registerLoaded: boolean;
  demoAccountsCreated: number;
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
    await database.db.transaction((tx) => importRegister(tx, systemContext("first-start")));
    registerLoaded = true;
  }
  let demoAccountsCreated = 0;
  if (config.demo) {
    const [demoUser] = await database.db.select({ id: users.id }).from(users).where(eq(users.isDemo, true)).limit(1);
    if (!demoUser) demoAccountsCreated = await database.db.transaction((tx) => seedDemo(tx, systemContext("demo")));
  }
  return { registerLoaded, demoAccountsCreated };
}
