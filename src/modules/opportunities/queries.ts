import { asc, eq, sql } from "drizzle-orm";
import { type Queryable, rowsOf } from "../../platform/db/client.ts";
import { neighbours, organisations } from "../../platform/db/schema.ts";
import type { CollaborationForm, CollaborationNature } from "../../platform/vocabulary.ts";

/** The municipalities that share a border with an organisation. */
export const neighbourList = (db: Queryable, organisationId: string) =>
  db
    .select({ id: organisations.id, name: organisations.name })
    .from(neighbours)
    .innerJoin(organisations, eq(organisations.id, neighbours.neighbourId))
    .where(eq(neighbours.organisationId, organisationId))
    .orderBy(asc(organisations.name));

/** How many arrangements an organisation takes part in on a day, by nature. */
export async function portfolioByNature(db: Queryable, organisationId: string, asOf: string) {
  const rows = await rowsOf<{ nature: CollaborationNature; n: number }>(
    db,
    sql`SELECT c.nature, count(*)::int AS n FROM memberships m JOIN collaborations c ON c.id = m.collaboration_id
        WHERE m.organisation_id = ${organisationId} AND c.status = 'active'
          AND (m.valid_from IS NULL OR m.valid_from <= ${asOf}) AND (m.valid_to IS NULL OR m.valid_to >= ${asOf})
        GROUP BY c.nature`,
  );
  const of = (nature: CollaborationNature) => Number(rows.find((r) => r.nature === nature)?.n ?? 0);
  return { collaboration: of("collaboration"), outsourcing: of("outsourcing") };
}

/**
 * Active collaborations that at least one of an organisation's neighbours takes part in on a day and the
 * organisation itself does not, with those neighbours and the number of members; the most neighbours first.
 */
export async function collaborationsOfNeighbours(db: Queryable, organisationId: string, asOf: string) {
  const holds = (alias: "a" | "m" | "own") => {
    const table = sql.raw(alias);
    return sql`(${table}.valid_from IS NULL OR ${table}.valid_from <= ${asOf}) AND (${table}.valid_to IS NULL OR ${table}.valid_to >= ${asOf})`;
  };
  return rowsOf<{
    id: string;
    name: string;
    nature: CollaborationNature;
    form: CollaborationForm;
    neighbour_members: { id: string; name: string }[];
    members: number;
  }>(
    db,
    sql`SELECT c.id, c.name, c.nature, c.form,
          json_agg(DISTINCT jsonb_build_object('id', o.id, 'name', o.name)) AS neighbour_members,
          (SELECT count(*)::int FROM memberships a WHERE a.collaboration_id = c.id AND ${holds("a")}) AS members
        FROM neighbours n
        JOIN memberships m ON m.organisation_id = n.neighbour_id AND ${holds("m")}
        JOIN collaborations c ON c.id = m.collaboration_id AND c.status = 'active'
        JOIN organisations o ON o.id = n.neighbour_id
        WHERE n.organisation_id = ${organisationId}
          AND NOT EXISTS (SELECT 1 FROM memberships own WHERE own.collaboration_id = c.id
                            AND own.organisation_id = ${organisationId} AND ${holds("own")})
        GROUP BY c.id, c.name, c.nature, c.form
        ORDER BY count(DISTINCT o.id) DESC, c.name`,
  );
}
