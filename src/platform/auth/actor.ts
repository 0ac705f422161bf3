import type { Role } from "../vocabulary.ts";

/** Who is acting: a signed-in user working for one organisation, or an API token of one organisation. */
export interface Actor {
  kind: "user" | "token";
  userId: string | null;
  tokenId: string | null;
  name: string;
  isPlatformAdmin: boolean;
  /** The organisation the actor acts for now (the session's chosen one, or the token's). */
  organisationId: string | null;
  /** The actor's role in that organisation. */
  role: Role | null;
  /** API tokens carry scopes ("read", "write"); sessions may do all their role allows. */
  scopes: readonly string[] | null;
  /** Works in that organisation's HR department: sessions only, never API tokens. */
  hr?: boolean;
  /**
   * Acting for `organisationId` under a mandate given to the person's own organisation (`receiverId`): only within
   * its scopes (the mandates module's policy), recorded as "receiver for grantor".
   */
  mandate?: { id: string; receiverId: string; receiverName: string; grantorName: string; scopes: readonly string[] };
}

const rank: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

/** Whether the actor acts for `organisationId` with at least `role`. Platform administrators always do. */
export function actsFor(actor: Actor, organisationId: string | null | undefined, role: Role): boolean {
  if (actor.isPlatformAdmin) return true;
  if (!organisationId || actor.organisationId !== organisationId || !actor.role) return false;
  return rank[actor.role] >= rank[role];
}

/**
 * Whether the actor works in the HR department of `organisationId`. Personal data of staff: platform administrators
 * and API tokens do not pass by their standing alone.
 */
export const isHrOf = (actor: Actor, organisationId: string | null | undefined): boolean =>
  actor.kind === "user" && actor.hr === true && !!organisationId && actor.organisationId === organisationId;

/** Whether the actor acts under a mandate that covers the scope (its organisation gave the actor's own that task). */
export const mandated = (actor: Actor, scope: string): boolean => actor.mandate?.scopes.includes(scope) === true;

/** Whether a token's scopes allow writing; sessions always may (their role decides). */
export const mayWrite = (actor: Actor) => actor.scopes === null || actor.scopes.includes("write");

/** A person acting for themselves (signing in, resetting a password), before any session exists. */
export const personActor = (
  user: { id: string; name: string; isPlatformAdmin?: boolean },
  organisationId: string | null = null,
  role: Role | null = null,
): Actor => ({
  kind: "user",
  userId: user.id,
  tokenId: null,
  name: user.name,
  isPlatformAdmin: user.isPlatformAdmin ?? false,
  organisationId,
  role,
  scopes: null,
});

/**
 * Whether the actor may make something new in the name of the organisation it acts for (a survey, a framework
 * agreement, a calendar template, a scan): it acts for one, may write, and edits there.
 */
export const editsForOwnOrganisation = (actor: Actor): boolean =>
  !!actor.organisationId && mayWrite(actor) && actsFor(actor, actor.organisationId, "editor");
