import { and, asc, eq, gte } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { staffAbsences, userRoles, users } from "../../platform/db/schema.ts";
import { AppError, forbidden } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import type { RecordAbsenceInput } from "./deployment-schemas.ts";
import { absencePolicy } from "./policy.ts";
import { today } from "./queries.ts";

/** Records a staff member's leave, for the organisation the actor acts for. */
export async function recordAbsence(tx: Tx, ctx: RequestContext, input: RecordAbsenceInput) {
  const providerId = ctx.actor.organisationId;
  if (!providerId) throw forbidden("Act for the organisation the person works for.");
  authorize(absencePolicy, ctx.actor, "record", { providerId, userId: input.userId });
  if (input.toDay < input.fromDay)
    throw new AppError("validation_failed", "problem.leaveEndsBeforeStart", [
      { field: "toDay", message: "field.endsBeforeStart" },
    ]);
  const [member] = await tx
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(and(eq(userRoles.userId, input.userId), eq(userRoles.organisationId, providerId)));
  if (!member)
    throw new AppError("validation_failed", "problem.notYourStaff", [{ field: "userId", message: "field.notStaff" }]);
  const [row] = await tx
    .insert(staffAbsences)
    .values({ ...input, providerId })
    .returning({ id: staffAbsences.id });
  if (!row) throw new Error("absence not stored");
  // Leave is personal: the trail says that leave was entered, and for whom, not why.
  await recordAudit(tx, ctx, {
    entityType: "staff_absence",
    entityId: row.id,
    ownerOrganisationId: providerId,
    action: "record",
    after: { userId: input.userId, fromDay: input.fromDay, toDay: input.toDay },
  });
  return row;
}

/** The leave of the provider's staff from today on (the actor's own only, unless it reads the provider's). */
export async function listAbsences(db: Queryable, actor: Actor) {
  const providerId = actor.organisationId;
  if (!providerId) return { items: [] };
  const rows = await db
    .select({ absence: staffAbsences, name: users.name })
    .from(staffAbsences)
    .innerJoin(users, eq(users.id, staffAbsences.userId))
    .where(and(eq(staffAbsences.providerId, providerId), gte(staffAbsences.toDay, today())))
    .orderBy(asc(staffAbsences.fromDay));
  return {
    items: rows
      .filter((r) => absencePolicy.read(actor, r.absence))
      .map((r) => ({
        id: r.absence.id,
        staff: { id: r.absence.userId, name: r.name },
        fromDay: r.absence.fromDay,
        toDay: r.absence.toDay,
        reason: r.absence.reason,
      })),
  };
}
