import { and, eq, inArray, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import {
  collaborationDomains,
  collaborations,
  memberships,
  organisations,
  policyDomains,
} from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import { collaborationPolicy, membershipPolicy } from "./policy.ts";

/** A policy domain and everything below it (BBC beleidsdomein → subdomein → beleidsveld), as a subquery of ids. */
export const domainAndBelow = (domainId: string): SQL =>
  sql`(WITH RECURSIVE d(id) AS (SELECT ${domainId}::text UNION SELECT ${policyDomains.id} FROM ${policyDomains} JOIN d ON ${policyDomains.parentId} = d.id) SELECT id FROM d)`;

/** Today in UTC as an ISO date: the default reading date of the register. */
export const today = () => new Date().toISOString().slice(0, 10);

/** A membership that holds on the given date (open-ended dates hold always). */
export const membershipHoldsOn = (date: string): SQL =>
  and(
    or(isNull(memberships.validFrom), lte(memberships.validFrom, date)),
    or(isNull(memberships.validTo), sql`${memberships.validTo} >= ${date}`),
  ) as SQL;

/**
 * How many members a collaboration has on a date, as a column expression. Written with explicit table names:
 * in the select list of a one-table query the query builder leaves columns unqualified, and `id` would bind to
 * the subquery's own table.
 */
export const memberCountOn = (date: string) =>
  sql<number>`(SELECT count(*)::int FROM memberships m WHERE m.collaboration_id = "collaborations"."id" AND (m.valid_from IS NULL OR m.valid_from <= ${date}) AND (m.valid_to IS NULL OR m.valid_to >= ${date}))`;

/** A collaboration's policy domains as a JSON column, in the same way (explicit table names). */
const domainsColumn = sql<{ id: string; name: string }[]>`coalesce((
  SELECT json_agg(json_build_object('id', pd.id, 'name', pd.name) ORDER BY pd.id)
    FROM collaboration_domains cd JOIN policy_domains pd ON pd.id = cd.domain_id
   WHERE cd.collaboration_id = "collaborations"."id"), '[]')`;

export const summaryColumns = (date: string) => ({
  id: collaborations.id,
  key: collaborations.key,
  name: collaborations.name,
  form: collaborations.form,
  nature: collaborations.nature,
  country: collaborations.country,
  status: collaborations.status,
  kboNumber: collaborations.kboNumber,
  cbsCode: collaborations.cbsCode,
  seat: collaborations.seat,
  startedOn: collaborations.startedOn,
  endedOn: collaborations.endedOn,
  source: collaborations.source,
  sourceDate: collaborations.sourceDate,
  memberCount: memberCountOn(date),
  domains: domainsColumn,
});

/** The policy domains of each of the given collaborations. */
export async function domainsOf(db: Queryable, ids: string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const result = new Map<string, { id: string; name: string }[]>();
  if (!ids.length) return result;
  const rows = await db
    .select({ collaborationId: collaborationDomains.collaborationId, id: policyDomains.id, name: policyDomains.name })
    .from(collaborationDomains)
    .innerJoin(policyDomains, eq(policyDomains.id, collaborationDomains.domainId))
    .where(inArray(collaborationDomains.collaborationId, ids))
    .orderBy(policyDomains.id);
  for (const row of rows) {
    const list = result.get(row.collaborationId) ?? [];
    list.push({ id: row.id, name: row.name });
    result.set(row.collaborationId, list);
  }
  return result;
}

/** The collaboration an action concerns, after its policy allowed it; 404 when there is none. */
export async function collaborationFor(
  db: Queryable,
  actor: Actor,
  id: string,
  action: "read" | "update" | "manageMembers",
) {
  const [row] = await db.select().from(collaborations).where(eq(collaborations.id, id));
  if (!row) throw notFound("collaboration");
  authorize(collaborationPolicy, actor, action, row);
  return row;
}

/** The members of a collaboration with their organisations, and what the actor may do with each. */
export async function membersOf(
  db: Queryable,
  actor: Actor,
  collaboration: { id: string; coordinatorId: string | null },
) {
  const rows = await db
    .select({
      membership: memberships,
      organisation: {
        id: organisations.id,
        name: organisations.name,
        kind: organisations.kind,
        code: sql<
          string | null
        >`coalesce(${organisations.nisCode}, ${organisations.cbsCode}, ${organisations.kboNumber})`,
      },
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.collaborationId, collaboration.id))
    .orderBy(organisations.name, memberships.validFrom);
  return rows.map(({ membership, organisation }) =>
    presentMembership(actor, membership, collaboration.coordinatorId, organisation),
  );
}

export function presentMembership<O>(
  actor: Actor,
  m: typeof memberships.$inferSelect,
  coordinatorId: string | null,
  organisation: O,
) {
  const confirmed = m.confirmedAt !== null;
  return {
    id: m.id,
    organisation,
    role: m.role,
    shareBasisPoints: m.shareBasisPoints,
    validFrom: m.validFrom,
    validTo: m.validTo,
    confirmed,
    awaitingConfirmation: !confirmed && m.enteredByOrganisationId !== null,
    carriedOver: m.carriedOverFromId !== null,
    source: m.source,
    sourceDate: m.sourceDate,
    version: m.version,
    abilities: abilitiesOf(membershipPolicy, actor, {
      organisationId: m.organisationId,
      coordinatorId,
      enteredByOrganisationId: m.enteredByOrganisationId,
      confirmed,
    }),
  };
}
