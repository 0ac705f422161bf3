import { type Actor, actsFor } from "../../platform/auth/actor.ts";
import type { Policy } from "../../platform/policy.ts";
import { type MandateScope, mandateScopes } from "../../platform/vocabulary.ts";

export { type MandateScope, mandateScopes };

export interface MandateEntity {
  grantorId: string;
  receiverId: string;
  status: "offered" | "accepted" | "declined" | "revoked";
}

/**
 * Mandates: the grantor's administrators offer one; the receiver's administrators accept or decline it; either
 * side's administrators end it (the grantor revokes, the receiver gives it back); both read it and what was done
 * under it. Platform administrators may do all, as everywhere.
 */
export const mandatePolicy: Policy<MandateEntity, "read" | "grant" | "answer" | "revoke"> = {
  read: (actor, m) => actsFor(actor, m.grantorId, "admin") || actsFor(actor, m.receiverId, "admin"),
  grant: (actor, m) => !actor.mandate && actor.kind === "user" && actsFor(actor, m.grantorId, "admin"),
  answer: (actor, m) => !actor.mandate && actor.kind === "user" && actsFor(actor, m.receiverId, "admin"),
  revoke: (actor, m) =>
    !actor.mandate &&
    actor.kind === "user" &&
    (actsFor(actor, m.grantorId, "admin") || actsFor(actor, m.receiverId, "admin")),
};

/** Who of the receiver may act under an accepted mandate: its editors and administrators, in a session. */
export const mayActUnder = (role: string | null) => role === "editor" || role === "admin";

/**
 * The operations each scope opens, as the OpenAPI document names them. Under a mandate every other operation is
 * refused before its use case runs; within these, each module's own policy still decides (the mandate makes its
 * holder an editor of the grantor, never an administrator).
 */
export const scopeOperations: Record<MandateScope, readonly string[]> = {
  surveys: [
    "GET /api/surveys",
    "GET /api/surveys/{id}",
    "GET /api/surveys/{id}/definition.json",
    "GET /api/surveys/{id}/response",
    "PUT /api/surveys/{id}/response",
    "POST /api/surveys/{id}/response/submit",
    "GET /api/surveys/{id}/results",
  ],
  register: ["GET /api/organisations", "GET /api/organisations/{id}", "PATCH /api/organisations/{id}"],
  settlements: [
    "GET /api/frameworks",
    "GET /api/frameworks/{id}",
    "GET /api/frameworks/{id}/statements/{clientId}",
    "GET /api/sub-agreements/{id}",
    "GET /api/sub-agreements/{id}/years/{year}",
    "GET /api/sub-agreements/{id}/years/{year}/settlements",
  ],
};

/** What anyone acting under a mandate may always do: see who they are, switch back, sign out, end sessions. */
export const alwaysUnderMandate: readonly string[] = [
  "GET /api/auth/session",
  "PUT /api/auth/session/organisation",
  "POST /api/auth/sign-out",
  "GET /api/auth/sessions",
  "DELETE /api/auth/sessions/{id}",
];

/** Whether an actor under a mandate may call the operation ("GET /api/surveys/{id}"); others always pass here. */
export function mandateAllows(actor: Actor, operation: string): boolean {
  if (!actor.mandate) return true;
  if (alwaysUnderMandate.includes(operation)) return true;
  return actor.mandate.scopes.some((s) => scopeOperations[s as MandateScope]?.includes(operation));
}
