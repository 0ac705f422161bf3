import { and, eq, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { purchaseAwards, purchaseBundles, purchaseLots } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { bundlePolicy } from "./policy.ts";
import { bundleFor } from "./queries.ts";
import type { AwardInput } from "./schemas.ts";

/**
 * Awards a lot of a bundle that is tendered (or corrects an award: the new one replaces the lot's current award,
 * which is kept, superseded, and the correction says why). The price is a contract price per unit for a lot with a
 * unit, or a discount on the yearly spend. The first award makes the bundle "awarded".
 */
export async function awardLot(tx: Tx, ctx: RequestContext, bundleId: string, input: AwardInput) {
  const { bundle } = await bundleFor(tx, bundleId);
  authorize(bundlePolicy, ctx.actor, "award", bundle);
  const [lot] = await tx
    .select()
    .from(purchaseLots)
    .where(and(eq(purchaseLots.id, input.lotId), eq(purchaseLots.bundleId, bundleId)));
  const problems: { field: string; message: string }[] = [];
  if (!lot) problems.push({ field: "lotId", message: "procurement.noSuchLot" });
  if ((input.unitPriceCents === null) === (input.spendDiscountBasisPoints === null))
    problems.push({ field: "unitPriceCents", message: "procurement.onePrice" });
  else if (lot && lot.unit === null && input.unitPriceCents !== null)
    problems.push({ field: "unitPriceCents", message: "procurement.priceWithoutUnit" });
  if (input.awardedOn > new Date().toISOString().slice(0, 10))
    problems.push({ field: "awardedOn", message: "field.notInFuture" });
  if (problems.length || !lot) throw new AppError("validation_failed", "procurement.awardInvalid", problems);
  const [current] = await tx
    .select({ id: purchaseAwards.id })
    .from(purchaseAwards)
    .where(and(eq(purchaseAwards.lotId, lot.id), isNull(purchaseAwards.supersededAt)))
    .for("update");
  if (current && !input.reason)
    throw new AppError("validation_failed", "procurement.correctionNeedsReason", [
      { field: "reason", message: "procurement.correctionNeedsReason" },
    ]);
  const now = new Date();
  if (current) await tx.update(purchaseAwards).set({ supersededAt: now }).where(eq(purchaseAwards.id, current.id));
  const [row] = await tx
    .insert(purchaseAwards)
    .values({
      bundleId,
      lotId: lot.id,
      supplierName: input.supplier.name,
      supplierScheme: input.supplier.scheme,
      supplierIdentifier: input.supplier.identifier,
      unitPriceCents: input.unitPriceCents,
      spendDiscountBasisPoints: input.spendDiscountBasisPoints,
      awardedOn: input.awardedOn,
      reason: input.reason,
      createdBy: ctx.actor.userId,
    })
    .returning({ id: purchaseAwards.id });
  if (!row) throw new Error("award not stored");
  if (bundle.status === "tendering")
    await tx
      .update(purchaseBundles)
      .set({ status: "awarded", awardedAt: now, version: sql`${purchaseBundles.version} + 1`, updatedAt: now })
      .where(eq(purchaseBundles.id, bundleId));
  await recordAudit(tx, ctx, {
    entityType: "purchase_award",
    entityId: row.id,
    ownerOrganisationId: bundle.leadBuyerId,
    action: current ? "correct" : "award",
    before: current ? { awardId: current.id } : undefined,
    after: input,
  });
  return row;
}
