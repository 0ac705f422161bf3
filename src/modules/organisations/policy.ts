import { actsFor, isHrOf, mayWrite } from "../../platform/auth/actor.ts";
import type { Policy } from "../../platform/policy.ts";

/**
 * The register is public knowledge about public bodies: every signed-in actor may read it.
 * An organisation's own administrators (and platform administrators) may change its record,
 * see its users, its audit trail and its API tokens.
 */
export type OrganisationAction = "read" | "update" | "readUsers" | "readAudit" | "manageTokens";

export const organisationPolicy: Policy<{ id: string }, OrganisationAction> = {
  read: () => true,
  update: (actor, org) => mayWrite(actor) && actsFor(actor, org.id, "admin"),
  readUsers: (actor, org) => actsFor(actor, org.id, "admin"),
  readAudit: (actor, org) => actsFor(actor, org.id, "admin"),
  manageTokens: (actor, org) => actor.kind === "user" && actsFor(actor, org.id, "admin"),
};

/**
 * What changes the register as a whole (loading files into it, recording that one organisation merged into
 * another, creating accounts) is for platform administrators only.
 */
export const registerPolicy: Policy<null, "import" | "merge" | "createUser"> = {
  import: (actor) => mayWrite(actor) && actor.isPlatformAdmin,
  merge: (actor) => mayWrite(actor) && actor.isPlatformAdmin,
  createUser: (actor) => mayWrite(actor) && actor.isPlatformAdmin,
};

/**
 * An organisation's own OpenID Connect sign-in: its administrators see whether it is set up and where it points;
 * only a platform administrator, signed in, sets it up (it decides who may enter as the organisation's people).
 */
export const signInSetupPolicy: Policy<{ organisationId: string }, "read" | "configure"> = {
  read: (actor, o) => actsFor(actor, o.organisationId, "admin"),
  configure: (actor) => actor.kind === "user" && actor.isPlatformAdmin && !actor.mandate,
};

/** A person's place in an organisation: whose role or HR standing would change. */
export interface PersonInOrganisation {
  organisationId: string;
  userId: string;
}

/**
 * Who may change people's roles and HR standing: the organisation's administrators (and platform administrators),
 * signed in themselves; never an API token, which cannot be traced to one person's decision. Nobody gives
 * themselves HR standing, and HR standing (which opens the names of staff who transfer) is given only by someone
 * who has it in that organisation, or by a platform administrator; any administrator may take it away.
 */
export const personPolicy: Policy<PersonInOrganisation, "changeRole" | "grantHr" | "revokeHr"> = {
  changeRole: (actor, p) => actor.kind === "user" && mayWrite(actor) && actsFor(actor, p.organisationId, "admin"),
  grantHr: (actor, p) =>
    personPolicy.changeRole(actor, p) &&
    p.userId !== actor.userId &&
    (actor.isPlatformAdmin || isHrOf(actor, p.organisationId)),
  revokeHr: (actor, p) => personPolicy.changeRole(actor, p),
};
