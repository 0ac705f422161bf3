/**
 * Country scale, the register's part: synthetic collaborations between the real organisations, with their
 * members, policy domains and dates. Each is made from the seeded random generator, so a load is the same every
 * time; keys start with `syn-` and the source says "synthetic".
 */
import type { Tx } from "../../platform/db/client.ts";
import { collaborationDomains, collaborations, memberships } from "../../platform/db/schema.ts";
import { between, pickOne, pickWeighted } from "../../platform/random.ts";
import type { CollaborationForm, MembershipRole } from "../../platform/vocabulary.ts";
import { type Batcher, type Organisation, syntheticSource } from "./scale-context.ts";

const themes = [
  "ICT-samenwerking",
  "Sociaal Huis",
  "Afvalbeheer",
  "Brandweerzone",
  "Politiezone",
  "Woonwinkel",
  "Erfgoedcel",
  "Regionaal landschap",
  "Omgevingsdienst",
  "Belastingsamenwerking",
  "Archiefdienst",
  "Jeugdhulp",
  "Energieloket",
  "Sportregio",
  "Cultuurregio",
  "Inkoopbureau",
  "Leerplicht",
  "Mobiliteitsregio",
  "Waterbeheer",
  "Personeelsdienst",
];

const forms: Record<"BE" | "NL", readonly (readonly [CollaborationForm, number])[]> = {
  BE: [
    ["projectvereniging", 3],
    ["dienstverlenende_vereniging", 3],
    ["opdrachthoudende_vereniging", 2],
    ["interlokale_vereniging", 4],
    ["projectnetwerk", 1],
  ],
  NL: [
    ["openbaar_lichaam", 4],
    ["bedrijfsvoeringsorganisatie", 2],
    ["centrumgemeente", 2],
    ["gemeenschappelijk_orgaan", 1],
    ["regeling_zonder_meer", 2],
  ],
};

export interface HostArrangement {
  collaborationId: string;
  country: "BE" | "NL";
  hostId: string;
  clientIds: string[];
  startedOn: string;
}

/**
 * `count` collaborations with `memberships` members in all (two to ten each, mostly from one province), the
 * first `hosts` of them host arrangements (a host municipality and its clients) for the framework agreements.
 */
export async function loadCollaborations(
  db: Tx,
  random: () => number,
  organisations: Organisation[],
  sizes: { collaborations: number; memberships: number; hosts: number },
  domainIds: string[],
  batch: Batcher,
): Promise<{ collaborations: number; memberships: number; hosts: HostArrangement[] }> {
  const members = organisations.filter((o) => o.kind === "municipality" || o.kind === "ocmw");
  const municipalities = members.filter((o) => o.kind === "municipality");
  const byProvince = new Map<string, Organisation[]>();
  for (const o of members) {
    const key = o.provinceId ?? o.country;
    byProvince.set(key, [...(byProvince.get(key) ?? []), o]);
  }
  const byCountry = new Map(["BE", "NL"].map((c) => [c, members.filter((m) => m.country === c)]));
  const average = sizes.memberships / sizes.collaborations;
  const hosts: HostArrangement[] = [];
  let membershipCount = 0;
  for (let from = 0; from < sizes.collaborations; from += 1000) {
    const rows: (typeof collaborations.$inferInsert)[] = [];
    const memberRows: (typeof memberships.$inferInsert)[] = [];
    const domainRows: (typeof collaborationDomains.$inferInsert)[] = [];
    const plans: { members: Organisation[]; host: boolean }[] = [];
    for (let i = from; i < Math.min(sizes.collaborations, from + 1000); i++) {
      const first = pickOne(random, municipalities);
      const province = byProvince.get(first.provinceId ?? first.country) ?? [first];
      // Two to ten members around the average, one in five reaching beyond the province.
      const size = Math.max(2, Math.min(10, Math.round(average + 0.5 + (random() - 0.5) * 6)));
      const chosen = new Map([[first.id, first]]);
      while (chosen.size < size) {
        const pool = random() < 0.8 ? province : (byCountry.get(first.country) ?? province);
        const next = pickOne(random, pool);
        chosen.set(next.id, next);
      }
      const host = i < sizes.hosts;
      const startYear = between(random, 1995, 2025);
      const startedOn = `${startYear}-${String(between(random, 1, 12)).padStart(2, "0")}-01`;
      const theme = pickOne(random, themes);
      rows.push({
        key: `syn-c-${String(i + 1).padStart(6, "0")}`,
        name: host ? `Gastheerschap ${theme} ${first.name}` : `${theme} regio ${first.name}`,
        form: host ? "gastheergemeente" : pickWeighted(random, forms[first.country]),
        country: first.country,
        status: random() < 0.93 ? "active" : "dissolved",
        startedOn,
        coordinatorId: first.id,
        source: syntheticSource,
        sourceDate: "2026-01-01",
      });
      plans.push({ members: [...chosen.values()], host });
    }
    const inserted = await db
      .insert(collaborations)
      .values(rows)
      .returning({ id: collaborations.id, country: collaborations.country, startedOn: collaborations.startedOn });
    inserted.forEach((c, j) => {
      const plan = plans[j] as { members: Organisation[]; host: boolean };
      plan.members.forEach((m, k) => {
        const role: MembershipRole = plan.host ? (k === 0 ? "host" : "client") : k === 0 ? "founder" : "member";
        const leftEarly = random() < 0.05;
        memberRows.push({
          collaborationId: c.id,
          organisationId: m.id,
          role,
          shareBasisPoints: plan.host ? null : Math.round(10_000 / plan.members.length),
          validFrom: c.startedOn,
          validTo: leftEarly ? `${between(random, 2015, 2025)}-12-31` : null,
          source: syntheticSource,
          sourceDate: "2026-01-01",
        });
      });
      const domains = new Set([pickOne(random, domainIds), pickOne(random, domainIds)]);
      for (const domainId of domains) domainRows.push({ collaborationId: c.id, domainId });
      if (plan.host) {
        const [host, ...clients] = plan.members;
        if (host)
          hosts.push({
            collaborationId: c.id,
            country: c.country,
            hostId: host.id,
            clientIds: clients.map((m) => m.id),
            startedOn: c.startedOn ?? "2020-01-01",
          });
      }
    });
    await batch(memberRows, (chunk) => db.insert(memberships).values(chunk));
    await batch(domainRows, (chunk) => db.insert(collaborationDomains).values(chunk));
    membershipCount += memberRows.length;
  }
  return { collaborations: sizes.collaborations, memberships: membershipCount, hosts };
}
