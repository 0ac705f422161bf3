/**
 * Every figure of a run against its budget in bench/budgets.json. A figure that falls short fails the check; a
 * reason written for it in `reasons` is printed beside it, to explain, never to waive.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Row } from "./run.ts";
import type { PageWeight } from "./web.ts";

interface Budget {
  budget: number;
  says: string;
}
type Budgets = Record<
  | "readP95Ms"
  | "ratioToBare"
  | "submissionsPerSecond"
  | "cacheHitRate"
  | "rssMbPostgres"
  | "rssPeakMbPostgres"
  | "rssMbPglite"
  | "rssPeakMbPglite"
  | "surveyResultsP95Ms"
  | "allocationP95Ms"
  | "shellJsKb"
  | "lighthousePerformance"
  | "lighthouseAccessibility",
  Budget
> & { writeFloors: Record<string, Budget>; reasons: Record<string, string> };

interface Line {
  figure: string;
  value: number;
  budget: number;
  atMost: boolean;
}

export function readBudgets(): Budgets {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, "budgets.json"), "utf8")) as Budgets;
}

/** The lines of the check: every figure the run measured, each with the budget it is held to. */
export function budgetLines(rows: Row[], weights: PageWeight[], engine: { p95: number }, budgets = readBudgets()) {
  const lines: Line[] = [];
  const atMost = (figure: string, value: number, b: Budget) =>
    lines.push({ figure, value, budget: b.budget, atMost: true });
  const atLeast = (figure: string, value: number, b: Budget) =>
    lines.push({ figure, value, budget: b.budget, atMost: false });
  atMost("allocation engine: p95 (ms)", engine.p95, budgets.allocationP95Ms);
  const submissions: { rps: number; processes: number }[] = [];
  for (const row of rows) {
    for (const r of row.results) {
      if (r.kind === "read") {
        const single = r.single ?? r.samen;
        atMost(`${row.backend}: ${r.scenario}: p95 at 1 connection (ms)`, single.p95, budgets.readP95Ms);
        atLeast(`${row.backend}: ${r.scenario}: ratio to bare SQL`, r.ratio, budgets.ratioToBare);
      } else if (r.kind === "write") {
        // A write path's floor, by the path's name (its runs on several processes share it).
        const floor = Object.entries(budgets.writeFloors)
          .filter(([name]) => r.scenario.startsWith(name))
          .sort(([a], [b]) => b.length - a.length)[0]?.[1];
        if (!floor) throw new Error(`bench/budgets.json has no floor for the write path "${r.scenario}"`);
        atLeast(`${row.backend}: ${r.scenario}: ratio to the same necessary work done bare`, r.ratio, floor);
        if (row.backend === "postgres" && r.scenario.startsWith("surveys: submit"))
          submissions.push({ rps: r.samen.rps, processes: r.processes ?? 1 });
      }
      if (r.kind === "cache" && r.cache)
        atLeast(`${row.backend}: ${r.scenario}: result cache hit rate`, r.cache.hitRate, budgets.cacheHitRate);
    }
    if (row.memory) {
      const [steady, peak] =
        row.backend === "postgres"
          ? [budgets.rssMbPostgres, budgets.rssPeakMbPostgres]
          : [budgets.rssMbPglite, budgets.rssPeakMbPglite];
      atMost(`${row.backend}: resident memory, steady after a collection (MB)`, row.memory.steadyMb, steady);
      atMost(`${row.backend}: resident memory, highest through the run (MB)`, row.memory.peakMb, peak);
    }
    if (row.aggregation)
      atMost(
        `${row.backend}: survey results over 100,000 answers: p95 (ms)`,
        row.aggregation.p95,
        budgets.surveyResultsP95Ms,
      );
    for (const s of row.lighthouse) {
      atLeast(`Lighthouse ${s.page}: performance`, s.performance, budgets.lighthousePerformance);
      atLeast(`Lighthouse ${s.page}: accessibility`, s.accessibility, budgets.lighthouseAccessibility);
    }
  }
  // Validated submissions a second: the best of one process and of a cluster on the same PostgreSQL.
  const best = submissions.sort((a, b) => b.rps - a.rps)[0];
  if (best)
    atLeast(
      `postgres: validated submissions a second (best: ${best.processes} process${best.processes > 1 ? "es" : ""})`,
      best.rps,
      budgets.submissionsPerSecond,
    );
  const shell = weights[0];
  if (shell) atMost("shell JavaScript, gzipped (kB)", shell.jsKb, budgets.shellJsKb);
  return lines;
}

export function checkBudgets(
  rows: Row[],
  weights: PageWeight[],
  engine: { p95: number },
  print: (line: string) => void,
) {
  const budgets = readBudgets();
  const lines = budgetLines(rows, weights, engine, budgets);
  print("\n| figure | value | budget | holds |");
  print("|---|---|---|---|");
  let short = 0;
  const reasons: string[] = [];
  for (const l of lines) {
    const holds = l.atMost ? l.value <= l.budget : l.value >= l.budget;
    if (!holds) {
      short++;
      const reason = Object.entries(budgets.reasons).find(([figure]) => l.figure.includes(figure))?.[1];
      if (reason) reasons.push(`- ${l.figure}: ${reason}`);
    }
    print(`| ${l.figure} | ${l.value} | ${l.atMost ? "≤" : "≥"} ${l.budget} | ${holds ? "yes" : "**no**"} |`);
  }
  print(`\n${lines.length - short} of ${lines.length} figures within budget; ${short} short.`);
  if (reasons.length) print(`Why (a reason explains a shortfall; it does not waive it):\n${reasons.join("\n")}`);
  return { short, lines: lines.length };
}
