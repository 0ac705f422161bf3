import { and, eq, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { memberships, organisations } from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { registerPolicy } from "./policy.ts";

/** The ISO date of the day before `isoDate`. */
export const dayBefore = (isoDate: string) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Ends the open memberships of an organisation that merged, the day before the merger, and continues each in
 * the organisation it merged into from the merger date, unless that one already takes part in the same
 * collaboration in the same role (then nothing is duplicated). Returns how many were carried and merged away.
 */
export async function carryOverMemberships(
  tx: Tx,
  input: { fromId: string; intoId: string; effectiveDate: string; source: string },
): Promise<{ carried: number; alreadyThere: number }> {
  const lastDay = dayBefore(input.effectiveDate);
  const open = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.organisationId, input.fromId), isNull(memberships.validTo)));
  let carried = 0;
  let alreadyThere = 0;
  for (const membership of open) {
    await tx.update(memberships).set({ validTo: lastDay }).where(eq(memberships.id, membership.id));
    const [existing] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.organisationId, input.intoId),
          eq(memberships.collaborationId, membership.collaborationId),
          eq(memberships.role, membership.role),
          isNull(memberships.validTo),
        ),
      );
    if (existing) {
      alreadyThere++;
      continue;
    }
    await tx.insert(memberships).values({
      collaborationId: membership.collaborationId,
      organisationId: input.intoId,
      role: membership.role,
      shareBasisPoints: membership.shareBasisPoints,
      validFrom: input.effectiveDate,
      carriedOverFromId: membership.id,
      confirmedAt: membership.confirmedAt,
      source: input.source,
      sourceDate: input.effectiveDate,
    });
    carried++;
  }
  return { carried, alreadyThere };
}

/**
 * Merges one organisation into another on a date: the first ends the day before, points to its successor, and its
 * memberships carry over. Platform administrators only.
 */
export async function mergeOrganisation(
  tx: Tx,
  ctx: RequestContext,
  input: { fromId: string; intoId: string; effectiveDate: string },
) {
  authorize(registerPolicy, ctx.actor, "merge", null);
  if (input.fromId === input.intoId) {
    throw new AppError("validation_failed", "problem.mergeIntoItself", [
      { field: "intoId", message: "field.differentFromMerging" },
    ]);
  }
  const [from] = await tx.select().from(organisations).where(eq(organisations.id, input.fromId)).for("update");
  const [into] = await tx.select().from(organisations).where(eq(organisations.id, input.intoId));
  if (!from || !into) throw notFound("organisation");
  if (from.status !== "active")
    throw new AppError("conflict", "problem.notActiveAnyMore", undefined, { name: from.name });
  const lastDay = dayBefore(input.effectiveDate);
  await tx
    .update(organisations)
    .set({
      status: "merged",
      validTo: lastDay,
      mergedIntoId: into.id,
      version: sql`${organisations.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(organisations.id, from.id));
  const result = await carryOverMemberships(tx, {
    ...input,
    source: `fusie met ${into.name} op ${input.effectiveDate}`,
  });
  await recordAudit(tx, ctx, {
    entityType: "organisation",
    entityId: from.id,
    ownerOrganisationId: from.id,
    action: "merge",
    before: { status: from.status, validTo: from.validTo, mergedIntoId: from.mergedIntoId },
    after: { status: "merged", validTo: lastDay, mergedIntoId: into.id, ...result },
  });
  return result;
}
