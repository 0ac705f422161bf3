import { anyone, at, id, or, type RouteCase, readers, signedIn, writers } from "./rules.ts";
import { relations } from "./world.ts";

/** Whoever edits for the organisation they act for: matchmaking starts from the organisation one works for. */
const editorOfOwnOrganisation = or(...relations.map((r) => at(r, "editor", { write: true })));
const hasselt = (w: { org: { hasselt: string } }) => ({ id: w.org.hasselt });

/** The council's view, matchmaking and the chapter: Hasselt's own; its OCMW and Emmen have no part in them. */
export const councilRoutes: Record<string, RouteCase> = {
  "GET /api/organisations/{id}/council": {
    parties: "register",
    allow: readers("own"),
    effect: "read",
    params: hasselt,
  },
  "POST /api/organisations/{id}/representatives": {
    parties: "register",
    allow: writers("editor", "own"),
    effect: "create",
    params: hasselt,
    body: (w) => ({ collaborationId: w.representativeCollaboration, body: "board", name: "Toegangstest" }),
  },
  "PATCH /api/representatives/{id}": {
    parties: "register",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.representative),
    body: () => ({ office: "Toegangstest" }),
    edit: {
      read: (w) => `/api/organisations/${w.org.hasselt}/council`,
      item: (data, w) =>
        data.collaborations
          .flatMap((c: { representatives: { id: string }[] }) => c.representatives)
          .find((r: { id: string }) => r.id === w.representative),
    },
  },
  "DELETE /api/representatives/{id}": {
    parties: "register",
    allow: writers("editor", "own"),
    effect: "transition",
    params: id((w) => w.representative),
  },
  "PUT /api/organisations/{id}/contributions/{collaborationId}/{year}": {
    parties: "register",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: (w) => ({ id: w.org.hasselt, collaborationId: w.contribution.collaborationId, year: w.contribution.year }),
    body: () => ({ amountCents: 100, source: "Toegangstest" }),
  },
  "DELETE /api/organisations/{id}/contributions/{collaborationId}/{year}": {
    parties: "register",
    allow: writers("editor", "own"),
    effect: "transition",
    params: (w) => ({ id: w.org.hasselt, collaborationId: w.contribution.collaborationId, year: w.contribution.year }),
  },
  "PUT /api/organisations/{id}/public-page": {
    parties: "register",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: hasselt,
    body: () => ({ published: false, sections: [] }),
  },
  "GET /api/public/municipalities/{id}": { parties: "register", allow: anyone, effect: "read", params: hasselt },
  "GET /api/co-creation-themes": { parties: "register", allow: signedIn, effect: "read" },
  "PUT /api/organisations/{id}/co-creation-themes/{theme}": {
    parties: "register",
    allow: writers("editor", "own"),
    effect: "create",
    params: (w) => ({ id: w.org.hasselt, theme: "smartCity" }),
  },
  "DELETE /api/organisations/{id}/co-creation-themes/{theme}": {
    parties: "register",
    allow: writers("editor", "own"),
    effect: "transition",
    params: (w) => ({ id: w.org.hasselt, theme: "smartCity" }),
  },
  "POST /api/co-creation-themes/{theme}/start": {
    parties: "register",
    // Any editor acting for an organisation may try; only one that marked the theme gets further than a 400.
    allow: editorOfOwnOrganisation,
    effect: "create",
    params: () => ({ theme: "smartCity" }),
    body: (w) => ({ kind: "scan", partnerIds: [w.org.genk] }),
  },
  "GET /api/organisations/{id}/chapter": {
    parties: "register",
    allow: readers("own"),
    effect: "read",
    params: hasselt,
  },
  "PUT /api/organisations/{id}/chapter": {
    parties: "register",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: hasselt,
    body: () => ({ body: "# Toegangstest" }),
  },
  "GET /api/organisations/{id}/chapter.docx": {
    parties: "register",
    allow: readers("own"),
    effect: "read",
    params: hasselt,
  },
  "GET /api/organisations/{id}/chapter.pdf": {
    parties: "register",
    allow: readers("own"),
    effect: "read",
    params: hasselt,
  },
  "GET /api/organisations/{id}/chapter.md": {
    parties: "register",
    allow: readers("own"),
    effect: "read",
    params: hasselt,
  },
};
