import { describe, expect, it } from "vitest";
import { budgetLines, readBudgets } from "../bench/check.ts";
import type { Row } from "../bench/run.ts";
import { scenarios, zipfSearches } from "../bench/scenarios.ts";

/**
 * The benchmark suite's check holds every figure it measures to a budget, and every budget of the suite to a
 * figure: a budget nobody checks, or a write path without its floor, fails here before a run is wasted on it.
 */
const figures = { errors: 0, p50: 1, p95: 2, p99: 3, rps: 100 };
const row = (backend: "pglite" | "postgres"): Row => ({
  backend,
  firstStartMs: 1,
  restartMs: 1,
  memory: { steadyMb: 1, peakMb: 2 },
  aggregation: { answers: 100_000, p50: 1, p95: 2, max: 3 },
  lighthouse: [{ page: "home", performance: 100, accessibility: 100 }],
  results: scenarios.map((s) => ({
    scenario: s.name,
    kind: s.kind,
    connections: s.connections,
    samen: figures,
    bare: figures,
    ratio: 1,
    single: s.kind === "write" ? null : figures,
    ...(s.kind === "cache" ? { cache: { hit: 1, shared: 0, miss: 1, hitRate: 0.5 } } : {}),
  })),
});

describe("the benchmark suite's budgets", () => {
  const lines = budgetLines([row("pglite"), row("postgres")], [{ page: "shell", jsKb: 1, cssKb: 1 }], { p95: 1 });
  const checked = new Set(lines.map((l) => l.budget));

  it("hold every write path to its floor and every budget of the suite to a figure", () => {
    const budgets = readBudgets() as unknown as Record<string, unknown>;
    // Budgets of the module benchmarks (projects, procurement, opportunities) are checked by their own scripts.
    const own = ["$comment", "reasons", "writeFloors", "projects", "procurement", "opportunities"];
    for (const [name, value] of Object.entries(budgets)) {
      if (own.includes(name)) continue;
      const used = lines.some((l) => l.budget === (value as { budget: number }).budget);
      expect(used, `${name} is checked`).toBe(true);
    }
    for (const scenario of scenarios.filter((s) => s.kind === "write"))
      expect(lines.some((l) => l.figure.includes(scenario.name) && l.figure.includes("necessary work"))).toBe(true);
    expect(lines.some((l) => l.figure.startsWith("postgres: validated submissions a second"))).toBe(true);
    expect(lines.filter((l) => l.figure.includes("resident memory")).length).toBe(4);
    expect(checked.size).toBeGreaterThan(5);
  });

  it("waive nothing: a reason written for a figure never makes it hold", () => {
    const short = budgetLines([{ ...row("postgres"), memory: { steadyMb: 10_000, peakMb: 10_000 } }], [], { p95: 1 });
    expect(short.filter((l) => l.figure.includes("resident memory") && l.value > l.budget)).toHaveLength(2);
  });

  it("ask the catalogue a Zipf-like mix of thousands of queries, the most asked far more often than the rest", () => {
    const mix = zipfSearches(20_000);
    const counts = new Map<string, number>();
    for (const q of mix) counts.set(q, (counts.get(q) ?? 0) + 1);
    expect(counts.size).toBeGreaterThan(1_000);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(sorted[0]).toBeGreaterThan(10 * (sorted[99] ?? 0));
  });
});
