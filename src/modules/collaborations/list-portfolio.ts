import { and, eq } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { collaborations, memberships, policyDomainMappings, policyDomains } from "../../platform/db/schema.ts";
import { organisationFor } from "../organisations/queries.ts";
import { membershipHoldsOn, presentMembership, summaryColumns, today } from "./queries.ts";

/** The query behind a portfolio: the organisation's memberships on a date with their collaborations. */
export function portfolioQuery(db: Queryable, organisationId: string, asOf: string) {
  return db
    .select({
      membership: memberships,
      collaboration: summaryColumns(asOf),
      coordinatorId: collaborations.coordinatorId,
    })
    .from(memberships)
    .innerJoin(collaborations, eq(collaborations.id, memberships.collaborationId))
    .where(and(eq(memberships.organisationId, organisationId), membershipHoldsOn(asOf)))
    .orderBy(collaborations.name);
}

/**
 * An organisation's whole portfolio on a date: every collaboration it takes part in, with its role and dates.
 * The web app groups it by form and shows outsourcing apart.
 */
export async function listPortfolio(db: Queryable, actor: Actor, organisationId: string, asOf = today()) {
  await organisationFor(db, actor, organisationId, "read");
  const rows = await portfolioQuery(db, organisationId, asOf);
  return rows.map((row) => {
    const { organisation: _self, ...membership } = presentMembership(actor, row.membership, row.coordinatorId, null);
    return { membership, collaboration: row.collaboration };
  });
}

/** The policy domains of one scheme (or both), each with its equivalents in the other scheme. */
export async function listPolicyDomains(db: Queryable, scheme?: "bbc" | "iv3") {
  const rows = await db
    .select()
    .from(policyDomains)
    .where(scheme ? eq(policyDomains.scheme, scheme) : undefined)
    .orderBy(policyDomains.scheme, policyDomains.code);
  // The mapping has a dozen rows: read it whole.
  const mappings = await db.select().from(policyDomainMappings);
  return rows.map((r) => ({
    id: r.id,
    scheme: r.scheme,
    code: r.code,
    name: r.name,
    parentId: r.parentId,
    level: r.level,
    equivalents: mappings
      .filter((m) => m.bbcId === r.id || m.iv3Id === r.id)
      .map((m) => (m.bbcId === r.id ? m.iv3Id : m.bbcId)),
  }));
}
