/**
 * The allocation engine alone: a host with 400 clients and 50 sub-agreements, each with its own key (per
 * inhabitant, per unit of use, fixed shares, equal, and a mix), the year's budget allocated with accents, the
 * quarterly advances, and the settlement against actual costs and units. Deterministic inputs; the figure is the
 * time of the whole year for all 50 sub-agreements.
 */
import { type AllocationKey, allocateBudget, quarterlyAdvances, settle } from "../src/modules/agreements/allocation.ts";
import { seededRandom } from "../src/platform/random.ts";

export function allocationWorkload(clientCount = 400, agreementCount = 50) {
  const next = seededRandom(7);
  const clients = Array.from({ length: clientCount }, (_, i) => `client-${String(i).padStart(3, "0")}`);
  const perClient = (f: () => number) => Object.fromEntries(clients.map((c) => [c, f()]));
  const fixed = () => {
    const raw = clients.map(() => 1 + Math.floor(next() * 100));
    const total = raw.reduce((a, b) => a + b, 0);
    const bp = raw.map((r) => Math.floor((r * 10_000) / total));
    bp[0] = (bp[0] ?? 0) + 10_000 - bp.reduce((a, b) => a + b, 0);
    return Object.fromEntries(clients.map((c, i) => [c, bp[i] as number]));
  };
  return Array.from({ length: agreementCount }, (_, i) => {
    const inhabitants = perClient(() => 1_000 + Math.floor(next() * 150_000));
    const units = perClient(() => Math.floor(next() * 5_000));
    const actualUnits = perClient(() => Math.floor(next() * 5_000));
    const keys: AllocationKey[] = [
      { kind: "inhabitants", referenceDate: "2026-01-01", inhabitants },
      { kind: "units", units },
      { kind: "fixed", sharesBp: fixed() },
      { kind: "equal" },
      {
        kind: "mix",
        parts: [
          { weightBp: 6000, key: { kind: "inhabitants", referenceDate: "2026-01-01", inhabitants } },
          { weightBp: 4000, key: { kind: "units", units } },
        ],
      },
    ];
    const key = keys[i % keys.length] as AllocationKey;
    const actualKey: AllocationKey = key.kind === "units" ? { kind: "units", units: actualUnits } : key;
    const accents = clients
      .filter(() => next() < 0.1)
      .map((clientId) => ({ clientId, description: "accent", cents: Math.floor(next() * 2_000_000) }));
    return {
      clients,
      key,
      actualKey,
      accents,
      budgetCents: 50_000_000 + Math.floor(next() * 500_000_000),
      actualCents: 50_000_000 + Math.floor(next() * 500_000_000),
    };
  });
}

/** One year for every sub-agreement: budget, advances, settlement. Returns the number of settlement lines. */
export function runYear(workload: ReturnType<typeof allocationWorkload>) {
  let lines = 0;
  for (const agreement of workload) {
    const budget = allocateBudget(agreement.budgetCents, agreement.clients, agreement.key, agreement.accents);
    const advancesPaid: Record<string, number> = {};
    for (const line of budget)
      advancesPaid[line.clientId] = quarterlyAdvances(line.totalCents).reduce((a, b) => a + b, 0);
    lines += settle({
      actualSharedCents: agreement.actualCents,
      clients: agreement.clients,
      key: agreement.actualKey,
      accents: agreement.accents,
      advancesPaidCents: advancesPaid,
    }).length;
  }
  return lines;
}

export function measureAllocation(rounds = 30) {
  const workload = allocationWorkload();
  for (let i = 0; i < 5; i++) runYear(workload); // warm up the JIT
  const times: number[] = [];
  let lines = 0;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    lines = runYear(workload);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round((times[Math.floor(q * (times.length - 1))] ?? 0) * 10) / 10;
  return { clients: 400, subAgreements: 50, lines, p50: at(0.5), p95: at(0.95), max: at(1) };
}
