import type { Policy } from "../../platform/policy.ts";

/**
 * The mail outbox: platform administrators read all of it; in the demo, where no mail leaves the machine, a
 * signed-in person reads the mails addressed to them (an API token has no mailbox).
 */
export const outboxPolicy: Policy<{ demo: boolean }, "readAll" | "readOwn"> = {
  readAll: (actor) => actor.isPlatformAdmin,
  readOwn: (actor, o) => o.demo && actor.kind === "user" && actor.userId !== null,
};
