import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  AllocationError,
  type AllocationKey,
  allocate,
  allocateBudget,
  explainAllocation,
  quarterlyAdvances,
  settle,
} from "./allocation.ts";

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const clientsArb = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 40 });
const totalArb = fc.integer({ min: 0, max: 50_000_000_00 });

/** A proportional key (inhabitants or units) over the given clients, with at least one non-zero base. */
const proportionalArb = (clients: string[]) =>
  fc
    .array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: clients.length, maxLength: clients.length })
    .filter((bases) => bases.some((b) => b > 0))
    .map((bases) => Object.fromEntries(clients.map((c, i) => [c, bases[i] as number])));

describe("the allocation engine", () => {
  it("divides by population with the rounding rule written down: largest remainder, then larger weight, then id", () => {
    // 100.00 euro over populations 1 : 1 : 1 gives 33.34 / 33.33 / 33.33; the tie goes to the first id.
    const even = allocate(10_000, ["b", "a", "c"], {
      kind: "inhabitants",
      referenceDate: "2026-01-01",
      inhabitants: { a: 1000, b: 1000, c: 1000 },
    });
    expect(Object.fromEntries(even)).toEqual({ a: 3334, b: 3333, c: 3333 });
    // Emmen, Coevorden and Borger-Odoorn by their 2024 population: 1,000,000.00 euro.
    const host = allocate(100_000_000, ["emmen", "coevorden", "borger"], {
      kind: "inhabitants",
      referenceDate: "2024-01-01",
      inhabitants: { emmen: 108_056, coevorden: 35_665, borger: 25_773 },
    });
    // Exact shares 63,752,109.22 · 21,042,042.79 · 15,205,847.99 cents (worked out apart with exact fractions).
    expect(Object.fromEntries(host)).toEqual({ emmen: 63_752_109, coevorden: 21_042_043, borger: 15_205_848 });
    expect(sum(host)).toBe(100_000_000);
  });

  it("applies fixed shares, equal shares, units of use and a weighted mix exactly", () => {
    expect(Object.fromEntries(allocate(1000, ["a", "b"], { kind: "fixed", sharesBp: { a: 7000, b: 3000 } }))).toEqual({
      a: 700,
      b: 300,
    });
    expect(Object.fromEntries(allocate(1001, ["a", "b"], { kind: "equal" }))).toEqual({ a: 501, b: 500 });
    expect(Object.fromEntries(allocate(900, ["a", "b", "c"], { kind: "units", units: { a: 1, b: 2, c: 0 } }))).toEqual({
      a: 300,
      b: 600,
      c: 0,
    });
    // Half per inhabitant (3:1), half equal: a gets 0.5·0.75 + 0.5·0.5 = 62.5 %.
    const mix: AllocationKey = {
      kind: "mix",
      parts: [
        { weightBp: 5000, key: { kind: "inhabitants", referenceDate: "2026-01-01", inhabitants: { a: 3, b: 1 } } },
        { weightBp: 5000, key: { kind: "equal" } },
      ],
    };
    expect(Object.fromEntries(allocate(80_000, ["a", "b"], mix))).toEqual({ a: 50_000, b: 30_000 });
  });

  it("keeps each client's accents out of the shared pool, and settles against the advances paid", () => {
    const lines = allocateBudget(120_000, ["a", "b"], { kind: "equal" }, [
      { clientId: "b", description: "eigen loket op zaterdag", cents: 15_000 },
    ]);
    expect(lines).toEqual([
      { clientId: "a", sharedCents: 60_000, accentCents: 0, totalCents: 60_000 },
      { clientId: "b", sharedCents: 60_000, accentCents: 15_000, totalCents: 75_000 },
    ]);
    const settled = settle({
      actualSharedCents: 130_001,
      clients: ["a", "b"],
      key: { kind: "units", units: { a: 1, b: 1 } },
      accents: [{ clientId: "b", description: "eigen loket op zaterdag", cents: 14_000 }],
      advancesPaidCents: { a: 60_000, b: 75_000 },
    });
    expect(settled.map((l) => [l.clientId, l.totalCents, l.balanceCents])).toEqual([
      ["a", 65_001, 5_001],
      ["b", 79_000, 4_000],
    ]);
    expect(quarterlyAdvances(100_003)).toEqual([25_001, 25_001, 25_001, 25_000]);
  });

  it("refuses keys it cannot apply, naming the field", () => {
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(AllocationError);
        return (error as AllocationError).field;
      }
      throw new Error("expected a refusal");
    };
    expect(refused(() => allocate(100, ["a", "b"], { kind: "fixed", sharesBp: { a: 6000, b: 3000 } }))).toBe(
      "key.sharesBp",
    );
    expect(
      refused(() =>
        allocate(100, ["a", "b"], { kind: "inhabitants", referenceDate: "2026-01-01", inhabitants: { a: 10 } }),
      ),
    ).toBe("key.inhabitants.b");
    expect(
      refused(() => allocate(100, ["a"], { kind: "inhabitants", referenceDate: "", inhabitants: { a: 10 } })),
    ).toBe("key.referenceDate");
    expect(refused(() => allocate(100, ["a", "b"], { kind: "units", units: { a: -1, b: 2 } }))).toBe("key.units.a");
    expect(refused(() => allocate(100, ["a", "b"], { kind: "units", units: { a: 0, b: 0 } }))).toBe("key");
    expect(refused(() => allocate(10.5, ["a"], { kind: "equal" }))).toBe("totalCents");
    expect(
      refused(() => allocate(100, ["a"], { kind: "mix", parts: [{ weightBp: 4000, key: { kind: "equal" } }] })),
    ).toBe("key.parts");
    expect(
      refused(() => allocateBudget(100, ["a"], { kind: "equal" }, [{ clientId: "z", description: "", cents: 1 }])),
    ).toBe("accents.0.clientId");
  });
});

describe("the allocation engine's properties", () => {
  it("always adds up to the total, with no negative share", () => {
    fc.assert(
      fc.property(
        clientsArb.chain((clients) => fc.tuple(fc.constant(clients), totalArb, proportionalArb(clients))),
        ([clients, total, units]) => {
          const shares = allocate(total, clients, { kind: "units", units });
          expect(sum(shares)).toBe(total);
          for (const cents of shares.values()) expect(cents).toBeGreaterThanOrEqual(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never gives a bigger base a smaller share under a proportional key", () => {
    fc.assert(
      fc.property(
        clientsArb.chain((clients) => fc.tuple(fc.constant(clients), totalArb, proportionalArb(clients))),
        ([clients, total, inhabitants]) => {
          const shares = allocate(total, clients, { kind: "inhabitants", referenceDate: "2026-01-01", inhabitants });
          for (const a of clients) {
            for (const b of clients) {
              if ((inhabitants[a] ?? 0) > (inhabitants[b] ?? 0)) {
                expect(shares.get(a) ?? 0).toBeGreaterThanOrEqual(shares.get(b) ?? 0);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("adds up under a weighted mix and is the same whatever order the clients come in", () => {
    fc.assert(
      fc.property(
        clientsArb.chain((clients) =>
          fc.tuple(
            fc.constant(clients),
            totalArb,
            proportionalArb(clients),
            proportionalArb(clients),
            fc.integer({ min: 0, max: 10_000 }),
          ),
        ),
        ([clients, total, inhabitants, units, weight]) => {
          const key: AllocationKey = {
            kind: "mix",
            parts: [
              { weightBp: weight, key: { kind: "inhabitants", referenceDate: "2026-01-01", inhabitants } },
              { weightBp: 10_000 - weight, key: { kind: "units", units } },
            ],
          };
          const shares = allocate(total, clients, key);
          expect(sum(shares)).toBe(total);
          const reversed = allocate(total, [...clients].reverse(), key);
          for (const c of clients) expect(reversed.get(c)).toBe(shares.get(c));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the explanation of an allocation", () => {
  it("shows each client's base, the exact share and who got a leftover cent", () => {
    const explained = explainAllocation(10_000, ["a", "b", "c"], {
      kind: "inhabitants",
      referenceDate: "2026-01-01",
      inhabitants: { a: 1000, b: 1000, c: 1000 },
    });
    expect(explained).toEqual([
      {
        clientId: "a",
        parts: [{ kind: "inhabitants", weightBp: 10_000, base: 1000, of: 3000 }],
        exactCents: "3333.33",
        cents: 3334,
        roundedUp: true,
      },
      {
        clientId: "b",
        parts: [{ kind: "inhabitants", weightBp: 10_000, base: 1000, of: 3000 }],
        exactCents: "3333.33",
        cents: 3333,
        roundedUp: false,
      },
      {
        clientId: "c",
        parts: [{ kind: "inhabitants", weightBp: 10_000, base: 1000, of: 3000 }],
        exactCents: "3333.33",
        cents: 3333,
        roundedUp: false,
      },
    ]);
  });
});
