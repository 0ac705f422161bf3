import { desc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { organisations, projectDocuments, projectParticipants, users } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { checkDocument } from "../../platform/http/documents.ts";
import { authorOf } from "./authorship.ts";
import { participantPolicy } from "./policy.ts";
import { participantView, projectFor } from "./queries.ts";

/**
 * Attaches a document: the provider's editors to the project or to any participant's track; a confirmed
 * participant's editors to their own track. The bytes must be what the declared type says.
 */
export async function attachDocument(
  tx: Tx,
  ctx: RequestContext,
  projectId: string,
  input: { title: string; filename: string; participantId: string | null; contentType: string; bytes: Uint8Array },
) {
  const { project } = await projectFor(tx, projectId);
  const { organisationId, participantId } = await authorOf(tx, ctx, project, input.participantId);
  await checkDocument(input.bytes, input.contentType, ctx.language ?? "nl");
  const [row] = await tx
    .insert(projectDocuments)
    .values({
      projectId,
      participantId,
      title: input.title,
      filename: input.filename,
      contentType: input.contentType,
      size: input.bytes.length,
      data: Buffer.from(input.bytes),
      uploadedBy: ctx.actor.userId,
      uploadedByOrganisationId: organisationId,
    })
    .returning({ id: projectDocuments.id });
  if (!row) throw new Error("document not stored");
  await recordAudit(tx, ctx, {
    entityType: "project_document",
    entityId: row.id,
    ownerOrganisationId: organisationId,
    action: "attach",
    after: { projectId, participantId, title: input.title, contentType: input.contentType, size: input.bytes.length },
  });
  return row;
}

/** Whether the actor may see a document: a project's own to everyone signed in, a track's to its two sides. */
async function visible(db: Queryable, actor: Actor, projectId: string, participantId: string | null) {
  if (!participantId) return true;
  const [row] = await db
    .select({ participant: projectParticipants })
    .from(projectParticipants)
    .where(eq(projectParticipants.id, participantId));
  if (!row) return false;
  const { project } = await projectFor(db, projectId);
  return participantPolicy.readTrack(actor, participantView(row.participant, project));
}

export async function listDocuments(db: Queryable, actor: Actor, projectId: string) {
  await projectFor(db, projectId);
  const rows = await db
    .select({
      id: projectDocuments.id,
      participantId: projectDocuments.participantId,
      participantName: sql<
        string | null
      >`(SELECT o.name FROM project_participants pp JOIN organisations o ON o.id = pp.organisation_id WHERE pp.id = ${projectDocuments.participantId})`,
      title: projectDocuments.title,
      filename: projectDocuments.filename,
      contentType: projectDocuments.contentType,
      size: projectDocuments.size,
      uploadedBy: users.name,
      organisation: organisations.name,
      createdAt: projectDocuments.createdAt,
    })
    .from(projectDocuments)
    .innerJoin(organisations, eq(organisations.id, projectDocuments.uploadedByOrganisationId))
    .leftJoin(users, eq(users.id, projectDocuments.uploadedBy))
    .where(eq(projectDocuments.projectId, projectId))
    .orderBy(desc(projectDocuments.createdAt));
  const items = [];
  for (const r of rows)
    if (await visible(db, actor, projectId, r.participantId))
      items.push({
        id: r.id,
        participant: r.participantId && r.participantName ? { id: r.participantId, name: r.participantName } : null,
        title: r.title,
        filename: r.filename,
        contentType: r.contentType,
        size: r.size,
        uploadedBy: { organisation: r.organisation, name: r.uploadedBy ?? null },
        createdAt: r.createdAt.toISOString(),
      });
  return { items };
}

export async function getDocument(db: Queryable, actor: Actor, id: string) {
  const [row] = await db.select().from(projectDocuments).where(eq(projectDocuments.id, id));
  if (!row || !(await visible(db, actor, row.projectId, row.participantId))) throw notFound("document");
  return row;
}
