/** Every figure of a run against its budget in bench/budgets.json, and what falls short. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Row } from "./run.ts";
import type { PageWeight } from "./web.ts";

interface Budget {
  budget: number;
  says: string;
}
type Budgets = Record<
  "readP95Ms" | "ratioToBare" | "rssMbPostgres" | "shellJsKb" | "lighthousePerformance" | "lighthouseAccessibility",
  Budget
> & { reasons: Record<string, string> };

interface Line {
  figure: string;
  value: number;
  budget: number;
  atMost: boolean;
}

export function checkBudgets(rows: Row[], weights: PageWeight[], print: (line: string) => void) {
  const budgets = JSON.parse(readFileSync(path.join(import.meta.dirname, "budgets.json"), "utf8")) as Budgets;
  const lines: Line[] = [];
  const atMost = (figure: string, value: number, b: Budget) =>
    lines.push({ figure, value, budget: b.budget, atMost: true });
  const atLeast = (figure: string, value: number, b: Budget) =>
    lines.push({ figure, value, budget: b.budget, atMost: false });
  for (const row of rows) {
    for (const r of row.results) {
      if (r.kind === "read") {
        const single = r.single ?? r.samen;
        atMost(`${row.backend}: ${r.scenario}: p95 at 1 connection (ms)`, single.p95, budgets.readP95Ms);
      }
      atLeast(`${row.backend}: ${r.scenario}: ratio to bare SQL`, r.ratio, budgets.ratioToBare);
    }
    if (row.backend === "postgres" && row.rssMb)
      atMost("postgres: resident memory after load (MB)", row.rssMb, budgets.rssMbPostgres);
    for (const s of row.lighthouse) {
      atLeast(`Lighthouse ${s.page}: performance`, s.performance, budgets.lighthousePerformance);
      atLeast(`Lighthouse ${s.page}: accessibility`, s.accessibility, budgets.lighthouseAccessibility);
    }
  }
  const shell = weights[0];
  if (shell) atMost("shell JavaScript, gzipped (kB)", shell.jsKb, budgets.shellJsKb);

  print("\n| figure | value | budget | holds |");
  print("|---|---|---|---|");
  let short = 0;
  let unexplained = 0;
  const reasons: string[] = [];
  for (const l of lines) {
    const holds = l.atMost ? l.value <= l.budget : l.value >= l.budget;
    if (!holds) {
      short++;
      const reason = Object.entries(budgets.reasons).find(([figure]) => l.figure.includes(figure))?.[1];
      if (reason) reasons.push(`- ${l.figure}: ${reason}`);
      else unexplained++;
    }
    print(`| ${l.figure} | ${l.value} | ${l.atMost ? "≤" : "≥"} ${l.budget} | ${holds ? "yes" : "**no**"} |`);
  }
  print(
    `\n${lines.length - short} of ${lines.length} figures within budget; ${short} short, ${unexplained} without a written reason.`,
  );
  if (reasons.length) print(`Written reasons:\n${reasons.join("\n")}`);
  return { short, unexplained };
}
