import { anyone, at, id, or, platform, type RouteCase, readers, writers } from "./rules.ts";

const provider = (w: { org: { limburg: string } }) => ({ providerId: w.org.limburg });

/** Limburg's newsletter: its people keep subscribers and drafts; what was sent is public. */
export const newsletterRoutes: Record<string, RouteCase> = {
  "GET /api/newsletters/{providerId}/subscribers": {
    parties: "newsletter",
    allow: readers("own"),
    effect: "read",
    params: provider,
  },
  "POST /api/newsletters/{providerId}/subscribers": {
    parties: "newsletter",
    allow: writers("editor", "own"),
    effect: "create",
    params: provider,
    body: () => ({ email: "toegangstest@example.be" }),
  },
  "POST /api/newsletters/{providerId}/subscribe": { parties: "newsletter", allow: anyone, effect: "public" },
  "POST /api/newsletter-subscriptions/{id}/confirm": { parties: "newsletter", allow: anyone, effect: "public" },
  "POST /api/newsletter-subscriptions/{id}/unsubscribe": { parties: "newsletter", allow: anyone, effect: "public" },
  "GET /api/newsletters/{providerId}/issues": {
    parties: "newsletter",
    allow: readers("own"),
    effect: "read",
    params: provider,
  },
  "POST /api/newsletters/{providerId}/issues": {
    parties: "newsletter",
    allow: writers("editor", "own"),
    effect: "create",
    params: provider,
    body: () => ({ month: "2026-10" }),
  },
  "GET /api/newsletter-issues/{id}": {
    parties: "newsletter",
    allow: readers("own"),
    effect: "read",
    params: id((w) => w.issue),
  },
  "GET /api/newsletter-issues/{id}/preview": {
    parties: "newsletter",
    allow: readers("own"),
    effect: "read",
    params: id((w) => w.issue),
  },
  "PATCH /api/newsletter-issues/{id}": {
    parties: "newsletter",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.issue),
    body: () => ({ subject: "Toegangstest" }),
    edit: { read: (w) => `/api/newsletter-issues/${w.issue}` },
  },
  "POST /api/newsletter-issues/{id}/send": {
    parties: "newsletter",
    // A person sends, never a token.
    allow: or(platform, at("own", "editor", { people: true })),
    effect: "transition",
    params: id((w) => w.issue),
  },
  "GET /api/newsletters/{providerId}/archive": {
    parties: "newsletter",
    allow: anyone,
    effect: "read",
    params: provider,
  },
  "GET /api/newsletter-archive/{id}": {
    parties: "newsletter",
    allow: anyone,
    effect: "read",
    params: id((w) => w.archivedIssue),
  },
  "GET /api/newsletters/{providerId}/feed.atom": {
    parties: "newsletter",
    allow: anyone,
    effect: "read",
    params: provider,
  },
};
