import { and, asc, eq, gte, inArray, isNull, or } from "drizzle-orm";
import type { Tx } from "../../platform/db/client.ts";
import {
  coCreationInterests,
  collaborations,
  membershipContributions,
  memberships,
  organisations,
  publicPages,
  representatives,
} from "../../platform/db/schema.ts";
import type { CoCreationTheme } from "../../platform/vocabulary.ts";

const hasseltKey = "be-municipality-71072";

/** Who wants to co-create on what, in the demo: Limburg's Smart City partners and Drenthe's shared services. */
const themes: Record<string, CoCreationTheme[]> = {
  [hasseltKey]: ["smartCity", "dataAndAi"],
  "be-municipality-71011": ["smartCity", "climate"], // Diepenbeek
  "be-municipality-71016": ["smartCity", "digitalServices"], // Genk
  "be-municipality-71053": ["smartCity"], // Sint-Truiden
  "be-province-70000": ["smartCity", "digitalServices", "procurement"],
  "nl-municipality-GM0114": ["digitalServices", "socialDomain"], // Emmen
  "nl-municipality-GM0109": ["digitalServices"], // Coevorden
};

/**
 * Hasselt as the council member sees it in the demo: who represents the city in three of its intermunicipal
 * associations (made-up people), what it pays into two of them (made-up amounts, marked as demo in their source),
 * and a public page that shows its collaborations, payments and deadlines but not its representatives. Other
 * organisations' co-creation themes, so matchmaking has someone to find.
 */
export async function loadDemoCouncil(tx: Tx) {
  const orgs = await tx
    .select({ id: organisations.id, key: organisations.key, population: organisations.population })
    .from(organisations)
    .where(inArray(organisations.key, Object.keys(themes)));
  const hasselt = orgs.find((o) => o.key === hasseltKey);
  if (!hasselt) return 0;
  const [existing] = await tx
    .select({ id: representatives.id })
    .from(representatives)
    .where(eq(representatives.organisationId, hasselt.id))
    .limit(1);
  if (existing) return 0;
  for (const o of orgs) {
    for (const theme of themes[o.key] ?? []) {
      await tx.insert(coCreationInterests).values({ organisationId: o.id, theme }).onConflictDoNothing();
    }
  }
  const today = new Date().toISOString().slice(0, 10);
  const associations = await tx
    .select({ id: collaborations.id, name: collaborations.name })
    .from(memberships)
    .innerJoin(collaborations, eq(collaborations.id, memberships.collaborationId))
    .where(
      and(
        eq(memberships.organisationId, hasselt.id),
        eq(collaborations.status, "active"),
        inArray(collaborations.form, ["dienstverlenende_vereniging", "opdrachthoudende_vereniging"]),
        or(isNull(memberships.validTo), gte(memberships.validTo, today)),
      ),
    )
    .orderBy(asc(collaborations.name))
    .limit(3);
  const people = [
    { name: "Lien Vanhoof", office: "schepen van financiën", body: "generalMeeting" as const },
    { name: "Koen Claes", office: "gemeenteraadslid", body: "board" as const },
    { name: "Sara Jacobs", office: "gemeenteraadslid", body: "generalMeeting" as const },
  ];
  for (const [i, association] of associations.entries()) {
    const person = people[i];
    if (!person) continue;
    await tx.insert(representatives).values({
      organisationId: hasselt.id,
      collaborationId: association.id,
      body: person.body,
      name: person.name,
      office: person.office,
      since: "2025-01-01",
    });
  }
  const inhabitants = hasselt.population ?? 80_000;
  for (const [i, association] of associations.slice(0, 2).entries()) {
    for (const year of [2025, 2026]) {
      await tx.insert(membershipContributions).values({
        organisationId: hasselt.id,
        collaborationId: association.id,
        year,
        // A made-up yearly contribution of 4 or 7 euro per inhabitant, a little more each year.
        amountCents: Math.round(inhabitants * (i === 0 ? 400 : 700) * (year === 2026 ? 1.02 : 1)),
        source: `Demobedrag: meerjarenplan ${year === 2025 ? "2020–2025" : "2026–2031"} van Hasselt (verzonnen)`,
      });
    }
  }
  await tx
    .insert(publicPages)
    .values({ organisationId: hasselt.id, published: true, sections: ["collaborations", "payments", "deadlines"] })
    .onConflictDoNothing();
  return associations.length;
}
