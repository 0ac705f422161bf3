import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { savingsUses } from "../../platform/db/schema.ts";
import { previousValues } from "../../platform/db/versioned.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { savingsPolicy } from "./policy.ts";
import type { SavingsUseInput, UpdateSavingsUseInput } from "./schemas.ts";

/** Names a thing an organisation's savings could pay for. */
export async function addSavingsUse(tx: Tx, ctx: RequestContext, organisationId: string, input: SavingsUseInput) {
  authorize(savingsPolicy, ctx.actor, "keepUses", { organisationId });
  const [row] = await tx
    .insert(savingsUses)
    .values({ ...input, organisationId })
    .returning({ id: savingsUses.id });
  if (!row) throw new Error("savings use not stored");
  await recordAudit(tx, ctx, {
    entityType: "savings_use",
    entityId: row.id,
    ownerOrganisationId: organisationId,
    action: "create",
    after: input,
  });
  return row;
}

async function savingsUseFor(tx: Tx, id: string) {
  const [row] = await tx.select().from(savingsUses).where(eq(savingsUses.id, id));
  if (!row) throw notFound("savings use");
  return row;
}

export async function updateSavingsUse(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: UpdateSavingsUseInput,
) {
  const use = await savingsUseFor(tx, id);
  authorize(savingsPolicy, ctx.actor, "keepUses", use);
  if (use.version !== expectedVersion) throw new AppError("precondition_failed", "procurement.changedSinceRead");
  const [updated] = await tx
    .update(savingsUses)
    .set({ ...changes, version: sql`${savingsUses.version} + 1` })
    .where(and(eq(savingsUses.id, id), eq(savingsUses.version, expectedVersion)))
    .returning({ version: savingsUses.version });
  if (!updated) throw new AppError("precondition_failed", "procurement.changedSinceRead");
  await recordAudit(tx, ctx, {
    entityType: "savings_use",
    entityId: id,
    ownerOrganisationId: use.organisationId,
    action: "update",
    before: previousValues(use, changes),
    after: changes,
  });
  return updated.version;
}

export async function removeSavingsUse(tx: Tx, ctx: RequestContext, id: string) {
  const use = await savingsUseFor(tx, id);
  authorize(savingsPolicy, ctx.actor, "keepUses", use);
  await tx.delete(savingsUses).where(eq(savingsUses.id, id));
  await recordAudit(tx, ctx, {
    entityType: "savings_use",
    entityId: id,
    ownerOrganisationId: use.organisationId,
    action: "delete",
    before: { label: use.label, costCents: use.costCents },
  });
}
