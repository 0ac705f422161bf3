import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { projectMilestones, type projects } from "../../platform/db/schema.ts";
import { previousValues } from "../../platform/db/versioned.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { projectPolicy } from "./policy.ts";
import { projectFor } from "./queries.ts";
import type { CreateMilestoneInput, UpdateMilestoneInput } from "./schemas.ts";

/** A milestone's date lies within its project. */
function checkWithin(project: typeof projects.$inferSelect, dueOn: string) {
  if (dueOn < project.startsOn || (project.endsOn && dueOn > project.endsOn))
    throw new AppError("validation_failed", "problem.dayOutsideProject", [
      { field: "dueOn", message: "field.outsideProject" },
    ]);
}

export async function createMilestone(tx: Tx, ctx: RequestContext, projectId: string, input: CreateMilestoneInput) {
  const { project } = await projectFor(tx, projectId);
  authorize(projectPolicy, ctx.actor, "manageMilestones", project);
  checkWithin(project, input.dueOn);
  const [row] = await tx
    .insert(projectMilestones)
    .values({ projectId, ...input })
    .returning();
  if (!row) throw new Error("milestone not stored");
  await recordAudit(tx, ctx, {
    entityType: "project",
    entityId: projectId,
    ownerOrganisationId: project.providerId,
    action: "add-milestone",
    after: { milestoneId: row.id, ...input },
  });
  return row;
}

export async function updateMilestone(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: UpdateMilestoneInput,
) {
  const [milestone] = await tx.select().from(projectMilestones).where(eq(projectMilestones.id, id)).for("update");
  if (!milestone) throw notFound("milestone");
  const { project } = await projectFor(tx, milestone.projectId);
  authorize(projectPolicy, ctx.actor, "manageMilestones", project);
  if (milestone.version !== expectedVersion) throw new AppError("precondition_failed", "problem.changed.milestone");
  if (changes.dueOn) checkWithin(project, changes.dueOn);
  const [updated] = await tx
    .update(projectMilestones)
    .set({ ...changes, version: sql`${projectMilestones.version} + 1` })
    .where(and(eq(projectMilestones.id, id), eq(projectMilestones.version, expectedVersion)))
    .returning();
  if (!updated) throw new AppError("precondition_failed", "problem.changed.milestone");
  await recordAudit(tx, ctx, {
    entityType: "project",
    entityId: project.id,
    ownerOrganisationId: project.providerId,
    action: "update-milestone",
    before: { milestoneId: id, ...previousValues(milestone, changes) },
    after: { milestoneId: id, ...changes },
  });
  return updated;
}
