import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { mandates, organisations } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { mandatePolicy } from "./policy.ts";
import { mandateFor, mandateView } from "./queries.ts";
import type { grantMandateBody } from "./schemas.ts";

const refuse = (status: "validation_failed" | "conflict", field: string, key: string) =>
  new AppError(status, key, [{ field, message: key }]);

/**
 * An organisation's administrator offers another organisation a mandate to act for it within scopes, from a day,
 * until a day or until revoked. The receiver's administrators accept or decline it; until then nobody acts under it.
 */
export async function grantMandate(
  tx: Tx,
  ctx: RequestContext,
  grantorId: string,
  input: z.infer<typeof grantMandateBody>,
) {
  const today = new Date().toISOString().slice(0, 10);
  authorize(
    mandatePolicy,
    ctx.actor,
    "grant",
    { grantorId, receiverId: input.receiverId, status: "offered" },
    {
      conceal: "organisation",
    },
  );
  if (input.receiverId === grantorId) throw refuse("validation_failed", "receiverId", "mandates.self");
  const [receiver] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, input.receiverId));
  if (!receiver) throw refuse("validation_failed", "receiverId", "mandates.noSuchReceiver");
  const startsOn = input.startsOn ?? today;
  const endsOn = input.endsOn ?? null;
  if (endsOn && endsOn < startsOn) throw refuse("validation_failed", "endsOn", "mandates.endsBeforeStart");
  if (endsOn && endsOn < today) throw refuse("validation_failed", "endsOn", "mandates.endsInPast");
  const [open] = await tx
    .select({ id: mandates.id })
    .from(mandates)
    .where(
      and(
        eq(mandates.grantorId, grantorId),
        eq(mandates.receiverId, input.receiverId),
        inArray(mandates.status, ["offered", "accepted"]),
      ),
    )
    .for("update");
  if (open) throw refuse("conflict", "receiverId", "mandates.exists");
  const [row] = await tx
    .insert(mandates)
    .values({
      grantorId,
      receiverId: input.receiverId,
      scopes: [...new Set(input.scopes)],
      startsOn,
      endsOn,
      note: input.note || null,
      grantedBy: ctx.actor.userId,
    })
    .returning({ id: mandates.id });
  if (!row) throw new Error("mandate not stored");
  await recordAudit(tx, ctx, {
    entityType: "mandate",
    entityId: row.id,
    ownerOrganisationId: grantorId,
    action: "grant",
    after: { receiverId: input.receiverId, scopes: input.scopes, startsOn, endsOn },
  });
  return mandateView(await mandateFor(tx, ctx.actor, row.id), ctx.actor);
}
