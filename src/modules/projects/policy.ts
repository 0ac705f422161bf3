import { type Actor, actsFor, mayWrite } from "../../platform/auth/actor.ts";
import type { Policy } from "../../platform/policy.ts";

/**
 * Partner projects are public knowledge about public bodies: every signed-in actor reads a project, its goal, its
 * milestones and who takes part. The provider's editors run it: change it, invite organisations, set milestones.
 */
export const projectPolicy: Policy<
  { providerId: string },
  "read" | "update" | "invite" | "manageMilestones" | "readHours" | "manageTeam"
> = {
  read: () => true,
  manageTeam: (actor, p) => mayWrite(actor) && actsFor(actor, p.providerId, "editor"),
  readHours: (actor, p) => actsFor(actor, p.providerId, "viewer"),
  update: (actor, p) => mayWrite(actor) && actsFor(actor, p.providerId, "editor"),
  invite: (actor, p) => mayWrite(actor) && actsFor(actor, p.providerId, "editor"),
  manageMilestones: (actor, p) => mayWrite(actor) && actsFor(actor, p.providerId, "editor"),
};

/** Who may start a project: anyone who edits for an organisation, which then provides it. */
export const mayCreateProject = (actor: Actor) =>
  mayWrite(actor) && actor.organisationId !== null && actsFor(actor, actor.organisationId, "editor");

/** Whether an organisation may enrol itself: its own editors. */
export const mayEnrol = (actor: Actor, organisationId: string) =>
  mayWrite(actor) && actsFor(actor, organisationId, "editor");

/**
 * A participant's own track is seen by its own people and by the provider's; others see only that it takes part.
 * Participation entered by one side is confirmed by the other; the track is kept by either side once confirmed.
 */
export const participantPolicy: Policy<
  { organisationId: string; providerId: string; enteredByOrganisationId: string | null; confirmed: boolean },
  "readTrack" | "confirm" | "recordStep"
> = {
  readTrack: (actor, p) => actsFor(actor, p.organisationId, "viewer") || actsFor(actor, p.providerId, "viewer"),
  confirm: (actor, p) => {
    if (p.confirmed || !mayWrite(actor)) return false;
    if (actor.isPlatformAdmin) return true;
    const otherSide = p.enteredByOrganisationId === p.organisationId ? p.providerId : p.organisationId;
    return actsFor(actor, otherSide, "editor");
  },
  recordStep: (actor, p) =>
    p.confirmed &&
    mayWrite(actor) &&
    (actsFor(actor, p.organisationId, "editor") || actsFor(actor, p.providerId, "editor")),
};

/** Who may plan deployments of the staff of the organisation they act for: its editors. */
export const mayPlanDeployments = (actor: Actor) =>
  mayWrite(actor) && actor.organisationId !== null && actsFor(actor, actor.organisationId, "editor");

/** The coordinator's dashboard of a provider's projects: its own people. */
export const dashboardPolicy: Policy<{ providerId: string }, "read"> = {
  read: (actor, d) => actsFor(actor, d.providerId, "viewer"),
};

/**
 * A deployment is planned by the provider's editors; the staff member it concerns keeps it up to date (done, the
 * hours it took). The provider's people, the organisation where the work is done, and the staff member see it.
 */
export const deploymentPolicy: Policy<
  { providerId: string; organisationId: string; staffUserId: string },
  "read" | "plan" | "report"
> = {
  read: (actor, d) =>
    actsFor(actor, d.providerId, "viewer") ||
    actsFor(actor, d.organisationId, "viewer") ||
    (actor.kind === "user" && actor.userId === d.staffUserId),
  plan: (actor, d) => mayWrite(actor) && actsFor(actor, d.providerId, "editor"),
  report: (actor, d) =>
    mayWrite(actor) &&
    (actsFor(actor, d.providerId, "editor") || (actor.kind === "user" && actor.userId === d.staffUserId)),
};

/** A staff member's leave is entered by the provider's editors or by the person; the provider's people read it. */
export const absencePolicy: Policy<{ providerId: string; userId: string }, "read" | "record"> = {
  read: (actor, a) => actsFor(actor, a.providerId, "viewer") || (actor.kind === "user" && actor.userId === a.userId),
  record: (actor, a) =>
    mayWrite(actor) &&
    (actsFor(actor, a.providerId, "editor") ||
      (actor.kind === "user" && actor.userId === a.userId && actsFor(actor, a.providerId, "viewer"))),
};

/**
 * A calendar feed for a person signed in for an organisation, never an API token: of a staff member of that
 * organisation, of that organisation, or of a project it provides or takes part in.
 */
export const deploymentFeedPolicy: Policy<{ organisationId: string }, "keep"> = {
  keep: (actor, f) => actor.kind === "user" && actor.userId !== null && actsFor(actor, f.organisationId, "viewer"),
};

/**
 * Progress updates are read by everyone signed in, as the project is. The provider's editors post them, and a
 * confirmed participant's editors post about its own track; an update is edited by editors of the organisation
 * that wrote it.
 */
export const progressPolicy: Policy<{ providerId: string; authorOrganisationId: string }, "edit"> = {
  edit: (actor, u) => mayWrite(actor) && actsFor(actor, u.authorOrganisationId, "editor"),
};

/** An organisation's own closing days: kept by its editors, read by everyone signed in (they plan around them). */
export const closingDaysPolicy: Policy<{ organisationId: string }, "read" | "keep"> = {
  read: () => true,
  keep: (actor, c) => mayWrite(actor) && actsFor(actor, c.organisationId, "editor"),
};

/**
 * What the organisation the actor acts for may do on a project page: post progress and attach documents (the
 * provider's editors, and a confirmed participant's), and enrol itself (an editor of an organisation not yet in a
 * project that is planned or running, and not its provider).
 */
export const projectPagePolicy: Policy<
  { providerId: string; status: string; enrolled: boolean; confirmedHere: boolean },
  "postUpdate" | "enrol"
> = {
  postUpdate: (actor, p) =>
    mayWrite(actor) &&
    !!actor.organisationId &&
    (actor.organisationId === p.providerId || p.confirmedHere) &&
    actsFor(actor, actor.organisationId, "editor"),
  enrol: (actor, p) =>
    !p.enrolled &&
    !!actor.organisationId &&
    actor.organisationId !== p.providerId &&
    (p.status === "planned" || p.status === "running") &&
    mayEnrol(actor, actor.organisationId),
};
