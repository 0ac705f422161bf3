import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { organisations, participantSteps, projectParticipants } from "../../platform/db/schema.ts";
import { AppError, forbidden } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { projectStages } from "../../platform/vocabulary.ts";
import { mayEnrol, participantPolicy, projectPolicy } from "./policy.ts";
import { participantFor, participantView, projectFor } from "./queries.ts";
import type { RecordStepInput } from "./schemas.ts";

/**
 * An organisation takes part: it enrols itself (the provider confirms), or the provider invites it (it confirms).
 * A project that is completed or stopped takes nobody new.
 */
export async function addParticipant(tx: Tx, ctx: RequestContext, projectId: string, organisationId: string) {
  const { project } = await projectFor(tx, projectId);
  const enrolling = ctx.actor.organisationId === organisationId && !ctx.actor.isPlatformAdmin;
  if (enrolling ? !mayEnrol(ctx.actor, organisationId) : !projectPolicy.invite(ctx.actor, project))
    throw forbidden(
      enrolling ? "Only your organisation's editors enrol it." : "Only the provider's editors invite organisations.",
    );
  if (organisationId === project.providerId)
    throw new AppError("validation_failed", "problem.providerRunsProject", [
      { field: "organisationId", message: "field.isProvider" },
    ]);
  if (project.status === "completed" || project.status === "stopped")
    throw new AppError("conflict", "problem.projectEnded");
  const [organisation] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!organisation)
    throw new AppError("validation_failed", "problem.noSuchOrganisation", [
      { field: "organisationId", message: "field.noSuchOrganisation" },
    ]);
  const entered = ctx.actor.isPlatformAdmin ? project.providerId : (ctx.actor.organisationId as string);
  const [row] = await tx
    .insert(projectParticipants)
    .values({ projectId, organisationId, enteredByOrganisationId: entered })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw new AppError("conflict", "problem.alreadyTakesPart", [
      { field: "organisationId", message: "field.alreadyTakesPart" },
    ]);
  await recordAudit(tx, ctx, {
    entityType: "project",
    entityId: projectId,
    ownerOrganisationId: project.providerId,
    action: enrolling ? "enrol" : "invite",
    after: { participantId: row.id, organisationId },
  });
  return row;
}

/** The other side confirms a participation: the participant's track can then be kept. */
export async function confirmParticipant(tx: Tx, ctx: RequestContext, id: string) {
  const row = await participantFor(tx, id);
  authorize(participantPolicy, ctx.actor, "confirm", participantView(row.participant, row.project));
  const [updated] = await tx
    .update(projectParticipants)
    .set({
      confirmedAt: new Date(),
      confirmedByOrganisationId: ctx.actor.organisationId,
      version: sql`${projectParticipants.version} + 1`,
    })
    .where(and(eq(projectParticipants.id, id), sql`${projectParticipants.confirmedAt} IS NULL`))
    .returning({ id: projectParticipants.id });
  if (!updated) throw new AppError("conflict", "problem.participationConfirmed");
  await recordAudit(tx, ctx, {
    entityType: "project",
    entityId: row.project.id,
    ownerOrganisationId: row.project.providerId,
    action: "confirm-participant",
    after: { participantId: id, organisationId: row.participant.organisationId },
  });
}

/**
 * Records that a participant's track reached a stage, on a day within the project. Steps are added, never changed:
 * a track that goes back (a draft rejected) is a new step back. The participant's stage is its latest step.
 */
export async function recordStep(tx: Tx, ctx: RequestContext, id: string, input: RecordStepInput) {
  const row = await participantFor(tx, id);
  authorize(participantPolicy, ctx.actor, "recordStep", participantView(row.participant, row.project));
  const { startsOn, endsOn } = row.project;
  if (input.reachedOn < startsOn || (endsOn && input.reachedOn > endsOn))
    throw new AppError("validation_failed", "problem.dayOutsideProject", [
      { field: "reachedOn", message: "field.outsideProject" },
    ]);
  if (input.reachedOn > new Date().toISOString().slice(0, 10))
    throw new AppError("validation_failed", "problem.stepRecordedWhenReached", [
      { field: "reachedOn", message: "field.notInFuture" },
    ]);
  await tx.insert(participantSteps).values({
    participantId: id,
    stage: input.stage,
    reachedOn: input.reachedOn,
    note: input.note,
    recordedBy: ctx.actor.userId,
  });
  const [latest] = await tx
    .select({ stage: participantSteps.stage })
    .from(participantSteps)
    .where(eq(participantSteps.participantId, id))
    .orderBy(sql`${participantSteps.reachedOn} DESC, ${participantSteps.createdAt} DESC`)
    .limit(1);
  const stage = latest?.stage ?? input.stage;
  await tx
    .update(projectParticipants)
    .set({ stage, version: sql`${projectParticipants.version} + 1` })
    .where(eq(projectParticipants.id, id));
  await recordAudit(tx, ctx, {
    entityType: "project",
    entityId: row.project.id,
    ownerOrganisationId: row.project.providerId,
    action: "record-step",
    before: { participantId: id, stage: row.participant.stage },
    after: { participantId: id, stage, step: input },
  });
  return { stage, order: projectStages.indexOf(stage) };
}
