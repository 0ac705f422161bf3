import { type Actor, actsFor, mayWrite } from "../../platform/auth/actor.ts";
import type { Policy } from "../../platform/policy.ts";
import type { BundleStatus } from "../../platform/vocabulary.ts";

/**
 * A joint purchase is public knowledge about public bodies: every signed-in actor reads a bundle, its lots, who
 * takes part, the totals and the award. The lead buyer's editors run it: change it, keep its lots, invite
 * organisations, move it along and award it. Its Open Contracting data is open to anyone once it is announced.
 */
export const bundlePolicy: Policy<
  { leadBuyerId: string; status: BundleStatus },
  "read" | "update" | "manageLots" | "invite" | "award" | "changeStatus" | "attach" | "readDeclarations"
> = {
  read: () => true,
  update: (actor, b) => b.status !== "closed" && mayWrite(actor) && actsFor(actor, b.leadBuyerId, "editor"),
  manageLots: (actor, b) =>
    (b.status === "preparing" || b.status === "collecting") &&
    mayWrite(actor) &&
    actsFor(actor, b.leadBuyerId, "editor"),
  invite: (actor, b) =>
    (b.status === "preparing" || b.status === "collecting") &&
    mayWrite(actor) &&
    actsFor(actor, b.leadBuyerId, "editor"),
  award: (actor, b) =>
    (b.status === "tendering" || b.status === "awarded" || b.status === "running") &&
    mayWrite(actor) &&
    actsFor(actor, b.leadBuyerId, "editor"),
  changeStatus: (actor, b) => b.status !== "closed" && mayWrite(actor) && actsFor(actor, b.leadBuyerId, "editor"),
  attach: (actor, b) => mayWrite(actor) && actsFor(actor, b.leadBuyerId, "editor"),
  readDeclarations: (actor, b) => actsFor(actor, b.leadBuyerId, "viewer"),
};

/** Who may open a bundle: anyone who edits for an organisation, which then leads it. */
export const mayOpenBundle = (actor: Actor) =>
  mayWrite(actor) && actor.organisationId !== null && actsFor(actor, actor.organisationId, "editor");

/**
 * A participant's declarations (its quantities and current prices) are its own and the lead buyer's to read; others
 * see the totals. Its editors declare (the use case then asks whether the window is open, or for a call-off
 * whether the framework is awarded, so the refusal says which).
 */
export const declarationPolicy: Policy<{ organisationId: string; leadBuyerId: string }, "read" | "declare"> = {
  read: (actor, d) => actsFor(actor, d.organisationId, "viewer") || actsFor(actor, d.leadBuyerId, "viewer"),
  declare: (actor, d) => mayWrite(actor) && actsFor(actor, d.organisationId, "editor"),
};

/** Whether an organisation may join a bundle by itself: its editors, while demand is collected. */
export const joinPolicy: Policy<{ organisationId: string; status: BundleStatus; joined: boolean }, "join"> = {
  join: (actor, j) =>
    !j.joined && j.status === "collecting" && mayWrite(actor) && actsFor(actor, j.organisationId, "editor"),
};

/** An organisation's savings and what they pay for: its own people read them, its editors name the uses. */
export const savingsPolicy: Policy<{ organisationId: string }, "read" | "keepUses"> = {
  read: (actor, s) => actsFor(actor, s.organisationId, "viewer"),
  keepUses: (actor, s) => mayWrite(actor) && actsFor(actor, s.organisationId, "editor"),
};

/** The lead buyer's savings dashboard over its bundles: its own people. */
export const dashboardPolicy: Policy<{ leadBuyerId: string }, "read"> = {
  read: (actor, d) => actsFor(actor, d.leadBuyerId, "viewer"),
};

/**
 * A bundle's Open Contracting data is open data once the bundle is announced (it collects demand, or later);
 * while it is prepared, only the lead buyer's people and platform administrators see it.
 */
export const ocdsPolicy: Policy<{ leadBuyerId: string; status: BundleStatus }, "read", Actor | null> = {
  read: (actor, b) => b.status !== "preparing" || (actor !== null && actsFor(actor, b.leadBuyerId, "viewer")),
};

/**
 * Where a bundle may go from where it is: back and forth between preparing, collecting and tendering until an
 * award; "awarded" only by awarding a lot; running once every lot is awarded and the contract has its dates;
 * closed from anywhere, and never reopened.
 */
export const bundleCourse: Record<BundleStatus, BundleStatus[]> = {
  preparing: ["collecting", "closed"],
  collecting: ["preparing", "tendering", "closed"],
  tendering: ["collecting", "closed"],
  awarded: ["running", "closed"],
  running: ["closed"],
  closed: [],
};
