import type { PriceStep } from "../../platform/db/schema.ts";

/**
 * The arithmetic of savings, in integer cents (decision 19). A declaration states a yearly quantity (kept in
 * thousandths of the lot's unit) at a current unit price, or a current yearly spend: its baseline. Before the
 * tender the lead buyer's price curve gives an expected discount for the lot's total demand; after the award the
 * contract price (or the contract's discount on spend) gives the realised saving. A yearly saving is spread over
 * the calendar years of the contract by the share of each year's days it covers. Every division rounds half away
 * from zero, once, at the end of its own product, and a total is the sum of the rounded parts it shows.
 */

/** `a / b` rounded half away from zero, for integers of any size. */
export function roundDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError("division by zero");
  const negative = a < 0n !== b < 0n;
  const x = a < 0n ? -a : a;
  const y = b < 0n ? -b : b;
  const q = (2n * x + y) / (2n * y);
  return negative ? -q : q;
}

export interface Baseline {
  quantityMilli: number | null;
  unitPriceCents: number | null;
  yearlySpendCents: number | null;
}

export interface AwardTerms {
  unitPriceCents: number | null;
  spendDiscountBasisPoints: number | null;
}

/** What a participant spends a year today: quantity × unit price where it gave both, else its yearly spend. */
export function baselineCents(d: Baseline): number | null {
  if (d.unitPriceCents !== null && d.quantityMilli !== null)
    return Number(roundDiv(BigInt(d.quantityMilli) * BigInt(d.unitPriceCents), 1000n));
  return d.yearlySpendCents;
}

/**
 * The discount the lead buyer's price curve expects at a total demand: the step with the highest threshold the
 * total reaches; null when the curve has none it reaches.
 */
export function expectedDiscount(curve: readonly PriceStep[], total: number): number | null {
  let found: PriceStep | null = null;
  for (const step of curve)
    if (total >= step.fromQuantity && (!found || step.fromQuantity > found.fromQuantity)) found = step;
  return found ? found.discountBasisPoints : null;
}

const ofBasisPoints = (cents: number, basisPoints: number) =>
  Number(roundDiv(BigInt(cents) * BigInt(basisPoints), 10_000n));

/** The saving a year a discount gives on a baseline. */
export const discountSaving = (baseline: number, basisPoints: number) => ofBasisPoints(baseline, basisPoints);

export type SavingBasis = "unitPrice" | "spendDiscount" | "notComparable";

/**
 * The realised saving a year of a declaration under an award: the declared quantity at the difference between the
 * current and the contract unit price (negative when the contract is dearer: shown, not hidden); or the contract's
 * discount on the baseline; or not comparable (a unit price awarded, but the participant gave only its spend).
 */
export function realisedSaving(d: Baseline, award: AwardTerms): { cents: number | null; basis: SavingBasis } {
  if (award.unitPriceCents !== null && d.unitPriceCents !== null && d.quantityMilli !== null)
    return {
      cents: Number(roundDiv(BigInt(d.quantityMilli) * BigInt(d.unitPriceCents - award.unitPriceCents), 1000n)),
      basis: "unitPrice",
    };
  const baseline = baselineCents(d);
  if (award.spendDiscountBasisPoints !== null && baseline !== null)
    return { cents: ofBasisPoints(baseline, award.spendDiscountBasisPoints), basis: "spendDiscount" };
  return { cents: null, basis: "notComparable" };
}

const dayNumber = (isoDay: string) => Math.round(Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000);
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * How a contract from `startsOn` to `endsOn` (both days included) covers each calendar year: a function that
 * spreads a yearly amount over them, each year getting the amount × the days it covers / the days of that year,
 * rounded on its own.
 */
export function yearShares(startsOn: string, endsOn: string) {
  const first = Number(startsOn.slice(0, 4));
  const last = Number(endsOn.slice(0, 4));
  const shares: { year: number; days: bigint; of: bigint }[] = [];
  for (let year = first; year <= last; year++) {
    const from = Math.max(dayNumber(startsOn), dayNumber(`${year}-01-01`));
    const to = Math.min(dayNumber(endsOn), dayNumber(`${year}-12-31`));
    if (to >= from) shares.push({ year, days: BigInt(to - from + 1), of: isLeap(year) ? 366n : 365n });
  }
  return (yearlyCents: number) =>
    shares.map((s) => ({ year: s.year, cents: Number(roundDiv(BigInt(yearlyCents) * s.days, s.of)) }));
}

/** A yearly amount spread over the calendar years of a contract (see `yearShares`). */
export const spreadOverYears = (yearlyCents: number, startsOn: string, endsOn: string) =>
  yearShares(startsOn, endsOn)(yearlyCents);
