import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { purchaseDeclarations, purchaseLots } from "../../platform/db/schema.ts";
import { previousValues } from "../../platform/db/versioned.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { bundlePolicy } from "./policy.ts";
import { bundleFor } from "./queries.ts";
import type { CreateLotInput, UpdateLotInput } from "./schemas.ts";

const unitOf = (unit: string | null) => (unit === "" ? null : unit);

/** Adds a lot, numbered after the bundle's last, while the bundle is prepared or collects demand. */
export async function addLot(tx: Tx, ctx: RequestContext, bundleId: string, input: CreateLotInput) {
  const { bundle } = await bundleFor(tx, bundleId);
  authorize(bundlePolicy, ctx.actor, "manageLots", bundle);
  const [last] = await tx
    .select({ number: sql<number>`coalesce(max(${purchaseLots.number}), 0)::int` })
    .from(purchaseLots)
    .where(eq(purchaseLots.bundleId, bundleId));
  const [row] = await tx
    .insert(purchaseLots)
    .values({ ...input, unit: unitOf(input.unit), bundleId, number: (last?.number ?? 0) + 1 })
    .returning();
  if (!row) throw new Error("lot not stored");
  await recordAudit(tx, ctx, {
    entityType: "purchase_lot",
    entityId: row.id,
    ownerOrganisationId: bundle.leadBuyerId,
    action: "create",
    after: { bundleId, ...input },
  });
  return row;
}

/** Changes a lot if the caller saw its current version; its unit is fixed once demand was declared in it. */
export async function updateLot(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: UpdateLotInput,
) {
  const [lot] = await tx.select().from(purchaseLots).where(eq(purchaseLots.id, id));
  if (!lot) throw notFound("lot");
  const { bundle } = await bundleFor(tx, lot.bundleId);
  authorize(bundlePolicy, ctx.actor, "manageLots", bundle);
  if (lot.version !== expectedVersion) throw new AppError("precondition_failed", "procurement.changedSinceRead");
  const values = { ...changes, ...(changes.unit !== undefined ? { unit: unitOf(changes.unit) } : {}) };
  if (values.unit !== undefined && values.unit !== lot.unit) {
    const [declared] = await tx
      .select({ id: purchaseDeclarations.id })
      .from(purchaseDeclarations)
      .where(eq(purchaseDeclarations.lotId, id))
      .limit(1);
    if (declared)
      throw new AppError("conflict", "procurement.unitFixed", [{ field: "unit", message: "procurement.unitFixed" }]);
  }
  const [updated] = await tx
    .update(purchaseLots)
    .set({ ...values, version: sql`${purchaseLots.version} + 1` })
    .where(and(eq(purchaseLots.id, id), eq(purchaseLots.version, expectedVersion)))
    .returning({ version: purchaseLots.version });
  if (!updated) throw new AppError("precondition_failed", "procurement.changedSinceRead");
  await recordAudit(tx, ctx, {
    entityType: "purchase_lot",
    entityId: id,
    ownerOrganisationId: bundle.leadBuyerId,
    action: "update",
    before: previousValues(lot, values),
    after: values,
  });
  return updated.version;
}
