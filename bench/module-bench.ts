import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { loadConfig } from "../src/platform/config.ts";
import { organisations } from "../src/platform/db/schema.ts";
import { openConfiguredDatabase, prepareDatabase } from "../src/platform/setup.ts";

export interface Budget {
  budget: number;
  says: string;
}

/**
 * What a module's own benchmark starts from: the register on the embedded database in a fresh folder (or on the
 * PostgreSQL database BENCH_DATABASE_URL names, which it may fill), the budgets of its section of `budgets.json`,
 * whether `--check` was asked, and Provincie Limburg, who provides and leads in every module bench.
 */
export async function openModuleBench(section: string) {
  const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });
  const budgets = JSON.parse(readFileSync(path.join(import.meta.dirname, "budgets.json"), "utf8"))[section] as Record<
    string,
    Budget
  >;
  const config = loadConfig({
    NODE_ENV: "test",
    SESSION_SECRET: "b".repeat(40),
    SAMEN_DEMO: "false",
    LOG_LEVEL: "silent",
    SAMEN_DATA_DIR: mkdtempSync(path.join(tmpdir(), `samen-bench-${section}-`)),
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  });
  const database = await openConfiguredDatabase(config);
  await prepareDatabase(database, { demo: false });
  const [limburg] = await database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.key, "be-province-70000"));
  if (!limburg) throw new Error("the register has no Provincie Limburg");
  return {
    check: values.check ?? false,
    budgets,
    config,
    database,
    db: database.db,
    where: config.databaseUrl ? "PostgreSQL" : "embedded",
    limburgId: limburg.id,
  };
}
