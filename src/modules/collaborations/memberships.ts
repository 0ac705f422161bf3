import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { collaborations, memberships, organisations } from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { collaborationPolicy, membershipPolicy } from "./policy.ts";
import { collaborationFor } from "./queries.ts";
import type { AddMembershipInput, UpdateMembershipInput } from "./schemas.ts";

/**
 * Adds an organisation to a collaboration. The coordinator enters it; it counts as verified once the member
 * confirms (a coordinator adding itself is confirmed at once).
 */
export async function addMembership(tx: Tx, ctx: RequestContext, collaborationId: string, input: AddMembershipInput) {
  const collaboration = await collaborationFor(tx, ctx.actor, collaborationId, "read");
  authorize(collaborationPolicy, ctx.actor, "manageMembers", collaboration);
  const [organisation] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, input.organisationId));
  if (!organisation) {
    throw new AppError("validation_failed", "problem.noSuchOrganisation", [
      { field: "organisationId", message: "field.noSuchOrganisation" },
    ]);
  }
  const [duplicate] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(
        eq(memberships.collaborationId, collaborationId),
        eq(memberships.organisationId, input.organisationId),
        eq(memberships.role, input.role),
        sql`${memberships.validTo} IS NULL`,
      ),
    );
  if (duplicate)
    throw new AppError("conflict", "problem.alreadyInRole", [
      { field: "organisationId", message: "field.alreadyInRole" },
    ]);
  const enteredBy = ctx.actor.organisationId;
  const [row] = await tx
    .insert(memberships)
    .values({
      collaborationId,
      organisationId: input.organisationId,
      role: input.role,
      shareBasisPoints: input.shareBasisPoints ?? null,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      enteredByOrganisationId: enteredBy,
      confirmedAt: enteredBy === input.organisationId ? new Date() : null,
      confirmedByOrganisationId: enteredBy === input.organisationId ? enteredBy : null,
      source: "Samen",
      sourceDate: new Date().toISOString().slice(0, 10),
    })
    .returning();
  if (!row) throw new Error("membership not stored");
  await tx
    .update(collaborations)
    .set({ version: sql`${collaborations.version} + 1`, updatedAt: new Date() })
    .where(eq(collaborations.id, collaborationId));
  await recordAudit(tx, ctx, {
    entityType: "collaboration",
    entityId: collaborationId,
    ownerOrganisationId: collaboration.coordinatorId,
    action: "add-member",
    after: { membershipId: row.id, ...input },
  });
  return row;
}

async function membershipWithCollaboration(tx: Tx, id: string) {
  const [row] = await tx
    .select({ membership: memberships, coordinatorId: collaborations.coordinatorId })
    .from(memberships)
    .innerJoin(collaborations, eq(collaborations.id, memberships.collaborationId))
    .where(eq(memberships.id, id))
    .for("update");
  if (!row) throw notFound("membership");
  return row;
}

const policyView = (row: Awaited<ReturnType<typeof membershipWithCollaboration>>) => ({
  organisationId: row.membership.organisationId,
  coordinatorId: row.coordinatorId,
  enteredByOrganisationId: row.membership.enteredByOrganisationId,
  confirmed: row.membership.confirmedAt !== null,
});

/** The other side confirms a membership: it becomes a verified participation. */
export async function confirmMembership(tx: Tx, ctx: RequestContext, id: string) {
  const row = await membershipWithCollaboration(tx, id);
  authorize(membershipPolicy, ctx.actor, "confirm", policyView(row));
  await tx
    .update(memberships)
    .set({
      confirmedAt: new Date(),
      confirmedByOrganisationId: ctx.actor.organisationId,
      version: sql`${memberships.version} + 1`,
    })
    .where(eq(memberships.id, id));
  await recordAudit(tx, ctx, {
    entityType: "collaboration",
    entityId: row.membership.collaborationId,
    ownerOrganisationId: row.coordinatorId,
    action: "confirm-member",
    after: { membershipId: id, organisationId: row.membership.organisationId },
  });
}

/** Changes a membership's role, share or dates (ending it is setting validTo), if the caller saw its version. */
export async function updateMembership(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: UpdateMembershipInput,
) {
  const row = await membershipWithCollaboration(tx, id);
  authorize(membershipPolicy, ctx.actor, "update", policyView(row));
  if (row.membership.version !== expectedVersion)
    throw new AppError("precondition_failed", "problem.changed.membership");
  const validFrom = changes.validFrom !== undefined ? changes.validFrom : row.membership.validFrom;
  const validTo = changes.validTo !== undefined ? changes.validTo : row.membership.validTo;
  if (validFrom && validTo && validFrom > validTo) {
    throw new AppError("validation_failed", "problem.membershipEndsBeforeStart", [
      { field: "validTo", message: "field.endsBeforeStart" },
    ]);
  }
  const [updated] = await tx
    .update(memberships)
    .set({ ...changes, version: sql`${memberships.version} + 1` })
    .where(and(eq(memberships.id, id), eq(memberships.version, expectedVersion)))
    .returning({ version: memberships.version });
  if (!updated) throw new AppError("precondition_failed", "problem.changed.membership");
  const before: Record<string, unknown> = {};
  for (const field of Object.keys(changes)) before[field] = row.membership[field as keyof typeof row.membership];
  await recordAudit(tx, ctx, {
    entityType: "collaboration",
    entityId: row.membership.collaborationId,
    ownerOrganisationId: row.coordinatorId,
    action: "update-member",
    before: { membershipId: id, ...before },
    after: { membershipId: id, ...changes },
  });
  return updated.version;
}

/** Removes a membership entered by mistake (to end one that was real, set its end date instead). */
export async function removeMembership(tx: Tx, ctx: RequestContext, id: string) {
  const row = await membershipWithCollaboration(tx, id);
  authorize(membershipPolicy, ctx.actor, "update", policyView(row));
  await tx.update(memberships).set({ carriedOverFromId: null }).where(eq(memberships.carriedOverFromId, id));
  await tx.delete(memberships).where(eq(memberships.id, id));
  await recordAudit(tx, ctx, {
    entityType: "collaboration",
    entityId: row.membership.collaborationId,
    ownerOrganisationId: row.coordinatorId,
    action: "remove-member",
    before: { membershipId: id, organisationId: row.membership.organisationId, role: row.membership.role },
  });
}
