import { and, asc, eq, like } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { sessions } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";

/** A session's handle: the start of its stored id (itself a keyed hash of the secret token), enough to name it. */
const handleOf = (id: string) => id.slice(0, 16);

const signedInPerson = (ctx: { actor: RequestContext["actor"] }) => {
  if (ctx.actor.kind !== "user" || !ctx.actor.userId) throw new AppError("forbidden", "accounts.sessionsArePersonal");
  return ctx.actor.userId;
};

/** The signed-in person's own sessions: where and when they began, when last used, and which is this one. */
export async function ownSessions(db: Queryable, ctx: { actor: RequestContext["actor"] }, currentId: string | null) {
  const userId = signedInPerson(ctx);
  const rows = await db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(asc(sessions.createdAt));
  return rows.map((s) => ({
    id: handleOf(s.id),
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    userAgent: s.userAgent,
    current: s.id === currentId,
  }));
}

/** Ends one of the signed-in person's own sessions (signing out elsewhere). */
export async function endOwnSession(tx: Tx, ctx: RequestContext, handle: string) {
  const userId = signedInPerson(ctx);
  const ended = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), like(sessions.id, `${handle.replace(/[^0-9a-f]/g, "")}%`)))
    .returning({ id: sessions.id });
  if (ended.length !== 1) throw new AppError("not_found", "accounts.noSuchSession");
  await recordAudit(tx, ctx, {
    entityType: "user",
    entityId: userId,
    ownerOrganisationId: null,
    action: "end-session",
  });
}
