import { type Actor, actsFor, mayWrite } from "../../platform/auth/actor.ts";
import type { Policy } from "../../platform/policy.ts";

/**
 * The council's view of an organisation: what it pays into its collaborations, who represents it, its coming
 * deadlines. Everyone who works for the organisation reads it, a council member with a read-only role too; its
 * editors keep what it is made of (representatives, contributions, the public page, the chapter). What the public
 * sees is only what the organisation chose to publish (publicPagePolicy).
 */
export const councilPolicy: Policy<{ organisationId: string }, "read" | "keep"> = {
  read: (actor, o) => actsFor(actor, o.organisationId, "viewer"),
  keep: (actor, o) => mayWrite(actor) && actsFor(actor, o.organisationId, "editor"),
};

/** A public page opens to anyone once published, and only the sections chosen; before, to its own people only. */
export const publicPagePolicy: Policy<{ organisationId: string; published: boolean }, "read", Actor | null> = {
  read: (actor, page) => page.published || (actor !== null && actsFor(actor, page.organisationId, "viewer")),
};
