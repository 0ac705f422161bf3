import { type Actor, actsFor, mayWrite } from "../../platform/auth/actor.ts";
import type { Policy } from "../../platform/policy.ts";
import type { CatalogueVisibility, EntryStatus } from "../../platform/vocabulary.ts";

/**
 * A provider's catalogue as the policy sees it, from where the actor stands: whether the provider serves the
 * organisation the actor acts for (a partner relation) is looked up before the policy is asked.
 */
export interface CatalogueView {
  providerId: string;
  visibility: CatalogueVisibility;
  servesActor: boolean;
}

const staff = (actor: Actor | null, c: CatalogueView) => actor !== null && actsFor(actor, c.providerId, "viewer");
const editor = (actor: Actor | null, c: CatalogueView) =>
  actor !== null && mayWrite(actor) && actsFor(actor, c.providerId, "editor");

/**
 * Published entries are read by the organisations the provider serves, by everyone when the catalogue is public
 * (also without signing in), and by the provider's own people. Drafts, archived entries, history, synonyms and
 * the searches that found nothing are the provider's. Its editors and administrators keep the catalogue.
 * A client organisation's editors ask the front office; its viewers (council members) only read.
 */
export const cataloguePolicy: Policy<CatalogueView, "read" | "manage" | "ask" | "readDesk" | "workDesk", Actor | null> =
  {
    read: (actor, c) => c.visibility === "public" || c.servesActor || staff(actor, c),
    manage: (actor, c) => editor(actor, c),
    ask: (actor, c) =>
      actor !== null &&
      mayWrite(actor) &&
      actor.organisationId !== null &&
      actor.organisationId !== c.providerId &&
      (c.servesActor || c.visibility === "public") &&
      actsFor(actor, actor.organisationId, "editor"),
    readDesk: (actor, c) => staff(actor, c),
    workDesk: (actor, c) => editor(actor, c),
  };

/** One entry: its status decides who beyond the provider's people may read it. */
export const entryPolicy: Policy<
  CatalogueView & { status: EntryStatus },
  "read" | "update" | "readHistory",
  Actor | null
> = {
  read: (actor, e) => staff(actor, e) || (e.status === "published" && cataloguePolicy.read(actor, e)),
  update: (actor, e) => editor(actor, e),
  readHistory: (actor, e) => staff(actor, e),
};
