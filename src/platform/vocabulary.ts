/**
 * The fixed lists of the register, shared by the database schema, the API and the web app.
 * Kept free of imports so the web app can use them without pulling in the server.
 */

/** Kinds of organisation in the register (PRODUCT.md, module 1). */
export const organisationKinds = [
  "province",
  "municipality",
  "ocmw",
  "intermunicipal",
  "nonprofit",
  "company",
  "other",
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const organisationStatuses = ["active", "merged", "dissolved"] as const;
export type OrganisationStatus = (typeof organisationStatuses)[number];

export const countries = ["BE", "NL"] as const;
export type Country = (typeof countries)[number];

/** A user's role in an organisation, from least to most. */
export const roles = ["viewer", "editor", "admin"] as const;
export type Role = (typeof roles)[number];
