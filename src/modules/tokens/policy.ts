import { actsFor } from "../../platform/auth/actor.ts";
import type { Policy } from "../../platform/policy.ts";

/** API tokens belong to an organisation; its administrators (people, not other tokens) manage them. */
export const tokenPolicy: Policy<{ organisationId: string }, "list" | "create" | "revoke"> = {
  list: (actor, token) => actor.kind === "user" && actsFor(actor, token.organisationId, "admin"),
  create: (actor, token) => actor.kind === "user" && actsFor(actor, token.organisationId, "admin"),
  revoke: (actor, token) => actor.kind === "user" && actsFor(actor, token.organisationId, "admin"),
};
