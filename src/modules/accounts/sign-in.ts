import { and, asc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import { personActor } from "../../platform/auth/actor.ts";
import { verifyPassword } from "../../platform/auth/passwords.ts";
import { type SessionSettings, startSession } from "../../platform/auth/sessions.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { userRoles, users } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";

const invalid = () => new AppError("unauthenticated", "problem.signInWrong");

/** Checks a password and starts a fresh session (a new token, whatever the browser sent before). */
export async function signInWithPassword(
  tx: Tx,
  settings: SessionSettings,
  input: { email: string; password: string; userAgent?: string | undefined; requestId: string },
): Promise<{ token: string; expiresAt: Date }> {
  const [user] = await tx.select().from(users).where(sql`lower(${users.email}) = ${input.email.toLowerCase()}`);
  const valid = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !valid || user.disabledAt) throw invalid();
  return startSessionFor(tx, settings, user, {
    userAgent: input.userAgent,
    requestId: input.requestId,
    method: "password",
  });
}

/** Starts a session for a user who proved who they are, in their first organisation, and records it. */
export async function startSessionFor(
  tx: Tx,
  settings: SessionSettings,
  user: { id: string; name: string; isPlatformAdmin: boolean },
  input: {
    userAgent?: string | undefined;
    requestId: string;
    method: "password" | "oidc";
    /** The organisation to start in (one the user has a role in); else the first they were given. */
    organisationId?: string;
  },
) {
  const [first] = await tx
    .select({ organisationId: userRoles.organisationId, role: userRoles.role })
    .from(userRoles)
    .where(
      input.organisationId
        ? and(eq(userRoles.userId, user.id), eq(userRoles.organisationId, input.organisationId))
        : eq(userRoles.userId, user.id),
    )
    .orderBy(asc(userRoles.createdAt))
    .limit(1);
  await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  const session = await startSession(tx, settings, {
    userId: user.id,
    organisationId: first?.organisationId ?? null,
    userAgent: input.userAgent,
  });
  const ctx: RequestContext = {
    actor: personActor(user, first?.organisationId ?? null, first?.role ?? null),
    requestId: input.requestId,
  };
  await recordAudit(tx, ctx, {
    entityType: "user",
    entityId: user.id,
    ownerOrganisationId: first?.organisationId ?? null,
    action: "sign-in",
    after: { method: input.method },
  });
  return session;
}
