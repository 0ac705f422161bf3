import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { organisations } from "../../platform/db/schema.ts";
import { stale } from "../../platform/db/versioned.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { organisationPolicy } from "./policy.ts";
import type { UpdateOrganisationBody } from "./schemas.ts";

/**
 * Changes an organisation's record if the caller has seen its current version.
 * Returns the new version; a stale version changes nothing and fails with 412.
 */
export async function updateOrganisation(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: UpdateOrganisationBody,
): Promise<number> {
  const [current] = await tx.select().from(organisations).where(eq(organisations.id, id)).for("update");
  if (!current) throw notFound("organisation");
  authorize(organisationPolicy, ctx.actor, "update", current);
  if (current.version !== expectedVersion) {
    throw stale("changed", expectedVersion, current.version);
  }
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) {
    const old = current[field as keyof typeof current];
    if (JSON.stringify(old) !== JSON.stringify(value)) {
      before[field] = old;
      after[field] = value;
    }
  }
  const [updated] = await tx
    .update(organisations)
    .set({
      ...changes,
      // A figure typed in Samen says so, instead of keeping the source of the official one it replaced.
      ...("population" in after ? { populationSource: changes.population === null ? null : "Ingevoerd in Samen" } : {}),
      version: sql`${organisations.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(organisations.id, id), eq(organisations.version, expectedVersion)))
    .returning({ version: organisations.version });
  if (!updated) throw new AppError("precondition_failed", "problem.changed.organisation");
  await recordAudit(tx, ctx, {
    entityType: "organisation",
    entityId: id,
    ownerOrganisationId: id,
    action: "update",
    before,
    after,
  });
  return updated.version;
}
