import type { OrganisationName, Persona, Relation, Standing, World } from "./world.ts";
import { relations, roleOf } from "./world.ts";

/**
 * Who may do what: every operation of the API with the organisations it concerns, the rule of who is let through,
 * and how to ask without changing the world. One table for the whole API; a test fails when the OpenAPI document
 * has an operation this table does not name (so a new route is covered the day it is added), or names one it
 * does not have.
 */

/** Whom an operation concerns: the organisation that owns the thing, the one it serves or that takes part, and one that has nothing to do with it. */
type Parties = Record<Relation, OrganisationName>;

const parties = {
  /** Hasselt's own record in the register; its OCMW beside it; Emmen elsewhere. */
  register: { own: "hasselt", served: "ocmwHasselt", foreign: "emmen" },
  /** Provincie Limburg's catalogue and desk; Hasselt, which it serves; Emmen, which it does not. */
  catalogue: { own: "limburg", served: "hasselt", foreign: "emmen" },
  /** A question Hasselt asked Limburg's desk; Genk, served by the same desk, is no party to it. */
  ticket: { own: "limburg", served: "hasselt", foreign: "genk" },
  /** Emmen's framework agreement; Coevorden, its client; Hasselt, no party. */
  framework: { own: "emmen", served: "coevorden", foreign: "hasselt" },
  /** Limburg's Smart City survey; Hasselt, invited; Emmen, not. */
  survey: { own: "limburg", served: "hasselt", foreign: "emmen" },
  /** Hasselt's readiness scan with its OCMW; Genk, no party. */
  scan: { own: "hasselt", served: "ocmwHasselt", foreign: "genk" },
  /** Limburg's partner project; Hasselt, taking part; Emmen, no party. */
  project: { own: "limburg", served: "hasselt", foreign: "emmen" },
  /** Limburg's staff on site at Hasselt; Emmen, no party. */
  deployment: { own: "limburg", served: "hasselt", foreign: "emmen" },
  /** Limburg's newsletter; Hasselt reads it like everyone; Emmen too. */
  newsletter: { own: "limburg", served: "hasselt", foreign: "emmen" },
  /** Limburg's joint purchases; Hasselt, declaring in them; Emmen, no party (it may join or call off). */
  purchase: { own: "limburg", served: "hasselt", foreign: "emmen" },
  /** A collaboration Hasselt coordinates with Genk as member; Emmen, no party. */
  collaboration: { own: "hasselt", served: "genk", foreign: "emmen" },
} as const satisfies Record<string, Parties>;

/** Whether a persona is let through. */
export type Rule = (p: Persona) => boolean;

const rank = { viewer: 1, editor: 2, admin: 3 } as const;
const isToken = (s: Standing) => s === "tokenRead" || s === "tokenWrite";

/** Anyone, signed in or not. */
export const anyone: Rule = () => true;
/** Anyone signed in or with a token. */
export const signedIn: Rule = (p) => p.kind !== "anonymous";
export const platform: Rule = (p) => p.kind === "platform";
export const or =
  (...rules: Rule[]): Rule =>
  (p) =>
    rules.some((r) => r(p));

/**
 * Actors of the organisation in that relation with at least the role; `write` leaves out read-only tokens,
 * `people` every token, `hr` all but HR officers.
 */
export const at =
  (
    relation: Relation,
    role: keyof typeof rank,
    options: { write?: boolean; people?: boolean; hr?: boolean } = {},
  ): Rule =>
  (p) =>
    p.kind === "member" &&
    p.relation === relation &&
    rank[roleOf[p.standing]] >= rank[role] &&
    !(options.write && p.standing === "tokenRead") &&
    !(options.people && isToken(p.standing)) &&
    !(options.hr && p.standing !== "hr");

/** The people (viewers up, tokens too) of the parties named, and platform administrators. */
export const readers = (...of: Relation[]): Rule => or(platform, ...of.map((r) => at(r, "viewer")));
/** Those who may change things (editors up, write tokens) of the parties named, and platform administrators. */
export const writers = (role: keyof typeof rank, ...of: Relation[]): Rule =>
  or(platform, ...of.map((r) => at(r, role, { write: true })));
/** Editors (and write tokens) of whichever organisation they act for, and platform administrators. */
export const anyWriter = (role: keyof typeof rank = "editor"): Rule => writers(role, ...relations);

/**
 * How the test asks without spoiling the world for the next operation:
 * - `read`: safe; every persona asks, each is let through or refused as the rule says.
 * - `versioned`: a change with a stale If-Match; those let through are told why it cannot be made (412, or 409
 *   or 400 where a rule of the thing comes first), and nothing changes.
 * - `create`: makes something new; those let through may make it (or be told it exists).
 * - `transition`: a change that cannot be repeated (approve, delete, submit); only refusals are asked.
 * - `public`: signing in and out, and what works without: outside this table's matrix (bad input covers them).
 */
export type Effect = "read" | "versioned" | "create" | "transition" | "public";

export interface RouteCase {
  parties: keyof typeof parties;
  allow: Rule;
  effect: Effect;
  params?: (w: World) => Record<string, string | number>;
  query?: (w: World) => string;
  body?: (w: World) => unknown;
  /** The request's content type when it is not JSON (files). */
  contentType?: string;
  /** For a PATCH: where the thing is read back, and values for fields its read form does not carry as sent. */
  edit?: Edit;
}

/**
 * How a PATCH is tried one field at a time: the thing as read (`read`, and `item` to pick it from a list), and a
 * value to send for each field of the body that the read form does not hold under the same name. The test sends
 * every field alone and checks that nothing else changed.
 */
export interface Edit {
  read: (w: World) => string;
  /** The thing edited, when it is not the one the access matrix asks about. */
  params?: (w: World) => Record<string, string | number>;
  item?: (data: any, w: World) => Record<string, unknown>;
  samples?: (w: World, thing: any) => Record<string, unknown>;
  /** Fields shown under another name when read (kboNumber as identifiers.kbo). */
  shownAs?: Record<string, string>;
  /** Fields the read form shows that follow from others (a search text, a count). */
  derived?: string[];
  /** Fields that are only changed together (a figure and its date): sent as one. */
  together?: string[][];
  /** Fields that are transitions with checks of their own (closing a ticket), and where they are tested. */
  transitions?: Record<string, string>;
}

export const partiesOf = (c: RouteCase): Parties => parties[c.parties];

export const id = (pick: (w: World) => string) => (w: World) => ({ id: pick(w) });
export const year = (w: World) => ({ id: w.subAgreement, year: w.settledYear });
