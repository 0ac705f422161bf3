import { actsFor, mayWrite } from "../../platform/auth/actor.ts";
import type { Policy } from "../../platform/policy.ts";
import type { TicketStatus } from "../../platform/vocabulary.ts";

export interface TicketView {
  providerId: string;
  askerOrganisationId: string;
  status: TicketStatus;
  hasAnswer: boolean;
  entryId: string | null;
}

const asker = (actor: Parameters<typeof actsFor>[0], t: TicketView, role: "viewer" | "editor") =>
  actsFor(actor, t.askerOrganisationId, role);
const desk = (actor: Parameters<typeof actsFor>[0], t: TicketView, role: "viewer" | "editor") =>
  actsFor(actor, t.providerId, role);

/**
 * A ticket belongs to two sides: the asking organisation sees its own tickets, the provider's people see their
 * desk; nobody else sees either. Editors of each side act; internal notes are the desk's alone.
 */
export const ticketPolicy: Policy<
  TicketView,
  "read" | "reply" | "work" | "readNotes" | "close" | "reopen" | "makeEntry" | "readHistory"
> = {
  read: (actor, t) => asker(actor, t, "viewer") || desk(actor, t, "viewer"),
  reply: (actor, t) => mayWrite(actor) && t.status !== "closed" && asker(actor, t, "editor"),
  work: (actor, t) => mayWrite(actor) && t.status !== "closed" && desk(actor, t, "editor"),
  readNotes: (actor, t) => desk(actor, t, "viewer"),
  close: (actor, t) =>
    mayWrite(actor) && t.status !== "closed" && (asker(actor, t, "editor") || desk(actor, t, "editor")),
  reopen: (actor, t) => mayWrite(actor) && t.status === "closed" && desk(actor, t, "editor"),
  makeEntry: (actor, t) => mayWrite(actor) && t.hasAnswer && t.entryId === null && desk(actor, t, "editor"),
  /** The ticket's audit history: the administrators of either side; the desk's notes in it only for the desk. */
  readHistory: (actor, t) => actsFor(actor, t.askerOrganisationId, "admin") || actsFor(actor, t.providerId, "admin"),
};
