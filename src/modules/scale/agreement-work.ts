/**
 * Country scale, shared services: a framework agreement for each host arrangement, ten sub-agreements each
 * (one per domain, in turn), their budgets for 2024 to 2026, actual costs for 2024 and 2025, and the settlements
 * of those years computed by the allocation engine itself (2024 approved, 2025 a draft).
 */
import { sql } from "drizzle-orm";
import { dutchOrder } from "../../platform/collation.ts";
import type { Tx } from "../../platform/db/client.ts";
import {
  frameworkClients,
  frameworks,
  settlements,
  subAgreements,
  subAgreementYears,
} from "../../platform/db/schema.ts";
import { between, pickOne } from "../../platform/random.ts";
import { serviceDomains } from "../../platform/vocabulary.ts";
import { type AllocationKey, allocateBudget, settle } from "../agreements/allocation.ts";
import type { HostArrangement } from "./register-work.ts";
import type { Batcher, Organisation, Progress } from "./scale-context.ts";

const domainNames: Record<(typeof serviceDomains)[number], string> = {
  social: "Sociaal domein",
  ict: "ICT en informatievoorziening",
  purchasing: "Inkoop en aanbesteding",
  finance: "Financiën en belastingen",
  hr: "Personeel en organisatie",
  other: "Overige dienstverlening",
};

/** An allocation key over the clients, of one of the kinds the engine knows, in turn. */
function keyFor(
  n: number,
  random: () => number,
  clients: string[],
  population: (id: string) => number,
  year: number,
): AllocationKey {
  const units = () => Object.fromEntries(clients.map((c) => [c, between(random, 10, 900)]));
  const inhabitants = (): AllocationKey => ({
    kind: "inhabitants",
    referenceDate: `${year}-01-01`,
    inhabitants: Object.fromEntries(clients.map((c) => [c, population(c)])),
  });
  switch (n % 5) {
    case 0:
      return inhabitants();
    case 1:
      return { kind: "units", units: units() };
    case 2:
      return { kind: "equal" };
    case 3: {
      const shares = clients.map(() => between(random, 1, 9));
      const total = shares.reduce((s, v) => s + v, 0);
      const bp = shares.map((v) => Math.floor((v / total) * 10_000));
      bp[0] = (bp[0] ?? 0) + 10_000 - bp.reduce((s, v) => s + v, 0);
      return { kind: "fixed", sharesBp: Object.fromEntries(clients.map((c, i) => [c, bp[i] ?? 0])) };
    }
    default:
      return {
        kind: "mix",
        parts: [
          { key: { kind: "equal" }, weightBp: 4_000 },
          { key: { kind: "units", units: units() }, weightBp: 6_000 },
        ],
      };
  }
}

export async function loadAgreements(
  db: Tx,
  random: () => number,
  organisations: Organisation[],
  hosts: HostArrangement[],
  perFramework: number,
  batch: Batcher,
  progress: Progress,
): Promise<{ frameworks: number; subAgreements: number; settlements: number }> {
  const byId = new Map(organisations.map((o) => [o.id, o]));
  const population = (id: string) => byId.get(id)?.population ?? 5_000;
  const name = (id: string) => byId.get(id)?.name ?? "";
  let subCount = 0;
  let settlementCount = 0;
  for (let from = 0; from < hosts.length; from += 50) {
    const group = hosts.slice(from, from + 50);
    const made = await db
      .insert(frameworks)
      .values(
        group.map((h) => ({
          collaborationId: h.collaborationId,
          hostId: h.hostId,
          name: `Raamovereenkomst dienstverlening ${name(h.hostId)}`,
          startsOn: h.startedOn < "2022-01-01" ? "2022-01-01" : h.startedOn,
          status: "active" as const,
          legalRegime: h.country === "NL" ? ("wgr" as const) : ("dlb" as const),
        })),
      )
      .returning({ id: frameworks.id, collaborationId: frameworks.collaborationId });
    const frameworkOf = new Map(made.map((f) => [f.collaborationId, f.id]));
    const clientRows = group.flatMap((h) =>
      h.clientIds.map((organisationId) => ({
        frameworkId: frameworkOf.get(h.collaborationId) as string,
        organisationId,
      })),
    );
    await batch(clientRows, (chunk) => db.insert(frameworkClients).values(chunk));
    const subRows = group.flatMap((h) =>
      Array.from({ length: perFramework }, (_, i) => {
        const domain = serviceDomains[i % serviceDomains.length] ?? "other";
        return {
          frameworkId: frameworkOf.get(h.collaborationId) as string,
          name: `Deelovereenkomst ${domainNames[domain]}${i >= serviceDomains.length ? ` ${Math.floor(i / serviceDomains.length) + 1}` : ""}`,
          domain,
          services: [{ name: domainNames[domain], unit: "dossier", description: "" }],
        };
      }),
    );
    const subs = await db
      .insert(subAgreements)
      .values(subRows)
      .returning({ id: subAgreements.id, frameworkId: subAgreements.frameworkId });
    const clientsOf = new Map(group.map((h) => [frameworkOf.get(h.collaborationId), [...h.clientIds].sort()]));
    const years: (typeof subAgreementYears.$inferInsert)[] = [];
    const settled: (typeof settlements.$inferInsert)[] = [];
    subs.forEach((sub, n) => {
      const clients = clientsOf.get(sub.frameworkId) ?? [];
      const budget = between(random, 50_000, 2_500_000) * 100;
      for (const year of [2024, 2025, 2026]) {
        const key = keyFor(n, random, clients, population, year);
        const accents =
          random() < 0.1 && clients.length
            ? [
                {
                  clientId: pickOne(random, clients),
                  kind: "extra" as const,
                  description: "Extra dienst",
                  cents: 25_000_00,
                },
              ]
            : [];
        const actualCents = year < 2026 ? Math.round(budget * (0.9 + random() * 0.2)) : null;
        years.push({ subAgreementId: sub.id, year, budgetCents: budget, key, accents, actualCents });
        if (actualCents === null) continue;
        const advances = allocateBudget(budget, clients, key, accents);
        const lines = settle({
          actualSharedCents: actualCents,
          clients,
          key,
          accents,
          advancesPaidCents: Object.fromEntries(advances.map((l) => [l.clientId, l.totalCents])),
        })
          .map((l) => ({
            client: { id: l.clientId, name: name(l.clientId) },
            sharedCents: l.sharedCents,
            accentCents: l.accentCents,
            totalCents: l.totalCents,
            advancesCents: l.advancesCents,
            balanceCents: l.balanceCents,
          }))
          .sort((a, b) => dutchOrder(a.client.name, b.client.name));
        const approved = year === 2024;
        settled.push({
          subAgreementId: sub.id,
          year,
          version: 1,
          status: approved ? "approved" : "draft",
          lines,
          actualCents,
          approvedAt: approved ? new Date("2025-04-15T10:00:00Z") : null,
          approvedBy: approved ? "Synthetisch" : null,
        });
      }
    });
    await batch(years, (chunk) => db.insert(subAgreementYears).values(chunk), 500);
    await batch(settled, (chunk) => db.insert(settlements).values(chunk), 500);
    subCount += subs.length;
    settlementCount += settled.length;
    progress("sub-agreements", subCount, hosts.length * perFramework);
  }
  await db.execute(sql`ANALYZE sub_agreements`);
  return { frameworks: hosts.length, subAgreements: subCount, settlements: settlementCount };
}
