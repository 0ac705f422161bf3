import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimatedSavingEuro } from "./saving-estimate.ts";

describe("estimated saving", () => {
  it("is the share of inhabitants times cost, or of the spend", () => {
    expect(
      estimatedSavingEuro({
        basis: { kind: "perInhabitant", population: 80_000, euroPerInhabitant: 15 },
        savingPercent: 10,
      }),
    ).toBe(120_000);
    expect(estimatedSavingEuro({ basis: { kind: "spend", yearlySpendEuro: 250_000 }, savingPercent: 8 })).toBe(20_000);
  });

  it("grows with each assumption and is never negative", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 100 }),
        (population, euro, percent) => {
          const at = (p: number, e: number, s: number) =>
            estimatedSavingEuro({
              basis: { kind: "perInhabitant", population: p, euroPerInhabitant: e },
              savingPercent: s,
            });
          const base = at(population, euro, percent);
          expect(base).toBeGreaterThanOrEqual(0);
          expect(at(population, euro + 1, percent)).toBeGreaterThanOrEqual(base);
          expect(at(population, euro, percent + 1)).toBeGreaterThanOrEqual(base);
        },
      ),
    );
  });
});
