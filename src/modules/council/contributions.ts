import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { collaborations, membershipContributions } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { councilPolicy } from "./policy.ts";
import type { ContributionInput } from "./schemas.ts";

interface Key {
  organisationId: string;
  collaborationId: string;
  year: number;
}

const where = (k: Key) =>
  and(
    eq(membershipContributions.organisationId, k.organisationId),
    eq(membershipContributions.collaborationId, k.collaborationId),
    eq(membershipContributions.year, k.year),
  );

/**
 * Enters what the organisation pays into a collaboration in a year, with where the figure comes from. A new year
 * needs no If-Match; replacing a figure needs the version read (`expectedVersion`), so no change is overwritten unseen.
 */
export async function putContribution(
  tx: Tx,
  ctx: RequestContext,
  key: Key,
  expectedVersion: number | null,
  input: ContributionInput,
) {
  authorize(councilPolicy, ctx.actor, "keep", key);
  const [collaboration] = await tx
    .select({ id: collaborations.id })
    .from(collaborations)
    .where(eq(collaborations.id, key.collaborationId));
  if (!collaboration) throw new AppError("not_found", "council.noSuchCollaboration");
  const [existing] = await tx.select().from(membershipContributions).where(where(key));
  if (existing) {
    if (expectedVersion === null) throw new AppError("precondition_required", "council.sendIfMatch");
    if (existing.version !== expectedVersion) throw new AppError("precondition_failed", "council.changedSinceRead");
    const [updated] = await tx
      .update(membershipContributions)
      .set({ ...input, version: sql`${membershipContributions.version} + 1` })
      .where(and(where(key), eq(membershipContributions.version, expectedVersion)))
      .returning({ version: membershipContributions.version });
    if (!updated) throw new AppError("precondition_failed", "council.changedSinceRead");
    await recordAudit(tx, ctx, {
      entityType: "membership_contribution",
      entityId: `${key.collaborationId}:${key.year}`,
      ownerOrganisationId: key.organisationId,
      action: "update",
      before: { amountCents: Number(existing.amountCents), source: existing.source },
      after: input,
    });
    return { version: updated.version, created: false };
  }
  await tx.insert(membershipContributions).values({ ...key, ...input });
  await recordAudit(tx, ctx, {
    entityType: "membership_contribution",
    entityId: `${key.collaborationId}:${key.year}`,
    ownerOrganisationId: key.organisationId,
    action: "create",
    after: input,
  });
  return { version: 1, created: true };
}

export async function removeContribution(tx: Tx, ctx: RequestContext, key: Key) {
  authorize(councilPolicy, ctx.actor, "keep", key);
  const removed = await tx.delete(membershipContributions).where(where(key)).returning();
  const [row] = removed;
  if (!row) throw new AppError("not_found", "council.noSuchContribution");
  await recordAudit(tx, ctx, {
    entityType: "membership_contribution",
    entityId: `${key.collaborationId}:${key.year}`,
    ownerOrganisationId: key.organisationId,
    action: "delete",
    before: { amountCents: Number(row.amountCents), source: row.source },
  });
}
