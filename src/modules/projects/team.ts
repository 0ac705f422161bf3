import { and, eq } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { projectTeam, userRoles } from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import type { TeamRole } from "../../platform/vocabulary.ts";
import { projectPolicy } from "./policy.ts";
import { projectFor } from "./queries.ts";

/** Puts one of the provider's people on a project's team, or changes their role in it. */
export async function setTeamMember(tx: Tx, ctx: RequestContext, projectId: string, userId: string, role: TeamRole) {
  const { project } = await projectFor(tx, projectId);
  authorize(projectPolicy, ctx.actor, "manageTeam", project);
  const [member] = await tx
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.organisationId, project.providerId)));
  if (!member)
    throw new AppError("validation_failed", "problem.notProviderStaff", [
      { field: "userId", message: "field.notStaff" },
    ]);
  await tx
    .insert(projectTeam)
    .values({ projectId, userId, role })
    .onConflictDoUpdate({ target: [projectTeam.projectId, projectTeam.userId], set: { role } });
  await recordAudit(tx, ctx, {
    entityType: "project",
    entityId: projectId,
    ownerOrganisationId: project.providerId,
    action: "set-team-member",
    after: { userId, role },
  });
}

export async function removeTeamMember(tx: Tx, ctx: RequestContext, projectId: string, userId: string) {
  const { project } = await projectFor(tx, projectId);
  authorize(projectPolicy, ctx.actor, "manageTeam", project);
  const removed = await tx
    .delete(projectTeam)
    .where(and(eq(projectTeam.projectId, projectId), eq(projectTeam.userId, userId)))
    .returning({ userId: projectTeam.userId });
  if (!removed.length) throw notFound("team member");
  await recordAudit(tx, ctx, {
    entityType: "project",
    entityId: projectId,
    ownerOrganisationId: project.providerId,
    action: "remove-team-member",
    before: { userId },
  });
}
