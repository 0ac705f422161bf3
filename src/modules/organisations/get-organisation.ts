import { count, eq } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { organisations, partnerRelations } from "../../platform/db/schema.ts";
import { abilitiesOf } from "../../platform/policy.ts";
import { organisationPolicy } from "./policy.ts";
import { organisationFor, presentSummary } from "./queries.ts";

/** One organisation with its relations and what the actor may do with it. */
export async function getOrganisation(db: Queryable, actor: Actor, id: string) {
  const row = await organisationFor(db, actor, id, "read");

  const relatedIds = [row.provinceId, row.parentId, row.mergedIntoId].filter((v): v is string => v !== null);
  const related = new Map<string, string>();
  for (const relatedId of new Set(relatedIds)) {
    const [r] = await db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, relatedId));
    if (r) related.set(relatedId, r.name);
  }
  const ref = (refId: string | null) =>
    refId && related.has(refId) ? { id: refId, name: related.get(refId) ?? "" } : null;

  const [serves] = await db.select({ n: count() }).from(partnerRelations).where(eq(partnerRelations.providerId, id));
  const servedBy = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(partnerRelations)
    .innerJoin(organisations, eq(organisations.id, partnerRelations.providerId))
    .where(eq(partnerRelations.clientId, id))
    .orderBy(organisations.name);

  const predecessors = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      nisCode: organisations.nisCode,
      cbsCode: organisations.cbsCode,
      validTo: organisations.validTo,
    })
    .from(organisations)
    .where(eq(organisations.mergedIntoId, id))
    .orderBy(organisations.name);

  return {
    ...presentSummary({ ...row, provinceName: ref(row.provinceId)?.name ?? null }),
    parent: ref(row.parentId),
    mergedInto: ref(row.mergedIntoId),
    predecessors: predecessors.map((p) => ({ id: p.id, name: p.name, code: p.nisCode ?? p.cbsCode, until: p.validTo })),
    website: row.website,
    wikidata: row.wikidata,
    source: row.source,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    partners: { serves: serves?.n ?? 0, servedBy },
    abilities: abilitiesOf(organisationPolicy, actor, row),
  };
}
