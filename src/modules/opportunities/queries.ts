import { asc, eq, sql } from "drizzle-orm";
import { type Queryable, rowsOf } from "../../platform/db/client.ts";
import { neighbours, organisations } from "../../platform/db/schema.ts";
import type { CollaborationForm, CollaborationNature, Country } from "../../platform/vocabulary.ts";

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

const uuidList = (ids: readonly string[]) =>
  sql.join(
    [...ids, "00000000-0000-0000-0000-000000000000"].map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** The organisation's place in the register: country, province, population and the providers it is a client of. */
export async function placeOf(db: Queryable, organisationId: string) {
  const [row] = await rowsOf<{
    country: Country;
    province_id: string | null;
    population: number | null;
    kind: string;
    providers: string[] | null;
  }>(
    db,
    sql`SELECT o.country, o.province_id, o.population, o.kind,
          (SELECT array_agg(p.provider_id) FROM partner_relations p WHERE p.client_id = o.id) AS providers
        FROM organisations o WHERE o.id = ${organisationId}`,
  );
  return {
    country: (row?.country ?? "BE") as Country,
    provinceId: row?.province_id ?? null,
    population: row?.population === null || row?.population === undefined ? null : Number(row.population),
    kind: row?.kind ?? "municipality",
    providers: row?.providers ?? [],
  };
}

/**
 * Shared-services frameworks it could join: in consultation, signed or running, hosted nearby (by a neighbour, in
 * its province, or by a provider it is a client of), and it neither hosts nor is a client of them.
 */
export const openFrameworks = (
  db: Queryable,
  organisationId: string,
  nearby: readonly string[],
  provinceId: string | null,
) =>
  rowsOf<{ id: string; name: string; host_id: string; host_name: string; status: string; clients: number }>(
    db,
    sql`SELECT f.id, f.name, f.host_id, h.name AS host_name, f.status,
          (SELECT count(*)::int FROM framework_clients fc WHERE fc.framework_id = f.id) AS clients
        FROM frameworks f JOIN organisations h ON h.id = f.host_id
        WHERE f.status IN ('consultation', 'signed', 'active') AND f.host_id <> ${organisationId}
          AND (f.host_id IN (${uuidList(nearby)}) OR h.province_id = ${provinceId})
          AND NOT EXISTS (SELECT 1 FROM framework_clients fc WHERE fc.framework_id = f.id AND fc.organisation_id = ${organisationId})
        ORDER BY f.name LIMIT 20`,
  );

/** Published catalogue offers (entries naming a service) of the providers it is a client of, newest first. */
export const catalogueOffers = (db: Queryable, organisationId: string, providers: readonly string[]) =>
  rowsOf<{ id: string; question: string; service: string; provider_id: string; provider_name: string }>(
    db,
    sql`SELECT e.id, e.question, e.service, e.provider_id, p.name AS provider_name
        FROM catalogue_entries e JOIN organisations p ON p.id = e.provider_id
        WHERE e.status = 'published' AND e.service IS NOT NULL AND e.provider_id IN (${uuidList(providers)})
          AND NOT EXISTS (SELECT 1 FROM projects pr JOIN project_participants pp ON pp.project_id = pr.id
                          WHERE pr.catalogue_entry_id = e.id AND pp.organisation_id = ${organisationId})
        ORDER BY e.published_at DESC NULLS LAST, e.question LIMIT 10`,
  );

/** Planned or running projects of its providers and neighbours that it does not take part in. */
export const openProjects = (db: Queryable, organisationId: string, nearby: readonly string[]) =>
  rowsOf<{
    id: string;
    title: string;
    provider_id: string;
    provider_name: string;
    status: string;
    participants: number;
  }>(
    db,
    sql`SELECT pr.id, pr.title, pr.provider_id, p.name AS provider_name, pr.status,
          (SELECT count(*)::int FROM project_participants pp WHERE pp.project_id = pr.id) AS participants
        FROM projects pr JOIN organisations p ON p.id = pr.provider_id
        WHERE pr.status IN ('planned', 'running') AND pr.provider_id IN (${uuidList(nearby)})
          AND pr.provider_id <> ${organisationId}
          AND NOT EXISTS (SELECT 1 FROM project_participants pp WHERE pp.project_id = pr.id AND pp.organisation_id = ${organisationId})
        ORDER BY pr.starts_on DESC, pr.title LIMIT 10`,
  );

/**
 * Joint purchases still preparing or collecting demand, led nearby, that it does not take part in, with the average
 * yearly spend its participants declared (the basis of the estimate) and the lots' best expected discount.
 */
export const openPurchases = (
  db: Queryable,
  organisationId: string,
  nearby: readonly string[],
  provinceId: string | null,
) =>
  rowsOf<{
    id: string;
    title: string;
    lead_buyer_id: string;
    lead_buyer_name: string;
    status: string;
    demand_closes_on: string;
    participants: number;
    average_spend_cents: string | number | null;
  }>(
    db,
    sql`SELECT b.id, b.title, b.lead_buyer_id, l.name AS lead_buyer_name, b.status, b.demand_closes_on::text,
          (SELECT count(*)::int FROM purchase_participants pp WHERE pp.bundle_id = b.id) AS participants,
          (SELECT avg(s.spend) FROM (
             SELECT d.organisation_id, sum(CASE WHEN d.unit_price_cents IS NOT NULL AND d.quantity_milli IS NOT NULL
                THEN d.quantity_milli::numeric * d.unit_price_cents / 1000 ELSE d.yearly_spend_cents::numeric END) AS spend
             FROM purchase_declarations d WHERE d.bundle_id = b.id GROUP BY d.organisation_id) s) AS average_spend_cents
        FROM purchase_bundles b JOIN organisations l ON l.id = b.lead_buyer_id
        WHERE b.status IN ('preparing', 'collecting') AND b.lead_buyer_id <> ${organisationId}
          AND (b.lead_buyer_id IN (${uuidList(nearby)}) OR l.province_id = ${provinceId} OR l.id = ${provinceId})
          AND NOT EXISTS (SELECT 1 FROM purchase_participants pp WHERE pp.bundle_id = b.id AND pp.organisation_id = ${organisationId})
        ORDER BY b.demand_closes_on, b.title LIMIT 10`,
  );

/**
 * The newest readiness scan the organisation did with each of the given partners, with how many parties submitted
 * and their scores, so the ladder step can be worked out where two or more did.
 */
export const scansWith = (db: Queryable, organisationId: string, partners: readonly string[]) =>
  rowsOf<{ partner_id: string; id: string; title: string; status: string; wave: string | null }>(
    db,
    sql`SELECT DISTINCT ON (other.organisation_id) other.organisation_id AS partner_id, s.id, s.title, s.status, s.wave
        FROM surveys s
        JOIN survey_invitations own ON own.survey_id = s.id AND own.organisation_id = ${organisationId}
        JOIN survey_invitations other ON other.survey_id = s.id AND other.organisation_id IN (${uuidList(partners)})
        WHERE s.kind = 'scan'
        ORDER BY other.organisation_id, s.created_at DESC`,
  );
