import { anyone, anyWriter, at, id, or, platform, type RouteCase, signedIn, writers } from "./rules.ts";
import { relations } from "./world.ts";

/** The system, signing in, the register of organisations and collaborations, the map. */
export const registerRoutes: Record<string, RouteCase> = {
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
  "POST /api/auth/invitation": { parties: "register", allow: anyone, effect: "public" },
  "POST /api/auth/invitation/accept": { parties: "register", allow: anyone, effect: "public" },
  "GET /api/auth/oidc/organisations/{id}/start": { parties: "register", allow: anyone, effect: "public" },
  "GET /api/auth/oidc/callback": { parties: "register", allow: anyone, effect: "public" },
  // Whether the organisation has its own sign-in: its administrators; setting it up: platform administrators only.
  "GET /api/organisations/{id}/sign-in": {
    parties: "register",
    allow: or(platform, at("own", "admin")),
    effect: "read",
    params: (w) => ({ id: w.org.hasselt }),
  },
  "PUT /api/organisations/{id}/sign-in": {
    parties: "register",
    allow: platform,
    effect: "versioned",
    params: (w) => ({ id: w.org.hasselt }),
    body: () => ({ issuer: "https://login.example.org", clientId: "samen", clientSecret: "geheim" }),
  },

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
  "POST /api/organisations/{id}/invitations": {
    parties: "register",
    // Signed-in administrators only: an invitation is one person's decision, never an API token's.
    allow: or(platform, at("own", "admin", { people: true })),
    effect: "create",
    params: id((w) => w.org.hasselt),
    body: () => ({ email: "toegangstest@example.test", role: "viewer" }),
  },
  "GET /api/organisations/{id}/invitations": {
    parties: "register",
    allow: or(platform, at("own", "admin")),
    effect: "read",
    params: id((w) => w.org.hasselt),
  },
  "PUT /api/organisations/{id}/users/{userId}/active": {
    parties: "register",
    allow: or(platform, at("own", "admin", { people: true })),
    effect: "transition",
    params: (w) => ({ id: w.org.hasselt, userId: w.colleague }),
    body: () => ({ active: true }),
  },
  "GET /api/auth/sessions": {
    parties: "register",
    // A person's own sessions: every signed-in person, never an API token.
    allow: or(platform, ...relations.map((r) => at(r, "viewer", { people: true }))),
    effect: "read",
  },
  "DELETE /api/auth/sessions/{id}": {
    parties: "register",
    allow: or(platform, ...relations.map((r) => at(r, "viewer", { people: true }))),
    effect: "transition",
    params: () => ({ id: "0123456789abcdef" }),
  },
  "DELETE /api/invitations/{id}": {
    parties: "register",
    allow: or(platform, at("own", "admin", { people: true })),
    effect: "transition",
    params: id((w) => w.colleagueInvitation),
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
  "GET /api/organisations/{id}/opportunities": {
    parties: "register",
    allow: signedIn,
    effect: "read",
    params: (w) => ({ id: w.org.hasselt }),
  },
  "GET /api/organisations/{id}/neighbours": {
    parties: "register",
    allow: signedIn,
    effect: "read",
    params: (w) => ({ id: w.org.hasselt }),
  },
};
