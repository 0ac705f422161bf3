import { at, id, or, platform, type RouteCase } from "./rules.ts";

/** Hasselt's administrators (people and their tokens alike read; only people give, end and answer). */
const hasseltAdmins = or(platform, at("own", "admin"));
const hasseltAdminPeople = or(platform, at("own", "admin", { people: true }));

/**
 * Mandates: Hasselt's, given to Cipal in the demo. The receiver is no persona of the matrix: its side is tested in
 * the mandates module, and what a mandate opens is tested over every operation in `mandate-scope.test.ts`.
 */
export const mandateRoutes: Record<string, RouteCase> = {
  "GET /api/organisations/{id}/mandates": {
    parties: "register",
    allow: hasseltAdmins,
    effect: "read",
    params: (w) => ({ id: w.org.hasselt }),
  },
  "POST /api/organisations/{id}/mandates": {
    parties: "register",
    allow: hasseltAdminPeople,
    effect: "create",
    params: (w) => ({ id: w.org.hasselt }),
    body: (w) => ({ receiverId: w.org.genk, scopes: ["register"] }),
  },
  // Only the receiver's administrators answer: nobody of Hasselt, OCMW Hasselt or Emmen.
  "POST /api/mandates/{id}/answer": {
    parties: "register",
    allow: platform,
    effect: "transition",
    params: id((w) => w.mandate),
    body: () => ({ accept: true }),
  },
  "POST /api/mandates/{id}/revoke": {
    parties: "register",
    allow: hasseltAdminPeople,
    effect: "transition",
    params: id((w) => w.mandate),
  },
  "GET /api/mandates/{id}/actions": {
    parties: "register",
    allow: hasseltAdmins,
    effect: "read",
    params: id((w) => w.mandate),
  },
};
