import { and, eq } from "drizzle-orm";
import { actsFor, mayWrite } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { projectParticipants, type projects } from "../../platform/db/schema.ts";
import { AppError, forbidden } from "../../platform/errors.ts";

/**
 * Who may add to a project (a progress update, a document), and about which track: the provider's editors about
 * the project or any participant's track; a confirmed participant's editors about their own track only. Returns
 * the organisation that writes and the track it is about (null: the project as a whole).
 */
export async function authorOf(
  tx: Tx,
  ctx: RequestContext,
  project: typeof projects.$inferSelect,
  participantId: string | null,
): Promise<{ organisationId: string; participantId: string | null }> {
  const organisationId = ctx.actor.organisationId;
  if (!organisationId || !mayWrite(ctx.actor) || !actsFor(ctx.actor, organisationId, "editor"))
    throw forbidden("Act for the provider or a participant as its editor.");
  if (organisationId !== project.providerId) {
    const [own] = await tx
      .select({ id: projectParticipants.id, confirmedAt: projectParticipants.confirmedAt })
      .from(projectParticipants)
      .where(
        and(eq(projectParticipants.projectId, project.id), eq(projectParticipants.organisationId, organisationId)),
      );
    if (!own?.confirmedAt) throw forbidden("Only the provider's team and the participants add to a project.");
    if (participantId && participantId !== own.id)
      throw new AppError("validation_failed", "problem.participantOwnTrack", [
        { field: "participantId", message: "field.notOwnTrack" },
      ]);
    return { organisationId, participantId: own.id };
  }
  if (participantId) {
    const [participant] = await tx
      .select({ id: projectParticipants.id })
      .from(projectParticipants)
      .where(and(eq(projectParticipants.id, participantId), eq(projectParticipants.projectId, project.id)));
    if (!participant)
      throw new AppError("validation_failed", "problem.notParticipant", [
        { field: "participantId", message: "field.notParticipant" },
      ]);
  }
  return { organisationId, participantId };
}
