import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  baselineCents,
  discountSaving,
  expectedDiscount,
  realisedSaving,
  roundDiv,
  spreadOverYears,
} from "./savings.ts";

describe("the arithmetic of savings", () => {
  it("rounds half away from zero, for either sign", () => {
    expect(roundDiv(5n, 2n)).toBe(3n);
    expect(roundDiv(-5n, 2n)).toBe(-3n);
    expect(roundDiv(4n, 3n)).toBe(1n);
    expect(roundDiv(-4n, 3n)).toBe(-1n);
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (a, b) => {
          const q = roundDiv(a, b);
          // Within half a unit of the exact quotient, and symmetric.
          expect(2n * (a - q * b) <= b && 2n * (a - q * b) >= -b).toBe(true);
          expect(roundDiv(-a, b)).toBe(-q);
        },
      ),
    );
  });

  it("takes quantity × unit price as the baseline, else the yearly spend, exactly in cents", () => {
    expect(baselineCents({ quantityMilli: 5_000_500, unitPriceCents: 24_000, yearlySpendCents: null })).toBe(
      120_012_000,
    );
    expect(baselineCents({ quantityMilli: 1, unitPriceCents: 499, yearlySpendCents: null })).toBe(0);
    expect(baselineCents({ quantityMilli: 1, unitPriceCents: 500, yearlySpendCents: null })).toBe(1);
    expect(baselineCents({ quantityMilli: null, unitPriceCents: null, yearlySpendCents: 7 })).toBe(7);
    // No float error where a float would err: 0,1 × 3 unit of 10 cents.
    expect(baselineCents({ quantityMilli: 300, unitPriceCents: 10, yearlySpendCents: null })).toBe(3);
  });

  it("reads the price curve at the highest step the total reaches", () => {
    const curve = [
      { fromQuantity: 10_000, discountBasisPoints: 1000 },
      { fromQuantity: 0, discountBasisPoints: 500 },
      { fromQuantity: 50_000, discountBasisPoints: 1300 },
    ];
    expect(expectedDiscount(curve, 0)).toBe(500);
    expect(expectedDiscount(curve, 9_999.999)).toBe(500);
    expect(expectedDiscount(curve, 10_000)).toBe(1000);
    expect(expectedDiscount(curve, 1e9)).toBe(1300);
    expect(expectedDiscount([], 100)).toBeNull();
    expect(expectedDiscount([{ fromQuantity: 100, discountBasisPoints: 1 }], 99)).toBeNull();
    expect(discountSaving(259_012_000, 1000)).toBe(25_901_200);
  });

  it("realises a saving by unit price or by discount on spend, and says when it cannot compare", () => {
    const unitDeclared = { quantityMilli: 4_100_000, unitPriceCents: 25_000, yearlySpendCents: null };
    expect(realisedSaving(unitDeclared, { unitPriceCents: 20_500, spendDiscountBasisPoints: null })).toEqual({
      cents: 18_450_000,
      basis: "unitPrice",
    });
    // Dearer than today: a negative saving, shown as such.
    expect(realisedSaving(unitDeclared, { unitPriceCents: 26_000, spendDiscountBasisPoints: null }).cents).toBe(
      -4_100_000,
    );
    const spendDeclared = { quantityMilli: null, unitPriceCents: null, yearlySpendCents: 12_000_000 };
    expect(realisedSaving(spendDeclared, { unitPriceCents: null, spendDiscountBasisPoints: 1500 })).toEqual({
      cents: 1_800_000,
      basis: "spendDiscount",
    });
    expect(realisedSaving(spendDeclared, { unitPriceCents: 100, spendDiscountBasisPoints: null })).toEqual({
      cents: null,
      basis: "notComparable",
    });
  });

  it("spreads a yearly saving over the calendar years by the days each covers", () => {
    expect(spreadOverYears(365_00, "2025-01-01", "2025-12-31")).toEqual([{ year: 2025, cents: 365_00 }]);
    expect(spreadOverYears(100_000, "2025-04-01", "2027-03-31")).toEqual([
      { year: 2025, cents: 75_342 },
      { year: 2026, cents: 100_000 },
      { year: 2027, cents: 24_658 },
    ]);
    // A leap year counts its 366 days.
    expect(spreadOverYears(366, "2028-01-01", "2028-01-31")).toEqual([{ year: 2028, cents: 31 }]);
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 2000, max: 2040 }),
        fc.integer({ min: 1, max: 10 }),
        (yearly, from, years) => {
          // Whole calendar years: each year is the yearly amount, the sum is years × yearly.
          const spread = spreadOverYears(yearly, `${from}-01-01`, `${from + years - 1}-12-31`);
          expect(spread).toHaveLength(years);
          expect(spread.every((y) => y.cents === yearly)).toBe(true);
        },
      ),
    );
  });
});
