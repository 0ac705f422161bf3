import { actsFor, editsForOwnOrganisation, isHrOf, mayWrite } from "../../platform/auth/actor.ts";
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

/** Setting up a framework agreement as its host, or a calendar template: editors of the organisation one acts for. */
export const hostPolicy: Policy<null, "createFramework" | "createTemplate"> = {
  createFramework: (actor) => editsForOwnOrganisation(actor),
  createTemplate: (actor) => editsForOwnOrganisation(actor),
};

/** A host's own calendar templates: its people read them, its editors change them. */
export const templatePolicy: Policy<{ ownerOrganisationId: string }, "read" | "change"> = {
  read: (actor, t) => actsFor(actor, t.ownerOrganisationId, "viewer"),
  change: (actor, t) => mayWrite(actor) && actsFor(actor, t.ownerOrganisationId, "editor"),
};

export interface StaffView {
  hostId: string;
  fromOrganisationId: string;
}

/**
 * Who the people in a transfer are is personal data: only HR of the host and of the organisation the person comes
 * from see it, and those of them who are editors keep the transfer. Everyone else who reads the framework sees
 * totals. Platform administrators are not HR and do not see people either.
 */
export const staffPolicy: Policy<StaffView, "seePerson" | "keep"> = {
  seePerson: (actor, t) => isHrOf(actor, t.hostId) || isHrOf(actor, t.fromOrganisationId),
  keep: (actor, t) =>
    mayWrite(actor) &&
    ((isHrOf(actor, t.hostId) && actsFor(actor, t.hostId, "editor")) ||
      (isHrOf(actor, t.fromOrganisationId) && actsFor(actor, t.fromOrganisationId, "editor"))),
};

/** A works council's consultation is kept by the host's editors and by the consulted organisation's own. */
export const consultationPolicy: Policy<{ hostId: string; organisationId: string }, "keep"> = {
  keep: (actor, c) =>
    mayWrite(actor) && (actsFor(actor, c.hostId, "editor") || actsFor(actor, c.organisationId, "editor")),
};

/** Whose figures in a framework the actor reads: the host's people read every client's, a client its own. */
export const clientFiguresPolicy: Policy<FrameworkView & { clientId: string }, "read"> = {
  read: (actor, f) => frameworkPolicy.readAllClients(actor, f) || actsFor(actor, f.clientId, "viewer"),
};

/** The organisations of a framework (host and clients) in whose HR department the actor works. */
export const hrOrganisationsOf = (actor: Parameters<typeof isHrOf>[0], organisationIds: readonly string[]) =>
  organisationIds.filter((id) => isHrOf(actor, id));
