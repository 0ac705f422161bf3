import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../../platform/db/client.ts";
import {
  collaborationDomains,
  collaborations,
  memberships,
  organisations,
  policyDomains,
} from "../../platform/db/schema.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.ts";
import { lowerName, presentSummary, province, summaryColumns } from "./queries.ts";
import type { ListOrganisationsQuery } from "./schemas.ts";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * How well an organisation matches a search: 0 exact name or code, 1 prefix, 2 contained, 3 like it (word
 * similarity ≥ 0.6), each time the closest first. Its other names count as its name, folded: "Liege" and "Anvers",
 * and "Kortessem" for the Hasselt it merged into. With `typos`, the
 * names most like it instead (trigram similarity ≥ 0.45: "Hasslt", "Genck"), asked only when nothing else matched.
 */
function relevanceOf(q: string, typos: boolean): { filter: SQL; rank: SQL; closeness: SQL } {
  const needle = q.toLowerCase();
  const like = `%${escapeLike(needle)}%`;
  const prefix = `${escapeLike(needle)}%`;
  const code = q.toUpperCase().replace(/[\s.]/g, "");
  const codeMatch = sql`(${organisations.nisCode} = ${code} OR ${organisations.cbsCode} = ${code} OR ${organisations.cbsCode} = ${`GM${code}`} OR ${organisations.kboNumber} = ${code.padStart(10, "0")})`;
  const folded = sql`samen_fold(${needle})`;
  if (typos) {
    return {
      // The index finds names from a similarity of 0.3; only those from 0.45 are a misspelling of what was typed.
      filter: sql`${organisations.id} IN (SELECT organisation_id FROM organisation_names WHERE name % ${folded} AND similarity(name, ${folded}) >= 0.45)`,
      closeness: sql`(-round((SELECT max(similarity(name, ${folded})) FROM organisation_names WHERE organisation_id = ${organisations.id}) * 1000)::int)`,
      rank: sql<number>`4`,
    };
  }
  const foldedLike = sql`'%' || samen_fold(${escapeLike(needle)}) || '%'`;
  // Every name (its own too) is in organisation_names, whose trigram index answers both tests; codes by their indexes.
  const matches = sql`${organisations.id} IN (SELECT organisation_id FROM organisation_names WHERE name LIKE ${foldedLike} OR ${folded} <% name UNION ALL SELECT id FROM organisations WHERE ${codeMatch})`;
  const otherRank = sql`(SELECT min(CASE WHEN name = ${folded} THEN 0 WHEN name LIKE samen_fold(${prefix}) THEN 1 ELSE 2 END) FROM organisation_names WHERE organisation_id = ${organisations.id} AND name LIKE ${foldedLike})`;
  return {
    filter: matches,
    // Among typo-tolerant matches, the closest first; in thousandths, so the cursor holds whole numbers.
    closeness: sql`(-round(word_similarity(${needle}, ${lowerName}) * 1000)::int)`,
    rank: sql<number>`least(CASE WHEN ${lowerName} = ${needle} OR ${codeMatch} THEN 0 WHEN ${lowerName} LIKE ${prefix} THEN 1 WHEN ${lowerName} LIKE ${like} THEN 2 ELSE 3 END, coalesce(${otherRank}, 3))`,
  };
}

/** The query behind the organisation list: filters, sort keys read back for the cursor, one row past the page. */
export function organisationListQuery(db: Queryable, query: ListOrganisationsQuery, typos = false) {
  const conditions: (SQL | undefined)[] = [];
  if (query.kind?.length) conditions.push(inArray(organisations.kind, query.kind));
  if (query.country) conditions.push(eq(organisations.country, query.country));
  if (query.province) conditions.push(eq(organisations.provinceId, query.province));
  if (query.status) conditions.push(eq(organisations.status, query.status));
  if (query.asOf) {
    conditions.push(sql`(${organisations.validFrom} IS NULL OR ${organisations.validFrom} <= ${query.asOf})`);
    conditions.push(sql`(${organisations.validTo} IS NULL OR ${organisations.validTo} >= ${query.asOf})`);
  }
  if (query.form?.length || query.domain) {
    const date = query.asOf ?? new Date().toISOString().slice(0, 10);
    const domainTree = query.domain
      ? sql`AND ${collaborations.id} IN (SELECT ${collaborationDomains.collaborationId} FROM ${collaborationDomains} WHERE ${collaborationDomains.domainId} IN (WITH RECURSIVE d(id) AS (SELECT ${query.domain}::text UNION SELECT ${policyDomains.id} FROM ${policyDomains} JOIN d ON ${policyDomains.parentId} = d.id) SELECT id FROM d))`
      : sql``;
    const forms = query.form?.length ? sql`AND ${collaborations.form} IN ${query.form}` : sql``;
    conditions.push(
      sql`${organisations.id} IN (SELECT ${memberships.organisationId} FROM ${memberships} JOIN ${collaborations} ON ${collaborations.id} = ${memberships.collaborationId} WHERE (${memberships.validFrom} IS NULL OR ${memberships.validFrom} <= ${date}) AND (${memberships.validTo} IS NULL OR ${memberships.validTo} >= ${date}) ${forms} ${domainTree})`,
    );
  }

  const relevance = query.q ? relevanceOf(query.q, typos) : null;
  if (relevance) conditions.push(relevance.filter);
  const sort = query.sort === "relevance" && !relevance ? "name" : (query.sort ?? (relevance ? "relevance" : "name"));

  // Each sort is a tuple of expressions, all in one direction, ending with the id so the order is total.
  // A search puts the organisations of today before those that merged away.
  const keys: SQL[] =
    sort === "relevance" && relevance
      ? [
          relevance.rank,
          relevance.closeness,
          sql`(CASE WHEN ${organisations.status} = 'active' THEN 0 ELSE 1 END)`,
          lowerName,
          sql`${organisations.id}`,
        ]
      : sort === "population"
        ? [sql`coalesce(${organisations.population}, 2147483647)`, sql`${organisations.id}`]
        : sort === "-population"
          ? [sql`coalesce(${organisations.population}, -1)`, sql`${organisations.id}`]
          : [lowerName, sql`${organisations.id}`];
  const descending = sort.startsWith("-");

  if (query.cursor) {
    const values = decodeCursor(query.cursor, keys.length);
    const tuple = sql.join(keys, sql`, `);
    const params = sql.join(
      values.map((v, i) => (i === keys.length - 1 ? sql`${v}::uuid` : sql`${v}`)),
      sql`, `,
    );
    conditions.push(descending ? sql`(${tuple}) < (${params})` : sql`(${tuple}) > (${params})`);
  }

  const order = keys.map((k) => (descending ? sql`${k} DESC` : sql`${k} ASC`));
  // The sort keys are read back from the database, so the cursor holds exactly what the next query compares.
  return db
    .select({ ...summaryColumns, sortKeys: sql<(string | number)[]>`json_build_array(${sql.join(keys, sql`, `)})` })
    .from(organisations)
    .leftJoin(province, eq(province.id, organisations.provinceId))
    .where(and(...conditions))
    .orderBy(...order)
    .limit(query.limit + 1);
}

/** Lists organisations with filters, a sort order and keyset pagination. */
export async function listOrganisations(db: Queryable, query: ListOrganisationsQuery) {
  let rows = await organisationListQuery(db, query);
  // Nothing by name, code or other name: the names most like what was typed (their ranks follow, so a cursor
  // from this page leads here again).
  if (query.q && rows.length === 0) rows = await organisationListQuery(db, query, true);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor(last.sortKeys) : null;
  return { items: page.map(presentSummary), nextCursor };
}
