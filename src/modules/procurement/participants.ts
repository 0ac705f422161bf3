import { and, eq } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import { actsFor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { organisations, purchaseParticipants } from "../../platform/db/schema.ts";
import { AppError, forbidden } from "../../platform/errors.ts";
import { bundlePolicy, joinPolicy } from "./policy.ts";
import { type BundleRow, bundleFor } from "./queries.ts";

/** Makes an organisation a participant of a bundle if it is not yet one; returns whether it was added. */
export async function enlist(tx: Tx, ctx: RequestContext, bundle: BundleRow, organisationId: string) {
  const [row] = await tx
    .insert(purchaseParticipants)
    .values({ bundleId: bundle.id, organisationId, enteredByOrganisationId: ctx.actor.organisationId })
    .onConflictDoNothing()
    .returning({ id: purchaseParticipants.id });
  if (row)
    await recordAudit(tx, ctx, {
      entityType: "purchase_participant",
      entityId: row.id,
      ownerOrganisationId: bundle.leadBuyerId,
      action: "create",
      after: { bundleId: bundle.id, organisationId },
    });
  return !!row;
}

/**
 * Adds a participant: the lead buyer's editors invite any organisation while the bundle is prepared or collects
 * demand; an organisation's editors join it themselves while demand is collected.
 */
export async function addParticipant(tx: Tx, ctx: RequestContext, bundleId: string, organisationId: string) {
  const { bundle } = await bundleFor(tx, bundleId);
  const [organisation] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  const leads = actsFor(ctx.actor, bundle.leadBuyerId, "editor");
  const [existing] = await tx
    .select({ id: purchaseParticipants.id })
    .from(purchaseParticipants)
    .where(and(eq(purchaseParticipants.bundleId, bundleId), eq(purchaseParticipants.organisationId, organisationId)));
  const allowed =
    (leads && bundlePolicy.invite(ctx.actor, bundle)) ||
    joinPolicy.join(ctx.actor, { organisationId, status: bundle.status, joined: false });
  if (!allowed) throw forbidden("procurement.mayNotJoin");
  if (!organisation)
    throw new AppError("validation_failed", "procurement.noSuchOrganisation", [
      { field: "organisationId", message: "field.noSuchOrganisation" },
    ]);
  if (existing)
    throw new AppError("conflict", "procurement.alreadyParticipant", [
      { field: "organisationId", message: "field.alreadyTakesPart" },
    ]);
  await enlist(tx, ctx, bundle, organisationId);
}
