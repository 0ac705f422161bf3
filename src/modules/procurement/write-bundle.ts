import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { purchaseBundles, purchaseLots } from "../../platform/db/schema.ts";
import { previousValues } from "../../platform/db/versioned.ts";
import { AppError, forbidden } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import type { BundleStatus } from "../../platform/vocabulary.ts";
import { bundleCourse, bundlePolicy, mayOpenBundle } from "./policy.ts";
import { bundleFor, unawardedLots } from "./queries.ts";
import type { CreateBundleInput, UpdateBundleInput } from "./schemas.ts";

/** The window closes after it opens; the contract ends after it starts, and has both ends or neither. */
function checkDates(
  b: Pick<CreateBundleInput, "demandOpensOn" | "demandClosesOn" | "contractStartsOn" | "contractEndsOn">,
) {
  if (b.demandClosesOn < b.demandOpensOn)
    throw new AppError("validation_failed", "procurement.windowBackwards", [
      { field: "demandClosesOn", message: "field.endsBeforeStart" },
    ]);
  if ((b.contractStartsOn === null) !== (b.contractEndsOn === null))
    throw new AppError("validation_failed", "procurement.contractBothEnds", [
      { field: b.contractStartsOn === null ? "contractStartsOn" : "contractEndsOn", message: "field.required" },
    ]);
  if (b.contractStartsOn && b.contractEndsOn && b.contractEndsOn < b.contractStartsOn)
    throw new AppError("validation_failed", "procurement.contractBackwards", [
      { field: "contractEndsOn", message: "field.endsBeforeStart" },
    ]);
}

/** Opens a bundle, led by the organisation the actor acts for. */
export async function openBundle(tx: Tx, ctx: RequestContext, input: CreateBundleInput) {
  const leadBuyerId = ctx.actor.organisationId;
  if (!mayOpenBundle(ctx.actor) || !leadBuyerId)
    throw forbidden("Act for an organisation as its editor to open a joint purchase.");
  checkDates(input);
  const [row] = await tx
    .insert(purchaseBundles)
    .values({ ...input, leadBuyerId })
    .returning();
  if (!row) throw new Error("bundle not stored");
  await recordAudit(tx, ctx, {
    entityType: "purchase_bundle",
    entityId: row.id,
    ownerOrganisationId: leadBuyerId,
    action: "create",
    after: input,
  });
  return row;
}

const stale = () => new AppError("precondition_failed", "procurement.changedSinceRead");

/**
 * Changes a bundle if the caller saw its current version. Its demand window is fixed once it goes to tender (the
 * declarations were made in it).
 */
export async function updateBundle(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: UpdateBundleInput,
) {
  const { bundle } = await bundleFor(tx, id);
  authorize(bundlePolicy, ctx.actor, "update", bundle);
  if (bundle.version !== expectedVersion) throw stale();
  const windowChanged =
    (changes.demandOpensOn !== undefined && changes.demandOpensOn !== bundle.demandOpensOn) ||
    (changes.demandClosesOn !== undefined && changes.demandClosesOn !== bundle.demandClosesOn);
  if (windowChanged && bundle.status !== "preparing" && bundle.status !== "collecting")
    throw new AppError("conflict", "procurement.windowFixed", [
      {
        field: changes.demandOpensOn !== undefined ? "demandOpensOn" : "demandClosesOn",
        message: "procurement.windowFixed",
      },
    ]);
  checkDates({ ...bundle, ...changes });
  const [updated] = await tx
    .update(purchaseBundles)
    .set({ ...changes, version: sql`${purchaseBundles.version} + 1`, updatedAt: new Date() })
    .where(and(eq(purchaseBundles.id, id), eq(purchaseBundles.version, expectedVersion)))
    .returning({ version: purchaseBundles.version });
  if (!updated) throw stale();
  await recordAudit(tx, ctx, {
    entityType: "purchase_bundle",
    entityId: id,
    ownerOrganisationId: bundle.leadBuyerId,
    action: "update",
    before: previousValues(bundle, changes),
    after: changes,
  });
  return updated.version;
}

/** Moves a bundle along its course. */
export async function changeStatus(tx: Tx, ctx: RequestContext, id: string, status: BundleStatus) {
  const { bundle } = await bundleFor(tx, id);
  authorize(bundlePolicy, ctx.actor, "changeStatus", bundle);
  if (!bundleCourse[bundle.status].includes(status))
    throw new AppError("conflict", "procurement.statusNotNext", [
      { field: "status", message: "procurement.statusNotNext" },
    ]);
  if (status === "collecting") {
    const [lot] = await tx
      .select({ id: purchaseLots.id })
      .from(purchaseLots)
      .where(eq(purchaseLots.bundleId, id))
      .limit(1);
    if (!lot)
      throw new AppError("conflict", "procurement.noLots", [{ field: "status", message: "procurement.noLots" }]);
  }
  if (status === "running") {
    if ((await unawardedLots(tx, id)).length)
      throw new AppError("conflict", "procurement.lotsUnawarded", [
        { field: "status", message: "procurement.lotsUnawarded" },
      ]);
    if (!bundle.contractStartsOn || !bundle.contractEndsOn)
      throw new AppError("conflict", "procurement.contractDatesNeeded", [
        { field: "contractStartsOn", message: "field.required" },
      ]);
  }
  const now = new Date();
  await tx
    .update(purchaseBundles)
    .set({
      status,
      version: sql`${purchaseBundles.version} + 1`,
      updatedAt: now,
      ...(status === "tendering" ? { tenderedAt: now } : {}),
      ...(status === "closed" ? { closedAt: now } : {}),
    })
    .where(eq(purchaseBundles.id, id));
  await recordAudit(tx, ctx, {
    entityType: "purchase_bundle",
    entityId: id,
    ownerOrganisationId: bundle.leadBuyerId,
    action: "status",
    before: { status: bundle.status },
    after: { status },
  });
}
