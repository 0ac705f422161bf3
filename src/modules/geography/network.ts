import { and, eq, inArray, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "../../platform/db/client.ts";
import {
  collaborationDomains,
  collaborations,
  memberships,
  organisations,
  policyDomains,
} from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { wholeNumber } from "../../platform/http/schemas.ts";

export const networkQuery = z
  .object({
    province: z.uuid().optional().describe("Organisations in this province and the collaborations they share"),
    collaboration: z.uuid().optional().describe("One collaboration and its members"),
    domain: z.string().max(40).optional().describe("Collaborations on this policy domain (or below it)"),
    country: z.enum(["BE", "NL"]).optional(),
    limit: wholeNumber(10, 600).default(400).describe("Most nodes to return"),
  })
  .strict()
  .refine((q) => q.province || q.collaboration || q.domain, {
    message: "field.chooseSplit",
    path: ["province"],
  });

/**
 * The graph of who works with whom for a selection: organisations and collaborations as nodes, today's
 * memberships as edges. Collaborations with a single member in the selection are left out (they connect nobody).
 */
export async function network(db: Queryable, query: z.infer<typeof networkQuery>) {
  const today = new Date().toISOString().slice(0, 10);
  const conditions: (SQL | undefined)[] = [
    or(isNull(memberships.validFrom), lte(memberships.validFrom, today)),
    or(isNull(memberships.validTo), sql`${memberships.validTo} >= ${today}`),
    eq(collaborations.status, "active"),
  ];
  if (query.province) conditions.push(eq(organisations.provinceId, query.province));
  if (query.collaboration) conditions.push(eq(collaborations.id, query.collaboration));
  if (query.country) conditions.push(eq(collaborations.country, query.country));
  if (query.domain) {
    const tree = sql`(WITH RECURSIVE d(id) AS (SELECT ${query.domain}::text UNION SELECT ${policyDomains.id} FROM ${policyDomains} JOIN d ON ${policyDomains.parentId} = d.id) SELECT id FROM d)`;
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
  const rows = await db
    .select({
      organisationId: organisations.id,
      organisationName: organisations.name,
      kind: organisations.kind,
      collaborationId: collaborations.id,
      collaborationName: collaborations.name,
      form: collaborations.form,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(collaborations, eq(collaborations.id, memberships.collaborationId))
    .where(and(...conditions));
  const membersOf = new Map<string, number>();
  for (const r of rows) membersOf.set(r.collaborationId, (membersOf.get(r.collaborationId) ?? 0) + 1);
  const kept = rows.filter((r) => query.collaboration || (membersOf.get(r.collaborationId) ?? 0) > 1);
  const nodes = new Map<
    string,
    { id: string; type: "organisation" | "collaboration"; name: string; group: string; degree: number }
  >();
  for (const r of kept) {
    const o = nodes.get(r.organisationId) ?? {
      id: r.organisationId,
      type: "organisation" as const,
      name: r.organisationName,
      group: r.kind,
      degree: 0,
    };
    o.degree++;
    nodes.set(r.organisationId, o);
    const c = nodes.get(r.collaborationId) ?? {
      id: r.collaborationId,
      type: "collaboration" as const,
      name: r.collaborationName,
      group: r.form,
      degree: 0,
    };
    c.degree++;
    nodes.set(r.collaborationId, c);
  }
  if (nodes.size > query.limit) {
    throw new AppError(
      "validation_failed",
      "problem.networkTooLarge",
      [{ field: "limit", message: "field.selectionNodes", params: { count: nodes.size } }],
      { count: nodes.size },
    );
  }
  return {
    nodes: [...nodes.values()],
    edges: kept.map((r) => ({ source: r.organisationId, target: r.collaborationId, role: r.role })),
  };
}
