import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { mandates, sessions } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { mandatePolicy } from "./policy.ts";
import { lockedMandate, mandateFor, mandateView } from "./queries.ts";

/**
 * Either side's administrator ends a mandate (the grantor revokes it, the receiver gives it back): from then on
 * nobody acts under it; sessions acting under it act for no organisation until switched.
 */
export async function revokeMandate(tx: Tx, ctx: RequestContext, id: string) {
  const { mandate } = await lockedMandate(tx, ctx.actor, id);
  authorize(mandatePolicy, ctx.actor, "revoke", mandate);
  if (mandate.status !== "offered" && mandate.status !== "accepted") {
    throw new AppError("conflict", "mandates.closed");
  }
  await tx
    .update(mandates)
    .set({
      status: "revoked",
      revokedBy: ctx.actor.userId,
      revokedAt: new Date(),
      version: sql`${mandates.version} + 1`,
    })
    .where(eq(mandates.id, id));
  await tx.update(sessions).set({ organisationId: null, mandateId: null }).where(eq(sessions.mandateId, id));
  for (const owner of [mandate.grantorId, mandate.receiverId]) {
    await recordAudit(tx, ctx, { entityType: "mandate", entityId: id, ownerOrganisationId: owner, action: "revoke" });
  }
  return mandateView(await mandateFor(tx, ctx.actor, id), ctx.actor);
}
