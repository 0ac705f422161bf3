import type { MandateScope } from "../../platform/vocabulary.ts";

/** The nine modules of Samen, in the order of the product. */
export const modules = [
  {
    key: "register",
    path: "/organisaties",
    sections: ["/organisaties", "/samenwerkingen", "/kaart", "/netwerk", "/importeren"],
  },
  { key: "catalogue", path: "/partnercatalogus", sections: ["/partnercatalogus", "/frontoffice"] },
  { key: "projects", path: "/partnerprojecten" },
  { key: "newsletter", path: "/nieuwsbrief" },
  { key: "agreements", path: "/gedeelde-diensten" },
  { key: "procurement", path: "/gezamenlijke-aankoop" },
  { key: "surveys", path: "/enquetes" },
  { key: "scan", path: "/samenwerkingsscan" },
  { key: "opportunities", path: "/kansen" },
] as const;

export type ModuleKey = (typeof modules)[number]["key"];

/** The module each task of a mandate belongs to: what the menu offers someone acting under one. */
export const mandateModules: Record<MandateScope, ModuleKey> = {
  surveys: "surveys",
  register: "register",
  settlements: "agreements",
};
