import { sql } from "drizzle-orm";
import { readDataCsv } from "../../platform/data-files.ts";
import type { Tx } from "../../platform/db/client.ts";
import { policyDomainMappings, policyDomains } from "../../platform/db/schema.ts";

type Domain = typeof policyDomains.$inferInsert;

const bbcSource = "BBC 2020 beleidsvelden (MB BBC 26 juni 2018, bijlage), via gehuybre/embuild-analyses";
const iv3Source = "Iv3 taakvelden (Regeling BBV / Iv3-informatievoorschrift)";

/** The policy domain trees: BBC beleidsdomein → subdomein → beleidsveld, Iv3 hoofdtaakveld → taakveld → subtaakveld. */
export function readPolicyDomains(): { domains: Domain[]; mappings: { bbcId: string; iv3Id: string }[] } {
  const domains = new Map<string, Domain>();
  const add = (domain: Domain) => {
    if (!domains.has(domain.id)) domains.set(domain.id, domain);
  };
  for (const { values: v } of readDataCsv("bbc2020_beleidsvelden.csv")) {
    const domainId = `bbc:${v.domain_code}`;
    const subdomainId = `bbc:${v.subdomain_code}`;
    add({
      id: domainId,
      scheme: "bbc",
      code: v.domain_code ?? "",
      name: v.domain_name ?? "",
      parentId: null,
      level: 1,
      source: bbcSource,
    });
    add({
      id: subdomainId,
      scheme: "bbc",
      code: v.subdomain_code ?? "",
      name: v.subdomain_name ?? "",
      parentId: domainId,
      level: 2,
      source: bbcSource,
    });
    add({
      id: `bbc:${v.code}`,
      scheme: "bbc",
      code: v.code ?? "",
      name: v.name ?? "",
      parentId: subdomainId,
      level: 3,
      source: bbcSource,
    });
  }
  const levels: Record<string, number> = { hoofdtaakveld: 1, taakveld: 2, subtaakveld: 3 };
  for (const { values: v } of readDataCsv("iv3_taakvelden.csv")) {
    // The legacy aggregate taakvelden were split; only the current list is offered.
    if (!v.state?.startsWith("current")) continue;
    add({
      id: `iv3:${v.code}`,
      scheme: "iv3",
      code: v.code ?? "",
      name: v.name ?? "",
      parentId: v.parent_code ? `iv3:${v.parent_code}` : null,
      level: levels[v.level ?? ""] ?? 2,
      source: iv3Source,
    });
  }
  const mappings = readDataCsv("policy_domain_mapping.csv").map(({ values: v }) => ({
    bbcId: `bbc:${v.bbc_domain}`,
    iv3Id: `iv3:${v.iv3_hoofdtaakveld}`,
  }));
  return { domains: [...domains.values()].sort((a, b) => a.level - b.level), mappings };
}

/** Loads (or refreshes) the policy domains and the mapping between the Flemish and Dutch lists. */
export async function importPolicyDomains(tx: Tx): Promise<{ domains: number; mappings: number }> {
  const { domains, mappings } = readPolicyDomains();
  for (let i = 0; i < domains.length; i += 500) {
    await tx
      .insert(policyDomains)
      .values(domains.slice(i, i + 500))
      .onConflictDoUpdate({
        target: policyDomains.id,
        set: {
          name: sql`excluded.name`,
          parentId: sql`excluded.parent_id`,
          level: sql`excluded.level`,
          source: sql`excluded.source`,
        },
      });
  }
  await tx.insert(policyDomainMappings).values(mappings).onConflictDoNothing();
  return { domains: domains.length, mappings: mappings.length };
}
