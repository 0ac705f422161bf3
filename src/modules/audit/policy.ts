import { actsFor } from "../../platform/auth/actor.ts";
import type { Policy } from "../../platform/policy.ts";

/**
 * An entity's history is for the administrators of the organisation it belongs to, and platform administrators.
 * Entities whose history both sides of it read (a ticket) decide in their own module's policy.
 */
export const auditPolicy: Policy<{ ownerOrganisationId: string | null }, "read"> = {
  read: (actor, entity) => actsFor(actor, entity.ownerOrganisationId, "admin"),
};
