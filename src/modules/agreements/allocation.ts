/**
 * The allocation engine of shared services (PRODUCT.md, module 5): how a host divides a cost among its clients.
 * Pure: no I/O, no clock; amounts are integer cents; weights are exact (BigInt), so no float ever decides a cent.
 *
 * Keys (verdeelsleutels):
 *   - fixed: shares in basis points that add up to 10,000 (100 %);
 *   - equal: the same share for each client;
 *   - inhabitants: in proportion to each client's population at a stated reference date;
 *   - units: in proportion to each client's units of use (cases handled, workstations, invoices);
 *   - mix: a weighted mix of these, weights in basis points adding up to 10,000.
 *
 * Rounding: largest remainder. Each client first gets the whole cents below its exact share; the cents left over
 * (fewer than the number of clients) go one each to the clients with the largest remainders. Ties are broken by
 * the larger weight first, then by client id in ascending (code point) order, so the same input always gives the
 * same cents. The shares therefore always add up to the total exactly.
 */

export type ClientId = string;

export type AllocationKey =
  | { kind: "fixed"; sharesBp: Record<ClientId, number> }
  | { kind: "equal" }
  | { kind: "inhabitants"; referenceDate: string; inhabitants: Record<ClientId, number> }
  | { kind: "units"; units: Record<ClientId, number> }
  | { kind: "mix"; parts: { key: Exclude<AllocationKey, { kind: "mix" }>; weightBp: number }[] };

/** A key that cannot be applied, with the field at fault (shown to people as it is). */
/** What makes an allocation impossible: the field at fault, and a key of the server's catalogues with its values. */
export class AllocationError extends Error {
  constructor(
    readonly field: string,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

const isWhole = (n: unknown): n is number => typeof n === "number" && Number.isSafeInteger(n);

/** Exact weights per client: numerator per client over one common denominator. */
interface Weights {
  of: Map<ClientId, bigint>;
  total: bigint;
}

function basicWeights(
  key: Exclude<AllocationKey, { kind: "mix" }>,
  clients: readonly ClientId[],
  path: string,
): Weights {
  const of = new Map<ClientId, bigint>();
  const take = (values: Record<ClientId, number>, field: string, what: string) => {
    for (const client of clients) {
      const value = values[client];
      if (value === undefined || value === null) {
        throw new AllocationError(`${path}.${field}.${client}`, `allocation.missing.${what}`, { client });
      }
      if (!isWhole(value) || value < 0) {
        throw new AllocationError(`${path}.${field}.${client}`, `allocation.notWhole.${what}`, { client });
      }
      of.set(client, BigInt(value));
    }
  };
  switch (key.kind) {
    case "equal":
      for (const client of clients) of.set(client, 1n);
      break;
    case "fixed": {
      take(key.sharesBp, "sharesBp", "share");
      const sum = [...of.values()].reduce((a, b) => a + b, 0n);
      if (sum !== 10_000n) {
        throw new AllocationError(`${path}.sharesBp`, "allocation.sharesSum", { sum: Number(sum) / 100 });
      }
      break;
    }
    case "inhabitants":
      if (!/^\d{4}-\d{2}-\d{2}$/.test(key.referenceDate ?? "")) {
        throw new AllocationError(`${path}.referenceDate`, "allocation.referenceDate");
      }
      take(key.inhabitants, "inhabitants", "population");
      break;
    case "units":
      take(key.units, "units", "units");
      break;
  }
  const total = [...of.values()].reduce((a, b) => a + b, 0n);
  if (total === 0n && clients.length > 0) {
    throw new AllocationError(`${path}`, "allocation.allZero");
  }
  return { of, total };
}

/** The exact weight of each client under a key, mixes included (weights brought to one denominator). */
export function weightsOf(key: AllocationKey, clients: readonly ClientId[], path = "key"): Weights {
  if (key.kind !== "mix") return basicWeights(key, clients, path);
  if (!key.parts.length) throw new AllocationError(`${path}.parts`, "allocation.mixEmpty");
  const weightSum = key.parts.reduce(
    (a, p) => a + (isWhole(p.weightBp) && p.weightBp >= 0 ? p.weightBp : Number.NaN),
    0,
  );
  if (weightSum !== 10_000) {
    throw new AllocationError(`${path}.parts`, "allocation.mixWeights");
  }
  const parts = key.parts.map((p, i) => ({
    weight: BigInt(p.weightBp),
    w: basicWeights(p.key, clients, `${path}.parts.${i}.key`),
  }));
  // Σ_k weight_k · w_ik / W_k  =  (Σ_k weight_k · w_ik · Π_{j≠k} W_j) / (10,000 · Π_j W_j)
  const product = parts.reduce((a, p) => a * p.w.total, 1n);
  const of = new Map<ClientId, bigint>();
  for (const client of clients) {
    let numerator = 0n;
    for (const p of parts) numerator += p.weight * (p.w.of.get(client) ?? 0n) * (product / p.w.total);
    of.set(client, numerator);
  }
  return { of, total: 10_000n * product };
}

/** Orders rows for the leftover cents: largest remainder, then larger weight, then client id ascending. */
function byClaim<T extends number | bigint>(
  a: { client: string; w: T; remainder: T },
  b: { client: string; w: T; remainder: T },
) {
  if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
  if (a.w !== b.w) return a.w > b.w ? -1 : 1;
  return a.client < b.client ? -1 : a.client > b.client ? 1 : 0;
}

/** Divides `totalCents` over the clients by their weights, by largest remainder (see the module's comment). */
export function divide(totalCents: number, weights: Weights, clients: readonly ClientId[]): Map<ClientId, number> {
  if (!isWhole(totalCents)) throw new AllocationError("totalCents", "field.wholeCents");
  const sign = totalCents < 0 ? -1 : 1;
  const magnitude = totalCents * sign;
  let maxWeight = 0n;
  for (const w of weights.of.values()) if (w > maxWeight) maxWeight = w;
  const result = new Map<ClientId, number>();
  // Exact with plain numbers while every product stays below 2^53; BigInt beyond (mixes, huge bases).
  if (
    BigInt(magnitude) * maxWeight <= BigInt(Number.MAX_SAFE_INTEGER) &&
    weights.total <= BigInt(Number.MAX_SAFE_INTEGER)
  ) {
    const total = Number(weights.total);
    const rows = clients.map((client) => {
      const w = Number(weights.of.get(client) ?? 0n);
      const exact = magnitude * w;
      const remainder = exact % total;
      return { client, w, cents: (exact - remainder) / total, remainder };
    });
    let left = magnitude - rows.reduce((a, r) => a + r.cents, 0);
    if (left > 0)
      for (const row of [...rows].sort(byClaim)) {
        if (left === 0) break;
        row.cents += 1;
        left -= 1;
      }
    for (const row of rows) result.set(row.client, row.cents * sign);
    return result;
  }
  const total = BigInt(magnitude);
  const rows = clients.map((client) => {
    const w = weights.of.get(client) ?? 0n;
    const exact = total * w;
    return { client, w, cents: exact / weights.total, remainder: exact % weights.total };
  });
  let left = total - rows.reduce((a, r) => a + r.cents, 0n);
  if (left > 0n)
    for (const row of [...rows].sort(byClaim)) {
      if (left === 0n) break;
      row.cents += 1n;
      left -= 1n;
    }
  for (const row of rows) result.set(row.client, Number(row.cents) * sign);
  return result;
}

/** Allocates a total over the clients with a key. */
export function allocate(totalCents: number, clients: readonly ClientId[], key: AllocationKey): Map<ClientId, number> {
  if (new Set(clients).size !== clients.length) throw new AllocationError("clients", "allocation.clientTwice");
  if (!clients.length) {
    if (totalCents !== 0) throw new AllocationError("clients", "allocation.noClients");
    return new Map();
  }
  return divide(totalCents, weightsOf(key, clients), clients);
}

/** One client's own cost, outside the shared pool: an accent (a variant, an extra service). */
export interface Accent {
  clientId: ClientId;
  description: string;
  cents: number;
}

export interface BudgetLine {
  clientId: ClientId;
  /** The client's part of the shared pool. */
  sharedCents: number;
  /** Its own accents, charged to it alone. */
  accentCents: number;
  totalCents: number;
}

/**
 * A sub-agreement's yearly cost for each client: the shared pool divided by the key, plus each client's accents,
 * which are never shared. The lines add up to the pool plus every accent.
 */
export function allocateBudget(
  sharedCents: number,
  clients: readonly ClientId[],
  key: AllocationKey,
  accents: readonly Accent[] = [],
): BudgetLine[] {
  const shares = allocate(sharedCents, clients, key);
  const own = new Map<ClientId, number>();
  const known = new Set(clients);
  accents.forEach((accent, i) => {
    if (!known.has(accent.clientId)) {
      throw new AllocationError(`accents.${i}.clientId`, "allocation.accentNotClient", { client: accent.clientId });
    }
    if (!isWhole(accent.cents)) throw new AllocationError(`accents.${i}.cents`, "field.wholeCents");
    own.set(accent.clientId, (own.get(accent.clientId) ?? 0) + accent.cents);
  });
  return clients.map((clientId) => {
    const sharedPart = shares.get(clientId) ?? 0;
    const accentCents = own.get(clientId) ?? 0;
    return { clientId, sharedCents: sharedPart, accentCents, totalCents: sharedPart + accentCents };
  });
}

/** The advances (voorschotten) of a yearly amount per quarter: equal, the leftover cents in the first quarters. */
export function quarterlyAdvances(yearCents: number): [number, number, number, number] {
  if (!isWhole(yearCents)) throw new AllocationError("yearCents", "field.wholeCents");
  const sign = yearCents < 0 ? -1 : 1;
  const magnitude = yearCents * sign;
  const base = Math.floor(magnitude / 4);
  const left = magnitude - base * 4;
  return [0, 1, 2, 3].map((q) => (base + (q < left ? 1 : 0)) * sign) as [number, number, number, number];
}

export interface SettlementLine extends BudgetLine {
  advancesCents: number;
  /** What the client still owes (positive) or gets back (negative). */
  balanceCents: number;
}

/**
 * The year-end settlement (afrekening) of a sub-agreement: the actual shared costs divided by the key with the
 * actual figures (units used, population), plus the actual accents, minus the advances each client paid.
 */
export function settle(input: {
  actualSharedCents: number;
  clients: readonly ClientId[];
  key: AllocationKey;
  accents?: readonly Accent[];
  advancesPaidCents: Record<ClientId, number>;
}): SettlementLine[] {
  return allocateBudget(input.actualSharedCents, input.clients, input.key, input.accents ?? []).map((line) => {
    const paid = input.advancesPaidCents[line.clientId] ?? 0;
    if (!isWhole(paid)) {
      throw new AllocationError(`advancesPaidCents.${line.clientId}`, "field.wholeCents");
    }
    // Written out rather than spread: this runs for every client of every sub-agreement.
    return {
      clientId: line.clientId,
      sharedCents: line.sharedCents,
      accentCents: line.accentCents,
      totalCents: line.totalCents,
      advancesCents: paid,
      balanceCents: line.totalCents - paid,
    };
  });
}

/** How one client's part came about, for the question "why do we pay this?". */
export interface AllocationExplanation {
  clientId: ClientId;
  /** The client's base and the total base of each part of the key (one part unless it is a mix). */
  parts: { kind: string; weightBp: number; base: number; of: number }[];
  /** The exact share before rounding, in cents with two decimals ("1234.57"). */
  exactCents: string;
  cents: number;
  /** Whether the client got one of the leftover cents (largest remainder). */
  roundedUp: boolean;
}

const baseOf = (key: Exclude<AllocationKey, { kind: "mix" }>, client: ClientId, clients: readonly ClientId[]) => {
  switch (key.kind) {
    case "equal":
      return { base: 1, of: clients.length };
    case "fixed":
      return { base: key.sharesBp[client] ?? 0, of: 10_000 };
    case "inhabitants":
      return { base: key.inhabitants[client] ?? 0, of: clients.reduce((a, c) => a + (key.inhabitants[c] ?? 0), 0) };
    case "units":
      return { base: key.units[client] ?? 0, of: clients.reduce((a, c) => a + (key.units[c] ?? 0), 0) };
  }
};

/** Allocates like `allocate` and says, per client, from which bases and how the rounding went. */
export function explainAllocation(
  totalCents: number,
  clients: readonly ClientId[],
  key: AllocationKey,
): AllocationExplanation[] {
  const shares = allocate(totalCents, clients, key);
  const weights = weightsOf(key, clients);
  const parts = key.kind === "mix" ? key.parts : [{ key, weightBp: 10_000 }];
  return clients.map((clientId) => {
    const exactHundredths = (BigInt(totalCents) * 100n * (weights.of.get(clientId) ?? 0n)) / weights.total;
    const whole = exactHundredths / 100n;
    const fraction = (exactHundredths < 0n ? -exactHundredths : exactHundredths) % 100n;
    const cents = shares.get(clientId) ?? 0;
    return {
      clientId,
      parts: parts.map((p) => ({ kind: p.key.kind, weightBp: p.weightBp, ...baseOf(p.key, clientId, clients) })),
      exactCents: `${whole}.${String(fraction).padStart(2, "0")}`,
      cents,
      roundedUp: BigInt(cents) > whole,
    };
  });
}
