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
  /** A collaboration Hasselt coordinates with Genk as member; Emmen, no party. */
  collaboration: { own: "hasselt", served: "genk", foreign: "emmen" },
} as const satisfies Record<string, Parties>;

/** Whether a persona is let through. */
export type Rule = (p: Persona) => boolean;

const rank = { viewer: 1, editor: 2, admin: 3 } as const;
const isToken = (s: Standing) => s === "tokenRead" || s === "tokenWrite";

/** Anyone, signed in or not. */
const anyone: Rule = () => true;
/** Anyone signed in or with a token. */
const signedIn: Rule = (p) => p.kind !== "anonymous";
const platform: Rule = (p) => p.kind === "platform";
const or =
  (...rules: Rule[]): Rule =>
  (p) =>
    rules.some((r) => r(p));

/**
 * Actors of the organisation in that relation with at least the role; `write` leaves out read-only tokens,
 * `people` every token, `hr` all but HR officers.
 */
const at =
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
const readers = (...of: Relation[]): Rule => or(platform, ...of.map((r) => at(r, "viewer")));
/** Those who may change things (editors up, write tokens) of the parties named, and platform administrators. */
const writers = (role: keyof typeof rank, ...of: Relation[]): Rule =>
  or(platform, ...of.map((r) => at(r, role, { write: true })));
/** Editors (and write tokens) of whichever organisation they act for, and platform administrators. */
const anyWriter = (role: keyof typeof rank = "editor"): Rule => writers(role, ...relations);

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

const id = (pick: (w: World) => string) => (w: World) => ({ id: pick(w) });
const year = (w: World) => ({ id: w.subAgreement, year: w.settledYear });

export const routeTable: Record<string, RouteCase> = {
  "GET /api/health": { parties: "register", allow: anyone, effect: "read" },
  "GET /api/ready": { parties: "register", allow: anyone, effect: "read" },
  "GET /api/mails": { parties: "register", allow: platform, effect: "read" },

  "GET /api/auth/providers": { parties: "register", allow: anyone, effect: "read" },
  "POST /api/auth/sign-in": { parties: "register", allow: anyone, effect: "public" },
  "POST /api/auth/sign-out": { parties: "register", allow: anyone, effect: "public" },
  "GET /api/auth/session": { parties: "register", allow: signedIn, effect: "read" },
  "PUT /api/auth/session/organisation": {
    parties: "register",
    // Platform administrators act for any organisation they choose.
    allow: or(platform, ...relations.map((r) => at(r, "viewer", { people: true }))),
    effect: "transition",
    body: (w) => ({ organisationId: w.org.hasselt }),
  },
  "POST /api/auth/password-reset": { parties: "register", allow: anyone, effect: "public" },
  "POST /api/auth/password-reset/confirm": { parties: "register", allow: anyone, effect: "public" },

  "GET /api/organisations": { parties: "register", allow: signedIn, effect: "read" },
  "GET /api/organisations/{id}": {
    parties: "register",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.org.hasselt),
  },
  "PATCH /api/organisations/{id}": {
    parties: "register",
    allow: writers("admin", "own"),
    effect: "versioned",
    params: id((w) => w.org.hasselt),
    body: () => ({ website: "https://www.hasselt.be" }),
    edit: {
      read: (w) => `/api/organisations/${w.org.hasselt}`,
      samples: (_, o) => ({
        source: "Toegangstest",
        kboNumber: o.identifiers.kbo,
        kvkNumber: o.identifiers.kvk,
        oin: o.identifiers.oin,
      }),
      together: [["population", "populationDate"]],
      shownAs: { kboNumber: "identifiers", kvkNumber: "identifiers", oin: "identifiers" },
    },
  },
  "POST /api/organisations/{id}/merge": {
    parties: "register",
    allow: platform,
    effect: "transition",
    params: id((w) => w.org.hasselt),
    body: (w) => ({ intoId: w.org.genk, effectiveDate: "2031-01-01" }),
  },
  "GET /api/organisations/{id}/users": {
    parties: "register",
    allow: or(platform, at("own", "admin")),
    effect: "read",
    params: id((w) => w.org.hasselt),
  },
  "PATCH /api/organisations/{id}/users/{userId}": {
    parties: "register",
    allow: or(platform, at("own", "admin", { people: true })),
    effect: "transition",
    params: (w) => ({ id: w.org.hasselt, userId: w.colleague }),
    body: () => ({ role: "viewer" }),
    edit: {
      read: (w) => `/api/organisations/${w.org.hasselt}/users`,
      item: (data, w) => data.items.find((u: { id: string }) => u.id === w.colleague),
    },
  },
  "GET /api/organisations/{id}/clients": {
    parties: "catalogue",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.org.limburg),
  },

  "GET /api/collaborations": { parties: "collaboration", allow: signedIn, effect: "read" },
  "POST /api/collaborations": {
    parties: "collaboration",
    allow: anyWriter(),
    effect: "create",
    body: () => ({ name: "Nieuw samenwerkingsverband", form: "interlokale_vereniging", country: "BE" }),
  },
  "GET /api/collaborations/{id}": {
    parties: "collaboration",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.collaboration),
  },
  "PATCH /api/collaborations/{id}": {
    parties: "collaboration",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.collaboration),
    body: () => ({ description: "Gewijzigd" }),
    edit: {
      read: (w) => `/api/collaborations/${w.collaboration}`,
      samples: () => ({ domainIds: [] }),
      derived: ["members"],
    },
  },
  "POST /api/collaborations/{id}/members": {
    parties: "collaboration",
    allow: writers("editor", "own"),
    effect: "create",
    params: id((w) => w.collaboration),
    body: (w) => ({ organisationId: w.org.ocmwHasselt, role: "partner" }),
  },
  "POST /api/memberships/{id}/confirm": {
    parties: "collaboration",
    allow: writers("editor", "served"),
    effect: "transition",
    params: id((w) => w.membership),
  },
  "PATCH /api/memberships/{id}": {
    parties: "collaboration",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.membership),
    body: () => ({ role: "founder" }),
    edit: {
      read: (w) => `/api/collaborations/${w.collaboration}`,
      item: (data, w) => data.members.find((m: { id: string }) => m.id === w.membership),
    },
  },
  "DELETE /api/memberships/{id}": {
    parties: "collaboration",
    allow: writers("editor", "own"),
    effect: "transition",
    params: id((w) => w.membership),
  },
  "GET /api/organisations/{id}/collaborations": {
    parties: "collaboration",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.org.hasselt),
  },
  "GET /api/policy-domains": { parties: "register", allow: anyone, effect: "read" },
  "GET /api/map/shapes": { parties: "register", allow: signedIn, effect: "read", query: () => "country=BE" },
  "GET /api/map/values": { parties: "register", allow: signedIn, effect: "read", query: () => "country=BE" },
  "GET /api/network": { parties: "register", allow: signedIn, effect: "read" },

  "GET /api/catalogues": { parties: "catalogue", allow: signedIn, effect: "read" },
  "GET /api/catalogues/{providerId}": {
    parties: "catalogue",
    allow: readers("own", "served"),
    effect: "read",
    params: (w) => ({ providerId: w.org.limburg }),
  },
  "PATCH /api/catalogues/{providerId}": {
    parties: "catalogue",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: (w) => ({ providerId: w.org.limburg }),
    body: () => ({ serviceLevelDays: 6 }),
    edit: { read: (w) => `/api/catalogues/${w.org.limburg}` },
  },
  "GET /api/catalogues/{providerId}/entries": {
    parties: "catalogue",
    allow: readers("own", "served"),
    effect: "read",
    params: (w) => ({ providerId: w.org.limburg }),
  },
  "POST /api/catalogues/{providerId}/entries": {
    parties: "catalogue",
    allow: writers("editor", "own"),
    effect: "create",
    params: (w) => ({ providerId: w.org.limburg }),
    body: () => ({ question: "Een nieuwe vraag?", theme: "Toegang" }),
  },
  "GET /api/catalogue-entries/{id}": {
    parties: "catalogue",
    allow: readers("own", "served"),
    effect: "read",
    params: id((w) => w.entry),
  },
  "PATCH /api/catalogue-entries/{id}": {
    parties: "catalogue",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.entry),
    body: () => ({ theme: "Toegang" }),
    edit: {
      read: (w) => `/api/catalogue-entries/${w.entry}`,
      samples: (w) => ({ domainIds: [], offeredById: w.org.limburg }),
      derived: ["domains", "related", "offeredBy", "publishedAt"],
    },
  },
  "GET /api/catalogue-entries/{id}/revisions": {
    parties: "catalogue",
    allow: readers("own"),
    effect: "read",
    params: id((w) => w.entry),
  },
  "GET /api/catalogues/{providerId}/synonyms": {
    parties: "catalogue",
    allow: readers("own"),
    effect: "read",
    params: (w) => ({ providerId: w.org.limburg }),
  },
  "POST /api/catalogues/{providerId}/synonyms": {
    parties: "catalogue",
    allow: writers("editor", "own"),
    effect: "create",
    params: (w) => ({ providerId: w.org.limburg }),
    body: () => ({ terms: ["toegangstest", "toegangsproef"] }),
  },
  "DELETE /api/catalogues/{providerId}/synonyms/{id}": {
    parties: "catalogue",
    allow: writers("editor", "own"),
    effect: "transition",
    params: (w) => ({ providerId: w.org.limburg, id: w.synonym }),
  },
  "GET /api/catalogues/{providerId}/misses": {
    parties: "catalogue",
    allow: readers("own"),
    effect: "read",
    params: (w) => ({ providerId: w.org.limburg }),
  },
  "DELETE /api/catalogues/{providerId}/misses": {
    parties: "catalogue",
    allow: writers("editor", "own"),
    effect: "transition",
    params: (w) => ({ providerId: w.org.limburg }),
    query: () => "query=toegang",
  },
  "GET /api/catalogues/{providerId}/export": {
    parties: "catalogue",
    allow: writers("editor", "own"),
    effect: "read",
    params: (w) => ({ providerId: w.org.limburg }),
  },
  "POST /api/catalogues/{providerId}/import": {
    parties: "catalogue",
    allow: writers("editor", "own"),
    effect: "transition",
    params: (w) => ({ providerId: w.org.limburg }),
    query: () => "dryRun=true",
    contentType: "application/json",
    body: () => ({ entries: [] }),
  },

  "GET /api/tickets": { parties: "ticket", allow: signedIn, effect: "read" },
  "POST /api/tickets": {
    parties: "catalogue",
    allow: at("served", "editor", { write: true }),
    effect: "create",
    body: (w) => ({ providerId: w.org.limburg, subject: "Toegang", question: "Wie mag dit lezen?" }),
  },
  "GET /api/tickets/{id}": {
    parties: "ticket",
    allow: readers("own", "served"),
    effect: "read",
    params: id((w) => w.ticket),
  },
  "PATCH /api/tickets/{id}": {
    parties: "ticket",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.ticket),
    body: () => ({ theme: "Toegang" }),
    edit: {
      read: (w) => `/api/tickets/${w.ticket}`,
      samples: () => ({ assigneeUserId: null }),
      transitions: { status: "closing and reopening: the front office's API tests" },
    },
  },
  "POST /api/tickets/{id}/messages": {
    parties: "ticket",
    allow: writers("editor", "own"),
    effect: "create",
    params: id((w) => w.ticket),
    body: () => ({ kind: "note", body: "Intern: toegangstest." }),
  },
  "POST /api/tickets/{id}/catalogue-entry": {
    parties: "ticket",
    allow: writers("editor", "own"),
    effect: "transition",
    params: id((w) => w.ticket),
  },
  "GET /api/tickets/{id}/attachments/{attachmentId}": {
    parties: "ticket",
    allow: readers("own", "served"),
    effect: "read",
    params: (w) => ({ id: w.ticket, attachmentId: w.attachment }),
  },
  "GET /api/catalogues/{providerId}/desk-stats": {
    parties: "catalogue",
    allow: readers("own"),
    effect: "read",
    params: (w) => ({ providerId: w.org.limburg }),
  },

  "GET /api/frameworks": { parties: "framework", allow: signedIn, effect: "read" },
  "POST /api/frameworks": {
    parties: "framework",
    allow: or(...relations.map((r) => at(r, "editor", { write: true }))),
    effect: "transition",
    body: (w) => ({
      name: "Raamovereenkomst toegangstest",
      clientIds: [w.org.coevorden],
      startsOn: "2027-01-01",
      legalRegime: "wgr",
      status: "draft",
    }),
  },
  "GET /api/frameworks/{id}": {
    parties: "framework",
    allow: readers("own", "served"),
    effect: "read",
    params: id((w) => w.framework),
  },
  "PATCH /api/frameworks/{id}": {
    parties: "framework",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.framework),
    body: () => ({ name: "Raamovereenkomst Emmen, Coevorden en Borger-Odoorn" }),
    edit: { read: (w) => `/api/frameworks/${w.framework}` },
  },
  "GET /api/frameworks/{id}/overview.csv": {
    parties: "framework",
    allow: readers("own"),
    effect: "read",
    params: id((w) => w.framework),
    query: (w) => `year=${w.settledYear}`,
  },
  "GET /api/frameworks/{id}/overview.xlsx": {
    parties: "framework",
    allow: readers("own"),
    effect: "read",
    params: id((w) => w.framework),
    query: (w) => `year=${w.settledYear}`,
  },
  "GET /api/frameworks/{id}/statements/{clientId}": {
    parties: "framework",
    allow: readers("own", "served"),
    effect: "read",
    params: (w) => ({ id: w.framework, clientId: w.org.coevorden }),
    query: (w) => `year=${w.settledYear}`,
  },
  "POST /api/frameworks/{id}/sub-agreements": {
    parties: "framework",
    allow: writers("editor", "own"),
    effect: "create",
    params: id((w) => w.framework),
    body: () => ({ name: "Deelovereenkomst toegangstest", domain: "ict" }),
  },
  "GET /api/sub-agreements/{id}": {
    parties: "framework",
    allow: readers("own", "served"),
    effect: "read",
    params: id((w) => w.subAgreement),
  },
  "PATCH /api/sub-agreements/{id}": {
    parties: "framework",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.subAgreement),
    body: () => ({ description: "Gewijzigd" }),
    edit: { read: (w) => `/api/sub-agreements/${w.subAgreement}` },
  },
  "GET /api/sub-agreements/{id}/years/{year}": {
    parties: "framework",
    allow: readers("own", "served"),
    effect: "read",
    params: year,
  },
  "PUT /api/sub-agreements/{id}/years/{year}": {
    parties: "framework",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: year,
    body: () => ({ budgetCents: 100, key: { kind: "equal" } }),
  },
  "GET /api/sub-agreements/{id}/years/{year}/settlements": {
    parties: "framework",
    allow: readers("own", "served"),
    effect: "read",
    params: year,
  },
  "POST /api/sub-agreements/{id}/years/{year}/settlements": {
    parties: "framework",
    allow: writers("editor", "own"),
    effect: "transition",
    params: year,
    body: () => ({ note: "Correctie" }),
  },
  "POST /api/settlements/{id}/approve": {
    parties: "framework",
    allow: writers("editor", "own"),
    effect: "transition",
    params: id((w) => w.settlement),
  },
  "GET /api/frameworks/{id}/staff": {
    parties: "framework",
    allow: readers("own", "served"),
    effect: "read",
    params: id((w) => w.framework),
  },
  "POST /api/frameworks/{id}/staff-transfers": {
    parties: "framework",
    allow: or(at("own", "editor", { write: true, hr: true }), at("served", "editor", { write: true, hr: true })),
    effect: "create",
    params: id((w) => w.framework),
    body: (w) => ({
      reference: `CO-TOEGANG-${Math.random().toString(36).slice(2, 8)}`,
      function: "Beleidsmedewerker",
      fte: 0.5,
      fromOrganisationId: w.org.coevorden,
      transferOn: "2025-06-01",
      person: { name: "Proef Persoon" },
    }),
  },
  "PATCH /api/staff-transfers/{id}": {
    parties: "framework",
    allow: or(at("own", "editor", { write: true, hr: true }), at("served", "editor", { write: true, hr: true })),
    effect: "versioned",
    params: id((w) => w.transfer),
    body: () => ({ function: "Klantmanager" }),
    edit: {
      read: (w) => `/api/frameworks/${w.framework}/staff`,
      item: (data, w) => data.transfers.find((t: { id: string }) => t.id === w.transfer),
    },
  },
  "POST /api/frameworks/{id}/consultations": {
    parties: "framework",
    allow: writers("editor", "own", "served"),
    effect: "create",
    params: id((w) => w.framework),
    body: (w) => ({ organisationId: w.org.coevorden, body: "works_council", requestedOn: "2025-01-10" }),
  },
  "PATCH /api/consultations/{id}": {
    parties: "framework",
    allow: writers("editor", "own", "served"),
    effect: "versioned",
    params: id((w) => w.consultation),
    body: () => ({ note: "Toegangstest" }),
    edit: {
      read: (w) => `/api/frameworks/${w.framework}/staff`,
      item: (data, w) => data.consultations.find((c: { id: string }) => c.id === w.consultation),
    },
  },
  "GET /api/frameworks/{id}/calendar": {
    parties: "framework",
    allow: readers("own", "served"),
    effect: "read",
    params: id((w) => w.framework),
  },
  "GET /api/calendar-templates": { parties: "framework", allow: signedIn, effect: "read" },
  "POST /api/calendar-templates": {
    parties: "framework",
    allow: or(...relations.map((r) => at(r, "editor", { write: true }))),
    effect: "create",
    body: () => ({ name: "Eigen cyclus", from: "wgr" }),
  },
  "GET /api/calendar-templates/{id}": {
    parties: "framework",
    allow: readers("own"),
    effect: "read",
    params: id((w) => w.template),
  },
  "PATCH /api/calendar-templates/{id}": {
    parties: "framework",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.template),
    body: () => ({ name: "Eigen cyclus" }),
    edit: { read: (w) => `/api/calendar-templates/${w.template}` },
  },
  "GET /api/me/calendar-feed": {
    parties: "framework",
    allow: or(...relations.map((r) => at(r, "viewer", { people: true }))),
    effect: "read",
  },
  "POST /api/me/calendar-feed": {
    parties: "framework",
    allow: or(...relations.map((r) => at(r, "viewer", { people: true }))),
    effect: "create",
  },
  "DELETE /api/me/calendar-feed": {
    parties: "framework",
    allow: or(...relations.map((r) => at(r, "viewer", { people: true }))),
    effect: "transition",
  },
  "GET /api/calendar/{token}": { parties: "framework", allow: anyone, effect: "public" },

  "GET /api/surveys": { parties: "survey", allow: signedIn, effect: "read" },
  "POST /api/surveys": {
    parties: "survey",
    allow: or(...relations.map((r) => at(r, "editor", { write: true }))),
    effect: "create",
    body: () => ({ title: "Nieuwe enquête", definition: { elements: [{ type: "text", name: "a" }] } }),
  },
  "POST /api/survey-definitions/check": {
    parties: "survey",
    allow: signedIn,
    effect: "create",
    body: () => ({ definition: { elements: [{ type: "text", name: "a" }] } }),
  },
  "POST /api/survey-definitions/from-xlsform": {
    parties: "survey",
    allow: signedIn,
    effect: "create",
    contentType: "application/octet-stream",
    body: () => "not a spreadsheet",
  },
  "GET /api/surveys/{id}": {
    parties: "survey",
    allow: readers("own", "served"),
    effect: "read",
    params: id((w) => w.survey),
  },
  "PATCH /api/surveys/{id}": {
    parties: "survey",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.survey),
    body: () => ({ deadline: "2026-12-31" }),
    edit: { read: (w) => `/api/surveys/${w.draftSurvey}`, params: (w) => ({ id: w.draftSurvey }) },
  },
  "GET /api/surveys/{id}/definition.json": {
    parties: "survey",
    allow: readers("own", "served"),
    effect: "read",
    params: id((w) => w.survey),
  },
  "POST /api/surveys/{id}/open": {
    parties: "survey",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.draftSurvey),
  },
  "POST /api/surveys/{id}/remind": {
    parties: "survey",
    allow: writers("editor", "own"),
    effect: "transition",
    params: id((w) => w.survey),
  },
  "POST /api/surveys/{id}/close": {
    parties: "survey",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.survey),
  },
  "GET /api/surveys/{id}/response": {
    parties: "survey",
    allow: at("served", "viewer"),
    effect: "read",
    params: id((w) => w.survey),
  },
  "PUT /api/surveys/{id}/response": {
    parties: "survey",
    allow: at("served", "editor", { write: true }),
    effect: "versioned",
    params: id((w) => w.survey),
    body: () => ({ data: {} }),
  },
  "POST /api/surveys/{id}/response/submit": {
    parties: "survey",
    allow: at("served", "admin", { write: true }),
    effect: "versioned",
    params: id((w) => w.survey),
  },
  "POST /api/surveys/{id}/response/reopen": {
    parties: "survey",
    allow: at("served", "admin", { write: true }),
    effect: "versioned",
    params: id((w) => w.survey),
  },
  "GET /api/surveys/{id}/results": {
    parties: "survey",
    allow: readers("own"),
    effect: "read",
    params: id((w) => w.survey),
  },
  "GET /api/surveys/{id}/trends": {
    parties: "survey",
    allow: readers("own"),
    effect: "read",
    params: id((w) => w.survey),
  },
  "GET /api/surveys/{id}/benchmark": {
    parties: "survey",
    allow: at("served", "viewer"),
    effect: "read",
    params: id((w) => w.survey),
  },
  "GET /api/surveys/{id}/response-rates": {
    parties: "survey",
    allow: readers("own"),
    effect: "read",
    params: id((w) => w.survey),
  },
  "GET /api/surveys/{id}/answers.csv": {
    parties: "survey",
    allow: readers("own"),
    effect: "read",
    params: id((w) => w.survey),
  },
  "GET /api/surveys/{id}/answers.xlsx": {
    parties: "survey",
    allow: readers("own"),
    effect: "read",
    params: id((w) => w.survey),
  },
  "GET /api/scans": { parties: "scan", allow: signedIn, effect: "read" },
  "POST /api/scans": {
    parties: "scan",
    allow: or(...relations.map((r) => at(r, "editor", { write: true }))),
    effect: "transition",
    body: (w) => ({ title: "Samenwerkingsscan", partnerIds: [w.org.genk] }),
  },
  "GET /api/scans/{id}": {
    parties: "scan",
    allow: readers("own", "served"),
    effect: "read",
    params: id((w) => w.scan),
  },
  "GET /api/scans/{id}/report.pdf": {
    parties: "scan",
    allow: readers("own", "served"),
    effect: "read",
    params: id((w) => w.scan),
  },

  "GET /api/organisations/{id}/tokens": {
    parties: "register",
    allow: or(platform, at("own", "admin", { people: true })),
    effect: "read",
    params: id((w) => w.org.hasselt),
  },
  "POST /api/tokens": {
    parties: "register",
    allow: or(platform, at("own", "admin", { people: true })),
    effect: "create",
    body: (w) => ({ name: "koppeling", organisationId: w.org.hasselt, role: "viewer" }),
  },
  "DELETE /api/tokens/{id}": {
    parties: "register",
    allow: or(platform, at("own", "admin", { people: true })),
    effect: "transition",
    params: id((w) => w.token),
  },
  "GET /api/exports/{kind}": {
    parties: "register",
    allow: signedIn,
    effect: "read",
    params: () => ({ kind: "collaborations" }),
  },
  "POST /api/imports/{kind}": {
    parties: "register",
    allow: platform,
    effect: "transition",
    params: () => ({ kind: "organisations" }),
    query: () => "dryRun=true",
    contentType: "text/csv",
    body: () => "key,kind,country,name\n",
  },
  "GET /api/audit": {
    parties: "collaboration",
    allow: or(platform, at("own", "admin")),
    effect: "read",
    query: (w) => `entityType=collaboration&entityId=${w.collaboration}`,
  },
};

/** The operations an OpenAPI document has that the table does not name, and those it names that are gone. */
export function tableGaps(spec: { paths: Record<string, Record<string, unknown>> }, table = routeTable) {
  const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
  return {
    missing: operations.filter((op) => !(op in table)),
    stale: Object.keys(table).filter((op) => !operations.includes(op)),
  };
}
