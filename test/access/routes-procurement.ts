import { anyone, at, id, or, type RouteCase, readers, signedIn, writers } from "./rules.ts";
import { minimalPdf, relations } from "./world.ts";

/** Whoever edits for the organisation they act for: it is the one that opens a purchase, declares or calls off. */
const editorOfOwnOrganisation = or(...relations.map((r) => at(r, "editor", { write: true })));
const hasselt = (w: { org: { hasselt: string } }) => ({ id: w.org.hasselt });

/** Joint procurement: Limburg leads; Hasselt declares; Emmen is no party but may join or call off. */
export const procurementRoutes: Record<string, RouteCase> = {
  "GET /api/purchase-bundles": { parties: "purchase", allow: signedIn, effect: "read" },
  "POST /api/purchase-bundles": {
    parties: "purchase",
    allow: editorOfOwnOrganisation,
    effect: "create",
    body: () => ({
      title: "Toegangstest",
      subject: "other",
      demandOpensOn: "2027-01-01",
      demandClosesOn: "2027-02-01",
    }),
  },
  "GET /api/purchase-bundles/{id}": {
    parties: "purchase",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.bundle),
  },
  "PATCH /api/purchase-bundles/{id}": {
    parties: "purchase",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.bundle),
    body: () => ({ description: "Toegangstest" }),
    edit: { read: (w) => `/api/purchase-bundles/${w.bundle}` },
  },
  "POST /api/purchase-bundles/{id}/status": {
    parties: "purchase",
    allow: writers("editor", "own"),
    effect: "transition",
    params: id((w) => w.bundle),
    body: () => ({ status: "tendering" }),
  },
  "POST /api/purchase-bundles/{id}/lots": {
    parties: "purchase",
    allow: writers("editor", "own"),
    effect: "create",
    params: id((w) => w.bundle),
    body: () => ({ title: "Toegangstest", cpvCode: "30192000-1", unit: "stuk" }),
  },
  "PATCH /api/purchase-lots/{id}": {
    parties: "purchase",
    allow: writers("editor", "own"),
    effect: "versioned",
    params: id((w) => w.lot),
    body: () => ({ title: "Toegangstest" }),
    edit: {
      read: (w) => `/api/purchase-bundles/${w.bundle}`,
      item: (data, w) => data.lotList.find((l: { id: string }) => l.id === w.lot),
      derived: ["totals"],
    },
  },
  "POST /api/purchase-bundles/{id}/participants": {
    parties: "purchase",
    // The lead buyer invites; Hasselt's own editors join it themselves (it takes part already: told so).
    allow: writers("editor", "own", "served"),
    effect: "create",
    params: id((w) => w.bundle),
    body: (w) => ({ organisationId: w.org.hasselt }),
  },
  "POST /api/purchase-bundles/{id}/declarations": {
    parties: "purchase",
    allow: editorOfOwnOrganisation,
    effect: "create",
    params: id((w) => w.bundle),
    body: (w) => ({ lotId: w.lot, quantity: 1, unitPriceCents: 100 }),
  },
  "POST /api/purchase-bundles/{id}/call-offs": {
    parties: "purchase",
    allow: editorOfOwnOrganisation,
    effect: "create",
    params: id((w) => w.awardedBundle),
    body: (w) => ({ lotId: w.awardedLot, quantity: 1, unitPriceCents: 100 }),
  },
  "PATCH /api/purchase-declarations/{id}": {
    parties: "purchase",
    allow: writers("editor", "served"),
    effect: "versioned",
    params: id((w) => w.declaration),
    body: () => ({ quantity: 1 }),
    edit: {
      read: (w) => `/api/purchase-bundles/${w.bundle}`,
      item: (data, w) =>
        data.participantList
          .flatMap((p: { declarations: { id: string }[] | null }) => p.declarations ?? [])
          .find((d: { id: string }) => d.id === w.declaration),
      derived: ["baselineCents"],
    },
  },
  "POST /api/purchase-bundles/{id}/awards": {
    parties: "purchase",
    allow: writers("editor", "own"),
    effect: "transition",
    params: id((w) => w.awardedBundle),
    body: (w) => ({
      lotId: w.awardedLot,
      supplier: { name: "Toegangstest", scheme: "BE-BCE_KBO", identifier: "0999000197" },
      unitPriceCents: 1,
      awardedOn: "2026-01-01",
      reason: "Toegangstest",
    }),
  },
  "GET /api/purchase-bundles/{id}/savings": {
    parties: "purchase",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.awardedBundle),
  },
  "GET /api/purchase-bundles/{id}/savings.csv": {
    parties: "purchase",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.awardedBundle),
  },
  "GET /api/purchase-bundles/{id}/savings.xlsx": {
    parties: "purchase",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.awardedBundle),
  },
  "GET /api/purchase-bundles/{id}/releases.json": {
    parties: "purchase",
    allow: anyone,
    effect: "read",
    params: id((w) => w.awardedBundle),
  },
  "GET /api/purchase-bundles/{id}/record.json": {
    parties: "purchase",
    allow: anyone,
    effect: "read",
    params: id((w) => w.awardedBundle),
  },
  "GET /api/purchase-dashboard": {
    parties: "purchase",
    allow: readers("own"),
    effect: "read",
    query: (w) => `leadBuyerId=${w.org.limburg}`,
  },
  "GET /api/organisations/{id}/purchase-savings": {
    parties: "purchase",
    allow: readers("served"),
    effect: "read",
    params: hasselt,
  },
  "POST /api/organisations/{id}/savings-uses": {
    parties: "purchase",
    allow: writers("editor", "served"),
    effect: "create",
    params: hasselt,
    body: () => ({ label: "Toegangstest", costCents: 100 }),
  },
  "PATCH /api/savings-uses/{id}": {
    parties: "purchase",
    allow: writers("editor", "served"),
    effect: "versioned",
    params: id((w) => w.savingsUse),
    body: () => ({ label: "Toegangstest" }),
    edit: {
      read: (w) => `/api/organisations/${w.org.hasselt}/purchase-savings`,
      item: (data, w) => data.uses.find((u: { id: string }) => u.id === w.savingsUse),
      derived: ["times"],
    },
  },
  "DELETE /api/savings-uses/{id}": {
    parties: "purchase",
    allow: writers("editor", "served"),
    effect: "transition",
    params: id((w) => w.savingsUse),
  },
  "POST /api/purchase-bundles/{id}/documents": {
    parties: "purchase",
    allow: writers("editor", "own"),
    effect: "create",
    params: id((w) => w.bundle),
    query: () => "title=Toegangstest&filename=toegangstest.pdf",
    contentType: "application/pdf",
    body: () => minimalPdf,
  },
  "GET /api/purchase-documents/{id}": {
    parties: "purchase",
    allow: signedIn,
    effect: "read",
    params: id((w) => w.purchaseDocument),
  },
};
