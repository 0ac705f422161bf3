import { and, desc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { auditEvents, users } from "../../platform/db/schema.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import { decodeCursor, encodeCursor } from "../../platform/http/cursor.ts";
import { cursorSchema, limitSchema } from "../../platform/http/schemas.ts";
import { authorize } from "../../platform/policy.ts";
import { ticketHistoryAccess } from "../frontoffice/ticket-queries.ts";
import { auditPolicy } from "./policy.ts";

export const listAuditQuery = z
  .object({
    entityType: z
      .string()
      .min(1)
      .max(50)
      .regex(/^[a-z_-]+$/, "must be lowercase letters, dashes and underscores"),
    entityId: z.string().min(1).max(100),
    cursor: cursorSchema.optional(),
    limit: limitSchema,
  })
  .strict();

export const auditEventSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    action: z.string(),
    actor: z.object({
      userId: z.uuid().nullable(),
      name: z.string().nullable(),
      tokenId: z.uuid().nullable(),
      organisationId: z.uuid().nullable(),
    }),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: "AuditEvent" });

/** The statement behind a page of an entity's history, newest first. */
export function auditHistoryQuery(db: Queryable, query: z.infer<typeof listAuditQuery>) {
  const before = query.cursor ? Number(decodeCursor(query.cursor, 1)[0]) : null;
  // The entity's owner is that of its latest event: the policy reads it from the same statement.
  const owner = sql<string | null>`(select a.owner_organisation_id from audit_events a
    where a.entity_type = ${query.entityType} and a.entity_id = ${query.entityId} order by a.id desc limit 1)`;
  return db
    .select({ event: auditEvents, actorName: users.name, owner })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.entityType, query.entityType),
        eq(auditEvents.entityId, query.entityId),
        before !== null && Number.isFinite(before) ? lt(auditEvents.id, before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(query.limit + 1);
}

/**
 * Entities whose history is not simply their owner's: each decides by its own policy who reads it and which of its
 * events they see. A ticket's events carry the asking organisation, but the desk answering it reads them too.
 */
const historyAccess: Record<
  string,
  (db: Queryable, actor: Actor, entityId: string) => Promise<{ shows: (action: string) => boolean }>
> = {
  ticket: ticketHistoryAccess,
};

/** The history of one entity, newest first. Refused as "not found" to those who may not see it. */
export async function listAuditEvents(db: Queryable, actor: Actor, query: z.infer<typeof listAuditQuery>) {
  const access = historyAccess[query.entityType];
  if (access) {
    const uuid = z.uuid().safeParse(query.entityId);
    if (!uuid.success) throw notFound("history");
    const { shows } = await access(db, actor, query.entityId).catch((error: unknown) => {
      if (error instanceof AppError && (error.status === 404 || error.status === 403)) throw notFound("history");
      throw error;
    });
    return historyPage(await auditHistoryQuery(db, query), query, shows);
  }
  const rows = await auditHistoryQuery(db, query);
  // Past the last page there are no rows to read the owner from: then it is read on its own.
  const owner =
    rows[0]?.owner ??
    (query.cursor
      ? ((
          await db
            .select({ owner: auditEvents.ownerOrganisationId })
            .from(auditEvents)
            .where(and(eq(auditEvents.entityType, query.entityType), eq(auditEvents.entityId, query.entityId)))
            .orderBy(desc(auditEvents.id))
            .limit(1)
        )[0]?.owner ?? null)
      : null);
  // An entity without history reads like one the actor may not see: nothing reveals what exists.
  authorize(auditPolicy, actor, "read", { ownerOrganisationId: owner }, { conceal: "history" });
  return historyPage(rows, query, () => true);
}

function historyPage(
  rows: Awaited<ReturnType<typeof auditHistoryQuery>>,
  query: z.infer<typeof listAuditQuery>,
  shows: (action: string) => boolean,
) {
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page
      .filter(({ event }) => shows(event.action))
      .map(({ event, actorName }) => ({
        id: event.id,
        at: event.at.toISOString(),
        action: event.action,
        actor: {
          userId: event.actorUserId,
          name: actorName,
          tokenId: event.actorTokenId,
          organisationId: event.actorOrganisationId,
        },
        before: event.before,
        after: event.after,
        requestId: event.requestId,
        hash: event.hash,
      })),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.event.id]) : null,
  };
}
