import { eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { organisations, partnerRelations } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import { organisationPolicy } from "./policy.ts";
import { presentSummary } from "./queries.ts";

const province = alias(organisations, "province");
const parent = alias(organisations, "parent");
const mergedInto = alias(organisations, "merged_into");

/**
 * The organisation page in one statement: the organisation, the names it refers to (province, parent, what it
 * merged into), how many it serves as a partner, who serves it, and the municipalities that merged into it.
 */
export const organisationPageQuery = (db: Queryable, id: string) =>
  db
    .select({
      organisation: organisations,
      provinceName: province.name,
      parentName: parent.name,
      mergedIntoName: mergedInto.name,
      serves: sql<number>`(select count(*)::int from ${partnerRelations} where ${partnerRelations.providerId} = ${organisations.id})`,
      servedBy: sql<{ id: string; name: string }[]>`coalesce((
        select json_agg(json_build_object('id', p.id, 'name', p.name) order by p.name)
          from ${partnerRelations} pr join ${organisations} p on p.id = pr.provider_id
         where pr.client_id = ${organisations.id}), '[]')`,
      predecessors: sql<
        { id: string; name: string; nisCode: string | null; cbsCode: string | null; validTo: string | null }[]
      >`coalesce((
        select json_agg(json_build_object('id', x.id, 'name', x.name, 'nisCode', x.nis_code, 'cbsCode', x.cbs_code,
                                          'validTo', x.valid_to) order by x.name)
          from ${organisations} x where x.merged_into_id = ${organisations.id}), '[]')`,
    })
    .from(organisations)
    .leftJoin(province, eq(province.id, organisations.provinceId))
    .leftJoin(parent, eq(parent.id, organisations.parentId))
    .leftJoin(mergedInto, eq(mergedInto.id, organisations.mergedIntoId))
    .where(eq(organisations.id, id));

/** One organisation with its relations and what the actor may do with it. */
export async function getOrganisation(db: Queryable, actor: Actor, id: string) {
  const [page] = await organisationPageQuery(db, id);
  if (!page) throw notFound("organisation");
  const row = page.organisation;
  authorize(organisationPolicy, actor, "read", row, { conceal: "organisation" });
  const ref = (refId: string | null, name: string | null) => (refId && name !== null ? { id: refId, name } : null);
  return {
    ...presentSummary({ ...row, provinceName: page.provinceName }),
    parent: ref(row.parentId, page.parentName),
    mergedInto: ref(row.mergedIntoId, page.mergedIntoName),
    predecessors: page.predecessors.map((p) => ({
      id: p.id,
      name: p.name,
      code: p.nisCode ?? p.cbsCode,
      until: p.validTo,
    })),
    website: row.website,
    postalAddress: row.postalAddress,
    wikidata: row.wikidata,
    source: row.source,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    partners: { serves: page.serves, servedBy: page.servedBy },
    abilities: abilitiesOf(organisationPolicy, actor, row),
  };
}
