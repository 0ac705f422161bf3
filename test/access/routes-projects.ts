import { anyone, at, id, or, type RouteCase, readers, signedIn, writers } from "./rules.ts";
import { minimalPdf, relations } from "./world.ts";

/** Partner projects: the provider runs them, participants keep their own track with it. */
export const projectRoutes: Record<string, RouteCase> = {
  "GET /api/projects": { parties: "project", allow: signedIn, effect: "read" },
  "POST /api/projects": {
    parties: "project",
    // The organisation one acts for provides it: a platform administrator acting for none is refused.
    allow: or(...relations.map((r) => at(r, "editor", { write: true }))),
    effect: "create",
    body: () => ({ title: "Toegangstest", goal: "Wie mag een project starten?", startsOn: "2026-01-01" }),
  },
  "GET /api/projects/dashboard": {
    parties: "project",
    allow: readers("own"),
    effect: "read",
    query: (w) => `providerId=${w.org.limburg}`,
  },
  "GET /api/projects/{id}": { parties: "project", allow: signedIn, effect: "read", params: id((w) => w.project) },
  "PATCH /api/projects/{id}": {
    parties: "project",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.project),
    body: () => ({ goal: "Toegangstest" }),
    edit: {
      read: (w) => `/api/projects/${w.project}`,
      samples: (_, p) => ({
        domainId: p.domain?.id ?? null,
        catalogueEntryId: p.catalogueEntry?.id ?? null,
        ticketId: p.ticket?.id ?? null,
      }),
      shownAs: { domainId: "domain", catalogueEntryId: "catalogueEntry", ticketId: "ticket" },
    },
  },
  "POST /api/projects/{id}/participants": {
    parties: "project",
    allow: writers("editor", "own"),
    effect: "create",
    params: id((w) => w.project),
    body: (w) => ({ organisationId: w.org.genk }),
  },
  "POST /api/projects/{id}/milestones": {
    parties: "project",
    allow: writers("editor", "own"),
    effect: "create",
    params: id((w) => w.project),
    body: () => ({ title: "Toegangstest", dueOn: "2026-09-30" }),
  },
  "PATCH /api/project-milestones/{id}": {
    parties: "project",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.milestone),
    body: () => ({ title: "Toegangstest" }),
    edit: {
      read: (w) => `/api/projects/${w.project}`,
      item: (data, w) => data.milestones.find((m: { id: string }) => m.id === w.milestone),
      derived: ["overdue"],
    },
  },
  "GET /api/project-participants/{id}": {
    parties: "project",
    allow: readers("own", "served"),
    effect: "read",
    params: id((w) => w.participant),
  },
  "POST /api/project-participants/{id}/confirm": {
    parties: "project",
    allow: writers("editor", "served"),
    effect: "transition",
    params: id((w) => w.invitation),
  },
  "POST /api/project-participants/{id}/steps": {
    parties: "project",
    allow: writers("editor", "own", "served"),
    effect: "create",
    params: id((w) => w.participant),
    body: () => ({ stage: "analysis", reachedOn: "2025-06-02", note: "Toegangstest" }),
  },

  "GET /api/deployments": { parties: "deployment", allow: signedIn, effect: "read" },
  "POST /api/deployments": {
    parties: "deployment",
    // Any organisation plans its own staff (another's staff member is bad input, 400); a platform administrator
    // acting for none is refused.
    allow: or(...relations.map((r) => at(r, "editor", { write: true }))),
    effect: "create",
    body: (w) => ({
      staffUserId: w.staffMember,
      organisationId: w.org.hasselt,
      day: "2027-03-02",
      startsAt: "09:00",
      endsAt: "12:00",
      dossier: "Toegangstest",
    }),
  },
  "GET /api/deployments/{id}": {
    parties: "deployment",
    allow: readers("own", "served"),
    effect: "read",
    params: id((w) => w.deployment),
  },
  "PATCH /api/deployments/{id}": {
    parties: "deployment",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.deployment),
    body: () => ({ note: "Toegangstest" }),
    edit: { read: (w) => `/api/deployments/${w.deployment}`, derived: ["plannedMinutes", "conflicts"] },
  },
  "GET /api/deployments/staff": {
    parties: "deployment",
    allow: or(...relations.map((r) => at(r, "editor", { write: true }))),
    effect: "read",
  },
  "GET /api/staff-absences": { parties: "deployment", allow: signedIn, effect: "read" },
  "POST /api/staff-absences": {
    parties: "deployment",
    allow: or(...relations.map((r) => at(r, "editor", { write: true }))),
    effect: "create",
    body: (w) => ({ userId: w.staffMember, fromDay: "2027-08-02", toDay: "2027-08-06", reason: "Toegangstest" }),
  },
  "GET /api/projects/{id}/hours": {
    parties: "deployment",
    allow: readers("own"),
    effect: "read",
    params: id((w) => w.project),
  },
  "POST /api/deployment-feeds": {
    parties: "deployment",
    // A person acting for an organisation, never a token.
    allow: or(...relations.map((r) => at(r, "viewer", { people: true }))),
    effect: "create",
    body: (w) => ({ kind: "project", subjectId: w.project }),
  },
  "GET /api/deployment-feeds/{token}": {
    parties: "deployment",
    allow: anyone,
    effect: "public",
  },

  "GET /api/projects/{id}/updates": {
    parties: "project",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.project),
  },
  "POST /api/projects/{id}/updates": {
    parties: "project",
    // The provider's team, and a confirmed participant's editors about their own track.
    allow: or(at("own", "editor", { write: true }), at("served", "editor", { write: true })),
    effect: "create",
    params: id((w) => w.project),
    body: () => ({ title: "Toegangstest", body: "Wie mag **voortgang** melden?" }),
  },
  "GET /api/progress-updates/{id}": {
    parties: "project",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.update),
  },
  "PATCH /api/progress-updates/{id}": {
    parties: "project",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.update),
    body: () => ({ title: "Toegangstest" }),
    edit: { read: (w) => `/api/progress-updates/${w.update}`, derived: ["edited"] },
  },
  "GET /api/progress-updates/{id}/history": {
    parties: "project",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.update),
  },

  "POST /api/projects/{id}/documents": {
    parties: "project",
    allow: or(at("own", "editor", { write: true }), at("served", "editor", { write: true })),
    effect: "create",
    params: id((w) => w.project),
    query: () => "title=Toegangstest&filename=toegangstest.pdf",
    contentType: "application/pdf",
    body: () => minimalPdf,
  },
  "GET /api/projects/{id}/documents": {
    parties: "project",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.project),
  },
  "GET /api/project-documents/{id}": {
    parties: "project",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.document),
  },

  "PUT /api/projects/{id}/team/{userId}": {
    parties: "project",
    allow: writers("editor", "own"),
    effect: "create",
    params: (w) => ({ id: w.project, userId: w.staffMember }),
    body: () => ({ role: "member" }),
  },
  "DELETE /api/projects/{id}/team/{userId}": {
    parties: "project",
    allow: writers("editor", "own"),
    effect: "transition",
    params: (w) => ({ id: w.project, userId: w.staffMember }),
  },
  "GET /api/organisations/{id}/closing-days": {
    parties: "register",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.org.hasselt),
  },
  "POST /api/organisations/{id}/closing-days": {
    parties: "register",
    allow: writers("editor", "own"),
    effect: "create",
    params: id((w) => w.org.hasselt),
    body: () => ({ day: "2027-05-07", reason: "Brugdag" }),
  },
};
