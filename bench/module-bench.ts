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

/** Server time of a piece of work: `warmUp` runs first, then p50 and p95 of `runs`. */
export async function timeRuns(runs: number, work: (i: number) => Promise<unknown>, warmUp = 3) {
  const times: number[] = [];
  for (let i = 0; i < runs + warmUp; i++) {
    const started = performance.now();
    await work(i);
    if (i >= warmUp) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const quantile = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { p50: quantile(0.5), p95: quantile(0.95), max: times.at(-1) ?? 0 };
}

/**
 * Prints each figure against its budget (a figure named `…PerSecond` is a floor, any other a ceiling) and returns
 * how many fall short.
 */
export function checkBudgets(budgets: Record<string, Budget>, figures: Record<string, number>): number {
  let short = 0;
  for (const [name, value] of Object.entries(figures)) {
    const budget = budgets[name];
    if (!budget) continue;
    const atMost = !name.endsWith("PerSecond");
    const ok = atMost ? value <= budget.budget : value >= budget.budget;
    if (!ok) short++;
    console.log(
      `${ok ? "ok  " : "SHORT"} ${name}: ${value.toFixed(1)} (${atMost ? "≤" : "≥"} ${budget.budget}; ${budget.says})`,
    );
  }
  return short;
}
