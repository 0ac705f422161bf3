import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { Queryable } from "../../platform/db/client.ts";
import { projectParticipants, projects } from "../../platform/db/schema.ts";
import type { ProjectStatus } from "../../platform/vocabulary.ts";
import { summaries } from "./queries.ts";

/** Projects, newest start first within status order; by provider, status, or an organisation taking part. */
export async function listProjects(
  db: Queryable,
  query: { status?: ProjectStatus | undefined; providerId?: string | undefined; participantId?: string | undefined },
) {
  const where: SQL[] = [];
  if (query.status) where.push(eq(projects.status, query.status));
  if (query.providerId) where.push(eq(projects.providerId, query.providerId));
  if (query.participantId)
    where.push(
      inArray(
        projects.id,
        db
          .select({ id: projectParticipants.projectId })
          .from(projectParticipants)
          .where(eq(projectParticipants.organisationId, query.participantId)),
      ),
    );
  const rows = await db
    .select()
    .from(projects)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(projects.title), asc(projects.id))
    .limit(500);
  return { items: await summaries(db, rows) };
}
