import { type Actor, actsFor, editsForOwnOrganisation, mandated, mayWrite } from "../../platform/auth/actor.ts";
import type { Policy } from "../../platform/policy.ts";
import type { SurveyStatus } from "../../platform/vocabulary.ts";

export interface SurveyView {
  ownerId: string;
  status: SurveyStatus;
  /** Whether the actor's organisation is invited to answer. */
  invited: boolean;
}

/**
 * Who approves an organisation's answer: its administrators, or whoever answers for it under a mandate to answer its
 * surveys (the organisation entrusted exactly that to the receiver).
 */
const approvesFor = (actor: Actor, organisationId: string | null) =>
  actsFor(actor, organisationId, "admin") || (mandated(actor, "surveys") && actsFor(actor, organisationId, "editor"));

/**
 * A survey is its owner's: its people read it and its results, its editors prepare, open, remind and close it.
 * An invited organisation reads the survey once it is open; its editors draft the answer, its administrators
 * approve and submit it (or those answering for it under a mandate), while the survey is open. Nobody else sees it.
 */
export const surveyPolicy: Policy<SurveyView, "read" | "manage" | "readResults" | "draft" | "submit"> = {
  read: (actor, s) => actsFor(actor, s.ownerId, "viewer") || (s.invited && s.status !== "draft"),
  manage: (actor, s) => mayWrite(actor) && actsFor(actor, s.ownerId, "editor"),
  readResults: (actor, s) => actsFor(actor, s.ownerId, "viewer"),
  draft: (actor, s) =>
    mayWrite(actor) && s.invited && s.status === "open" && actsFor(actor, actor.organisationId, "editor"),
  submit: (actor, s) => mayWrite(actor) && s.invited && s.status === "open" && approvesFor(actor, actor.organisationId),
};

/** Preparing a survey, or starting a readiness scan, in the name of the organisation one acts for: its editors. */
export const surveyCreationPolicy: Policy<null, "prepare" | "startScan"> = {
  prepare: (actor) => editsForOwnOrganisation(actor),
  startScan: (actor) => editsForOwnOrganisation(actor),
};

/** An organisation's answer is approved and submitted by its administrators (a retried submit is theirs too). */
export const responsePolicy: Policy<{ organisationId: string }, "approve"> = {
  approve: (actor, r) => mayWrite(actor) && approvesFor(actor, r.organisationId),
};
