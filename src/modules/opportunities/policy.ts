import { actsFor, mayWrite } from "../../platform/auth/actor.ts";
import type { Policy } from "../../platform/policy.ts";

/**
 * An organisation's opportunities follow from the register, which every signed-in actor reads: who it borders, and
 * what they take part in. Anyone signed in may read them, and see who wants to co-create on a theme; an
 * organisation's editors say which themes it wants to co-create on and start something with the others.
 */
export const opportunitiesPolicy: Policy<{ organisationId: string }, "read" | "keepThemes"> = {
  read: () => true,
  keepThemes: (actor, o) => mayWrite(actor) && actsFor(actor, o.organisationId, "editor"),
};
