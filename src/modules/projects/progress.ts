import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import {
  organisations,
  progressUpdateRevisions,
  progressUpdates,
  projectParticipants,
  projects,
  users,
} from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { abilitiesOf, authorize } from "../../platform/policy.ts";
import { authorOf } from "./authorship.ts";
import { progressPolicy } from "./policy.ts";
import type { EditUpdateInput, PostUpdateInput } from "./progress-schemas.ts";
import { projectFor } from "./queries.ts";

const author = alias(organisations, "author");
const about = alias(organisations, "about");

/** Progress updates with their project, author and participant, newest first. */
export async function presentUpdates(
  db: Queryable,
  actor: Actor,
  where: ReturnType<typeof eq> | undefined,
  limit = 200,
) {
  const rows = await db
    .select({
      update: progressUpdates,
      projectTitle: projects.title,
      providerId: projects.providerId,
      authorName: author.name,
      userName: users.name,
      participantOrganisationId: projectParticipants.organisationId,
      participantName: about.name,
    })
    .from(progressUpdates)
    .innerJoin(projects, eq(projects.id, progressUpdates.projectId))
    .innerJoin(author, eq(author.id, progressUpdates.authorOrganisationId))
    .leftJoin(users, eq(users.id, progressUpdates.authorUserId))
    .leftJoin(projectParticipants, eq(projectParticipants.id, progressUpdates.participantId))
    .leftJoin(about, eq(about.id, projectParticipants.organisationId))
    .where(where)
    .orderBy(desc(progressUpdates.createdAt), desc(progressUpdates.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.update.id,
    project: { id: r.update.projectId, name: r.projectTitle },
    participant:
      r.update.participantId && r.participantName !== null
        ? { id: r.update.participantId, name: r.participantName }
        : null,
    author: { organisation: { id: r.update.authorOrganisationId, name: r.authorName }, name: r.userName },
    title: r.update.title,
    body: r.update.body,
    createdAt: r.update.createdAt.toISOString(),
    updatedAt: r.update.updatedAt.toISOString(),
    version: r.update.version,
    edited: r.update.version > 1,
    abilities: abilitiesOf(progressPolicy, actor, {
      providerId: r.providerId,
      authorOrganisationId: r.update.authorOrganisationId,
    }),
  }));
}

export async function listUpdates(db: Queryable, actor: Actor, projectId: string) {
  await projectFor(db, projectId);
  return { items: await presentUpdates(db, actor, eq(progressUpdates.projectId, projectId)) };
}

export async function getUpdate(db: Queryable, actor: Actor, id: string) {
  const [item] = await presentUpdates(db, actor, eq(progressUpdates.id, id), 1);
  if (!item) throw notFound("progress update");
  return item;
}

/**
 * Posts an update: the provider's editors about the project or any participant; a participant's editors about
 * their own track (once their participation is confirmed).
 */
export async function postUpdate(tx: Tx, ctx: RequestContext, projectId: string, input: PostUpdateInput) {
  const { project } = await projectFor(tx, projectId);
  const { organisationId, participantId } = await authorOf(tx, ctx, project, input.participantId);
  const [row] = await tx
    .insert(progressUpdates)
    .values({
      projectId,
      participantId,
      authorOrganisationId: organisationId,
      authorUserId: ctx.actor.userId,
      title: input.title,
      body: input.body,
    })
    .returning({ id: progressUpdates.id });
  if (!row) throw new Error("update not stored");
  await recordAudit(tx, ctx, {
    entityType: "progress_update",
    entityId: row.id,
    ownerOrganisationId: organisationId,
    action: "post",
    after: { projectId, participantId, title: input.title },
  });
  return row;
}

/** Edits an update; the text it had is kept as a revision. */
export async function editUpdate(
  tx: Tx,
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  changes: EditUpdateInput,
) {
  const [row] = await tx
    .select({ update: progressUpdates, providerId: projects.providerId })
    .from(progressUpdates)
    .innerJoin(projects, eq(projects.id, progressUpdates.projectId))
    .where(eq(progressUpdates.id, id))
    .for("update");
  if (!row) throw notFound("progress update");
  authorize(progressPolicy, ctx.actor, "edit", {
    providerId: row.providerId,
    authorOrganisationId: row.update.authorOrganisationId,
  });
  if (row.update.version !== expectedVersion) throw new AppError("precondition_failed", "problem.changed.update");
  await tx.insert(progressUpdateRevisions).values({
    updateId: id,
    version: row.update.version,
    title: row.update.title,
    body: row.update.body,
    editedBy: ctx.actor.userId,
    editedAt: new Date(),
  });
  const [updated] = await tx
    .update(progressUpdates)
    .set({ ...changes, version: sql`${progressUpdates.version} + 1`, updatedAt: new Date() })
    .where(and(eq(progressUpdates.id, id), eq(progressUpdates.version, expectedVersion)))
    .returning({ version: progressUpdates.version });
  if (!updated) throw new AppError("precondition_failed", "problem.changed.update");
  await recordAudit(tx, ctx, {
    entityType: "progress_update",
    entityId: id,
    ownerOrganisationId: row.update.authorOrganisationId,
    action: "edit",
    before: { title: row.update.title, version: row.update.version },
    after: { ...("title" in changes ? { title: changes.title } : {}), version: updated.version },
  });
  return updated.version;
}

/** The earlier texts of an update, newest first. */
export async function updateHistory(db: Queryable, id: string) {
  const [exists] = await db.select({ id: progressUpdates.id }).from(progressUpdates).where(eq(progressUpdates.id, id));
  if (!exists) throw notFound("progress update");
  const rows = await db
    .select({
      version: progressUpdateRevisions.version,
      title: progressUpdateRevisions.title,
      body: progressUpdateRevisions.body,
      editedBy: users.name,
      editedAt: progressUpdateRevisions.editedAt,
    })
    .from(progressUpdateRevisions)
    .leftJoin(users, eq(users.id, progressUpdateRevisions.editedBy))
    .where(eq(progressUpdateRevisions.updateId, id))
    .orderBy(desc(progressUpdateRevisions.version));
  return { items: rows.map((r) => ({ ...r, editedBy: r.editedBy ?? null, editedAt: r.editedAt.toISOString() })) };
}
