import { type Actor, actsFor, mayWrite } from "../../platform/auth/actor.ts";
import type { Policy } from "../../platform/policy.ts";

/**
 * Collaborations are public knowledge about public bodies: every signed-in actor reads them. The organisation
 * that coordinates one (its editors and administrators) changes it and its members; platform administrators too.
 */
export const collaborationPolicy: Policy<{ coordinatorId: string | null }, "read" | "update" | "manageMembers"> = {
  read: () => true,
  update: (actor, c) => mayWrite(actor) && actsFor(actor, c.coordinatorId, "editor"),
  manageMembers: (actor, c) => mayWrite(actor) && actsFor(actor, c.coordinatorId, "editor"),
};

/** Who may create a collaboration: anyone who edits for an organisation, which then coordinates it. */
export const mayCreateCollaboration = (actor: Actor) =>
  mayWrite(actor) && (actor.isPlatformAdmin || actsFor(actor, actor.organisationId, "editor"));

/**
 * A membership entered by one side is confirmed by the other: the member organisation confirms what the
 * coordinator entered, and the coordinator confirms what a member entered ("verified participation").
 */
export const membershipPolicy: Policy<
  {
    organisationId: string;
    coordinatorId: string | null;
    enteredByOrganisationId: string | null;
    confirmed: boolean;
  },
  "update" | "confirm"
> = {
  update: (actor, m) => mayWrite(actor) && actsFor(actor, m.coordinatorId, "editor"),
  confirm: (actor, m) => {
    if (m.confirmed || !mayWrite(actor)) return false;
    if (actor.isPlatformAdmin) return true;
    const otherSide = m.enteredByOrganisationId === m.organisationId ? m.coordinatorId : m.organisationId;
    return actsFor(actor, otherSide, "editor");
  },
};
