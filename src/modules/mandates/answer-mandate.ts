import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { mandates } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { mandatePolicy } from "./policy.ts";
import { lockedMandate, mandateFor, mandateView } from "./queries.ts";

/** The receiver's administrator accepts or declines an offered mandate. */
export async function answerMandate(tx: Tx, ctx: RequestContext, id: string, accept: boolean) {
  const { mandate } = await lockedMandate(tx, ctx.actor, id);
  authorize(mandatePolicy, ctx.actor, "answer", mandate);
  if (mandate.status !== "offered") throw new AppError("conflict", "mandates.notOffered");
  await tx
    .update(mandates)
    .set({
      status: accept ? "accepted" : "declined",
      answeredBy: ctx.actor.userId,
      answeredAt: new Date(),
      version: sql`${mandates.version} + 1`,
    })
    .where(eq(mandates.id, id));
  for (const owner of [mandate.grantorId, mandate.receiverId]) {
    await recordAudit(tx, ctx, {
      entityType: "mandate",
      entityId: id,
      ownerOrganisationId: owner,
      action: accept ? "accept" : "decline",
    });
  }
  return mandateView(await mandateFor(tx, ctx.actor, id), ctx.actor);
}
