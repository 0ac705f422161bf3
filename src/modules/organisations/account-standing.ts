import { and, eq, ne } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { sessions, userRoles, users } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { personPolicy } from "./policy.ts";
import { organisationFor } from "./queries.ts";

/**
 * An organisation's administrator switches a colleague's account off (their sessions end at once; they cannot sign
 * in) or on again. An account that also works for other organisations is not one administrator's to switch off:
 * a platform administrator does that, or the administrator changes the role here. Nobody switches themselves off.
 */
export async function setAccountActive(
  tx: Tx,
  ctx: RequestContext,
  organisationId: string,
  userId: string,
  active: boolean,
) {
  await organisationFor(tx, ctx.actor, organisationId, "read");
  authorize(personPolicy, ctx.actor, "changeRole", { organisationId, userId });
  const [member] = await tx
    .select({ disabledAt: users.disabledAt })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.organisationId, organisationId), eq(userRoles.userId, userId)));
  if (!member) throw new AppError("not_found", "people.noSuchPerson");
  if (userId === ctx.actor.userId) {
    throw new AppError("validation_failed", "people.notYourself", [{ field: "userId", message: "people.notYourself" }]);
  }
  const [elsewhere] = await tx
    .select({ organisationId: userRoles.organisationId })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), ne(userRoles.organisationId, organisationId)))
    .limit(1);
  if (elsewhere && !ctx.actor.isPlatformAdmin) {
    throw new AppError("conflict", "people.worksElsewhere", [{ field: "userId", message: "people.worksElsewhere" }]);
  }
  if ((member.disabledAt === null) === active) return { active };
  await tx
    .update(users)
    .set({ disabledAt: active ? null : new Date() })
    .where(eq(users.id, userId));
  if (!active) await tx.delete(sessions).where(eq(sessions.userId, userId));
  await recordAudit(tx, ctx, {
    entityType: "user",
    entityId: userId,
    ownerOrganisationId: organisationId,
    action: active ? "reactivate" : "deactivate",
    before: { active: !active },
    after: { active },
  });
  return { active };
}
