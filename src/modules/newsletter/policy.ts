import { actsFor, mayWrite } from "../../platform/auth/actor.ts";
import type { Policy } from "../../platform/policy.ts";

/**
 * A provider's newsletter: its people read the subscribers and the drafts; its editors add subscribers, compose,
 * edit and send. What was sent is public, in the archive, for anyone.
 */
export const newsletterPolicy: Policy<{ providerId: string }, "read" | "manage" | "send"> = {
  read: (actor, n) => actsFor(actor, n.providerId, "viewer"),
  manage: (actor, n) => mayWrite(actor) && actsFor(actor, n.providerId, "editor"),
  send: (actor, n) => mayWrite(actor) && actor.kind === "user" && actsFor(actor, n.providerId, "editor"),
};
