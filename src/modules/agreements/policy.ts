import { actsFor, mayWrite } from "../../platform/auth/actor.ts";
import type { Policy } from "../../platform/policy.ts";

export interface FrameworkView {
  hostId: string;
  clientIds: readonly string[];
}

/**
 * A framework agreement is the host's and its clients': the host's editors keep it, everyone of the host reads
 * all of it; each client (its council members too, as viewers) reads the agreement, the key and its own figures,
 * not the other clients' amounts. Nobody else sees it.
 */
export const frameworkPolicy: Policy<FrameworkView, "read" | "manage" | "readAllClients"> = {
  read: (actor, f) => actsFor(actor, f.hostId, "viewer") || f.clientIds.some((c) => actsFor(actor, c, "viewer")),
  manage: (actor, f) => mayWrite(actor) && actsFor(actor, f.hostId, "editor"),
  readAllClients: (actor, f) => actsFor(actor, f.hostId, "viewer"),
};
