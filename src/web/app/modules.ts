/** The nine modules of Samen, in the order of the product; `ready` ones have pages, the others a preview. */
export const modules = [
  {
    key: "register",
    path: "/organisaties",
    ready: true,
    sections: ["/organisaties", "/samenwerkingen", "/kaart", "/netwerk", "/importeren"],
  },
  { key: "catalogue", path: "/partnercatalogus", ready: true, sections: ["/partnercatalogus", "/frontoffice"] },
  { key: "projects", path: "/partnerprojecten", ready: true },
  { key: "newsletter", path: "/nieuwsbrief", ready: true },
  { key: "agreements", path: "/gedeelde-diensten", ready: true },
  { key: "procurement", path: "/gezamenlijke-aankoop", ready: true },
  { key: "surveys", path: "/enquetes", ready: true },
  { key: "scan", path: "/samenwerkingsscan", ready: true },
  { key: "opportunities", path: "/kansen", ready: false },
] as const;

export type ModuleKey = (typeof modules)[number]["key"];
