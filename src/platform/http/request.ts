import type { FastifyRequest } from "fastify";
import { type Actor, mayWrite } from "../auth/actor.ts";
import type { RequestContext } from "../context.ts";
import type { Db, Tx } from "../db/client.ts";
import { AppError, unauthenticated } from "../errors.ts";
import { languageOf } from "../i18n.ts";

/** The signed-in actor, or 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

export function contextOf(request: FastifyRequest): RequestContext {
  return {
    actor: requireActor(request),
    requestId: request.id,
    language: languageOf(request.headers["accept-language"]),
  };
}

/**
 * A write that is one statement, atomic by itself (an UPDATE with its audit event in a WITH): the same checks as
 * `mutate`, without a transaction held open around work done between statements. Use it only where every write
 * is that one statement and what was read before it is checked in it (a version in its WHERE).
 */
export async function mutateInOneStatement<T>(
  request: FastifyRequest,
  work: (db: Db, ctx: RequestContext) => Promise<T>,
): Promise<T> {
  const ctx = contextOf(request);
  if (!mayWrite(ctx.actor)) throw new AppError("forbidden", "problem.tokenReadOnly");
  const { database, mailer } = request.server.platform;
  const result = await work(database.db, ctx);
  await mailer.flush();
  return result;
}

/**
 * Runs a mutating use case in one transaction with the request's context, then delivers the mails it queued.
 * A read-only API token is refused before anything runs.
 */
export async function mutate<T>(
  request: FastifyRequest,
  work: (tx: Tx, ctx: RequestContext) => Promise<T>,
): Promise<T> {
  return mutateInOneStatement(request, (db, ctx) => db.transaction((tx) => work(tx, ctx)));
}
