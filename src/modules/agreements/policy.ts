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

/** A year of a sub-agreement, and whether an approved settlement has closed it. */
export interface YearView extends FrameworkView {
  settled: boolean;
}

/**
 * A year's budget, key and accents set the advances the clients paid: once a settlement of the year is approved
 * they are frozen. The actual figures stay open to the host's editors, to prepare a correction (a new settlement
 * version that says why); the approved settlement itself never changes.
 */
export const yearPolicy: Policy<YearView, "changeBudget" | "changeActuals"> = {
  changeBudget: (actor, y) => frameworkPolicy.manage(actor, y) && !y.settled,
  changeActuals: (actor, y) => frameworkPolicy.manage(actor, y),
};

/**
 * A personal calendar feed belongs to one person acting for one organisation: only that person, signed in, makes,
 * reads or stops it. An API token never does, though it was made by someone.
 */
export const feedPolicy: Policy<null, "keep"> = {
  keep: (actor) => actor.kind === "user" && !!actor.userId && !!actor.organisationId && !!actor.role,
};
