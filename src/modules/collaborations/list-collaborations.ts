import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../../platform/db/client.ts";
import { collaborationDomains, collaborations, memberships, organisations } from "../../platform/db/schema.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.ts";
import { domainAndBelow, memberCountOn, membershipHoldsOn, summaryColumns, today } from "./queries.ts";
import type { ListCollaborationsQuery } from "./schemas.ts";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const lowerName = sql`lower(${collaborations.name})`;

/** The query behind the collaboration list: filters, the sort keys read back for the cursor, one row past the page. */
export function collaborationListQuery(db: Queryable, query: ListCollaborationsQuery) {
  const date = query.asOf ?? today();
  const conditions: (SQL | undefined)[] = [];
  if (query.form?.length) conditions.push(inArray(collaborations.form, query.form));
  if (query.nature) conditions.push(eq(collaborations.nature, query.nature));
  if (query.country) conditions.push(eq(collaborations.country, query.country));
  if (query.status) conditions.push(eq(collaborations.status, query.status));
  if (query.asOf) {
    conditions.push(sql`(${collaborations.startedOn} IS NULL OR ${collaborations.startedOn} <= ${date})`);
    conditions.push(sql`(${collaborations.endedOn} IS NULL OR ${collaborations.endedOn} >= ${date})`);
  }
  if (query.domain) {
    const tree = domainAndBelow(query.domain);
    conditions.push(
      inArray(
        collaborations.id,
        db
          .select({ id: collaborationDomains.collaborationId })
          .from(collaborationDomains)
          .where(sql`${collaborationDomains.domainId} IN ${tree}`),
      ),
    );
  }
  if (query.member) {
    conditions.push(
      inArray(
        collaborations.id,
        db
          .select({ id: memberships.collaborationId })
          .from(memberships)
          .where(and(eq(memberships.organisationId, query.member), membershipHoldsOn(date))),
      ),
    );
  }
  if (query.province) {
    conditions.push(
      inArray(
        collaborations.id,
        db
          .select({ id: memberships.collaborationId })
          .from(memberships)
          .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
          .where(and(eq(organisations.provinceId, query.province), membershipHoldsOn(date))),
      ),
    );
  }
  let rank: SQL | null = null;
  if (query.q) {
    const needle = query.q.toLowerCase();
    const like = `%${escapeLike(needle)}%`;
    const code = query.q.toUpperCase().replace(/[\s.]/g, "");
    const codeMatch = sql`(${collaborations.kboNumber} = ${code.padStart(10, "0")} OR ${collaborations.cbsCode} = ${code})`;
    conditions.push(sql`(${lowerName} LIKE ${like} OR ${needle} <% ${lowerName} OR ${codeMatch})`);
    rank = sql`(CASE WHEN ${lowerName} = ${needle} OR ${codeMatch} THEN 0 WHEN ${lowerName} LIKE ${`${escapeLike(needle)}%`} THEN 1 WHEN ${lowerName} LIKE ${like} THEN 2 ELSE 3 END)`;
  }
  const sort = query.sort === "relevance" && !rank ? "name" : (query.sort ?? (rank ? "relevance" : "name"));
  const keys: SQL[] =
    sort === "relevance" && rank
      ? [
          rank,
          sql`(-round(word_similarity(${query.q?.toLowerCase() ?? ""}, ${lowerName}) * 1000)::int)`,
          lowerName,
          sql`${collaborations.id}`,
        ]
      : sort === "-members"
        ? [sql`(${memberCountOn(date)})`, sql`${collaborations.id}`]
        : [lowerName, sql`${collaborations.id}`];
  const descending = sort.startsWith("-");
  if (query.cursor) {
    const values = decodeCursor(query.cursor, keys.length);
    const params = sql.join(
      values.map((v, i) => (i === keys.length - 1 ? sql`${v}::uuid` : sql`${v}`)),
      sql`, `,
    );
    const tuple = sql.join(keys, sql`, `);
    conditions.push(descending ? sql`(${tuple}) < (${params})` : sql`(${tuple}) > (${params})`);
  }
  return db
    .select({
      ...summaryColumns(date),
      sortKeys: sql<(string | number)[]>`json_build_array(${sql.join(keys, sql`, `)})`,
    })
    .from(collaborations)
    .where(and(...conditions))
    .orderBy(...keys.map((k) => (descending ? sql`${k} DESC` : sql`${k} ASC`)))
    .limit(query.limit + 1);
}

/** Lists collaborations with filters (form, domain, member, province, date), a sort order and keyset pagination. */
export async function listCollaborations(db: Queryable, query: ListCollaborationsQuery) {
  const rows = await collaborationListQuery(db, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const items = page.map(({ sortKeys: _keys, ...row }) => row);
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.sortKeys) : null };
}
