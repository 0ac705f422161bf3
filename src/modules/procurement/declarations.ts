import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { purchaseAwards, purchaseDeclarations, purchaseLots } from "../../platform/db/schema.ts";
import { AppError, forbidden, notFound } from "../../platform/errors.ts";
import { say, sayDay } from "../../platform/i18n.ts";
import { authorize } from "../../platform/policy.ts";
import type { DeclarationKind } from "../../platform/vocabulary.ts";
import { enlist } from "./participants.ts";
import { declarationPolicy } from "./policy.ts";
import { type BundleRow, bundleFor, type LotRow, today, windowOpen } from "./queries.ts";
import type { DeclareInput, UpdateDeclarationInput } from "./schemas.ts";

type Demand = Pick<DeclareInput, "quantity" | "unit" | "unitPriceCents" | "yearlySpendCents" | "commitment">;

/**
 * A declaration's figures checked against its lot, all problems at once: a quantity and a unit price only in a lot
 * with a unit (and in that unit), a unit price with the quantity it is for, at least one baseline, a decision
 * that was taken already.
 */
function checkDemand(ctx: RequestContext, lot: LotRow, d: Demand) {
  const language = ctx.language ?? "nl";
  const problems: { field: string; message: string }[] = [];
  const unit = d.unit === "" ? null : d.unit;
  if (unit !== null && lot.unit === null) problems.push({ field: "unit", message: "procurement.lotHasNoUnit" });
  else if (unit !== null && lot.unit !== null && unit.toLowerCase() !== lot.unit.toLowerCase())
    problems.push({
      field: "unit",
      message: say(language, { key: "procurement.unitNotLot", params: { unit: lot.unit } }),
    });
  if (lot.unit === null && d.unitPriceCents !== null)
    problems.push({ field: "unitPriceCents", message: "procurement.priceWithoutUnit" });
  if (lot.unit === null && d.quantity !== null)
    problems.push({ field: "quantity", message: "procurement.quantityWithoutUnit" });
  if (lot.unit !== null && d.quantity === null) problems.push({ field: "quantity", message: "field.required" });
  if (d.unitPriceCents === null && d.yearlySpendCents === null)
    problems.push({ field: "unitPriceCents", message: "procurement.baselineNeeded" });
  // A year's spend beyond a thousand billion euro is no municipality's; beyond it, sums lose whole cents.
  if (d.quantity !== null && d.unitPriceCents !== null && d.quantity * d.unitPriceCents > maxYearlyCents)
    problems.push({ field: "unitPriceCents", message: "procurement.baselineTooLarge" });
  if (d.commitment && d.commitment.decidedOn > today())
    problems.push({ field: "commitment.decidedOn", message: "field.notInFuture" });
  if (problems.length) throw new AppError("validation_failed", "procurement.demandInvalid", problems);
  return {
    quantityMilli: d.quantity === null ? null : Math.round(d.quantity * 1000),
    unitPriceCents: d.unitPriceCents,
    yearlySpendCents: d.yearlySpendCents,
    commitmentBody: d.commitment?.body ?? null,
    commitmentDecidedOn: d.commitment?.decidedOn ?? null,
    commitmentReference: d.commitment?.reference ?? null,
  };
}

/** The largest yearly spend a declaration may come to, in cents: every sum of them stays exact in whole cents. */
export const maxYearlyCents = 1e14;

/** Demand is declared in the window; after it, the bundle's demand is what the tender was made on. */
function checkWindow(ctx: RequestContext, bundle: BundleRow) {
  if (windowOpen(bundle, today())) return;
  const language = ctx.language ?? "nl";
  const key =
    bundle.status === "preparing" || today() < bundle.demandOpensOn
      ? "procurement.windowNotOpen"
      : "procurement.windowClosed";
  const message = say(language, {
    key,
    params: { from: sayDay(bundle.demandOpensOn, language), to: sayDay(bundle.demandClosesOn, language) },
  });
  throw new AppError("conflict", message, [{ field: "lotId", message }]);
}

async function lotOf(tx: Tx, bundleId: string, lotId: string) {
  const [lot] = await tx
    .select()
    .from(purchaseLots)
    .where(and(eq(purchaseLots.id, lotId), eq(purchaseLots.bundleId, bundleId)));
  if (!lot)
    throw new AppError("validation_failed", "procurement.noSuchLot", [
      { field: "lotId", message: "procurement.noSuchLot" },
    ]);
  return lot;
}

/**
 * Declares an organisation's demand for one lot: in the window (`demand`), or after the award by a call-off from
 * the framework (`callOff`, on a lot that was awarded). The organisation becomes a participant if it was not one.
 */
export async function declare(
  tx: Tx,
  ctx: RequestContext,
  bundleId: string,
  input: DeclareInput,
  kind: DeclarationKind,
) {
  const { bundle } = await bundleFor(tx, bundleId);
  const organisationId = input.organisationId ?? ctx.actor.organisationId;
  if (!organisationId) throw forbidden("procurement.actForOrganisation");
  authorize(declarationPolicy, ctx.actor, "declare", { organisationId, leadBuyerId: bundle.leadBuyerId });
  const lot = await lotOf(tx, bundleId, input.lotId);
  if (kind === "demand") checkWindow(ctx, bundle);
  else {
    if (bundle.status !== "awarded" && bundle.status !== "running")
      throw new AppError("conflict", "procurement.notAwardedYet", [
        { field: "lotId", message: "procurement.notAwardedYet" },
      ]);
    const [award] = await tx
      .select({ id: purchaseAwards.id })
      .from(purchaseAwards)
      .where(and(eq(purchaseAwards.lotId, lot.id), sql`${purchaseAwards.supersededAt} IS NULL`));
    if (!award)
      throw new AppError("conflict", "procurement.lotNotAwarded", [
        { field: "lotId", message: "procurement.lotNotAwarded" },
      ]);
  }
  const values = checkDemand(ctx, lot, input);
  const [row] = await tx
    .insert(purchaseDeclarations)
    .values({ ...values, bundleId, lotId: lot.id, organisationId, kind, declaredBy: ctx.actor.userId })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw new AppError("conflict", "procurement.alreadyDeclared", [
      { field: "lotId", message: "procurement.alreadyDeclared" },
    ]);
  await enlist(tx, ctx, bundle, organisationId);
  await recordAudit(tx, ctx, {
    entityType: "purchase_declaration",
    entityId: row.id,
    ownerOrganisationId: organisationId,
    action: kind === "callOff" ? "callOff" : "declare",
    after: { bundleId, lotId: lot.id, kind, ...values },
  });
  return row;
}

/**
 * Changes a declaration if the caller saw its current version, in the window only: after it, demand is what the
 * tender was made on, and a call-off is a contract.
 */
export async function updateDeclaration(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: UpdateDeclarationInput,
) {
  const [declaration] = await tx.select().from(purchaseDeclarations).where(eq(purchaseDeclarations.id, id));
  if (!declaration) throw notFound("declaration");
  const { bundle } = await bundleFor(tx, declaration.bundleId);
  authorize(declarationPolicy, ctx.actor, "declare", {
    organisationId: declaration.organisationId,
    leadBuyerId: bundle.leadBuyerId,
  });
  if (declaration.kind === "callOff")
    throw new AppError("conflict", "procurement.callOffFixed", [
      { field: "quantity", message: "procurement.callOffFixed" },
    ]);
  checkWindow(ctx, bundle);
  if (declaration.version !== expectedVersion)
    throw new AppError("precondition_failed", "procurement.changedSinceRead");
  const lot = await lotOf(tx, bundle.id, declaration.lotId);
  const current: Demand = {
    quantity: declaration.quantityMilli === null ? null : declaration.quantityMilli / 1000,
    unit: null,
    unitPriceCents: declaration.unitPriceCents,
    yearlySpendCents: declaration.yearlySpendCents,
    commitment:
      declaration.commitmentBody && declaration.commitmentDecidedOn
        ? {
            body: declaration.commitmentBody,
            decidedOn: declaration.commitmentDecidedOn,
            reference: declaration.commitmentReference,
          }
        : null,
  };
  const values = checkDemand(ctx, lot, { ...current, ...changes });
  const [updated] = await tx
    .update(purchaseDeclarations)
    .set({
      ...values,
      declaredBy: ctx.actor.userId,
      version: sql`${purchaseDeclarations.version} + 1`,
      updatedAt: new Date(),
    })
    .where(and(eq(purchaseDeclarations.id, id), eq(purchaseDeclarations.version, expectedVersion)))
    .returning({ version: purchaseDeclarations.version });
  if (!updated) throw new AppError("precondition_failed", "procurement.changedSinceRead");
  await recordAudit(tx, ctx, {
    entityType: "purchase_declaration",
    entityId: id,
    ownerOrganisationId: declaration.organisationId,
    action: "update",
    before: current,
    after: changes,
  });
  return updated.version;
}
