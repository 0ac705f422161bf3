/**
 * The database schema, one file per part of the product: the register with accounts and the audit trail, the
 * partner catalogue with the front office, shared services. Drizzle and its migrations read it from here.
 */
export * from "./schema/agreements.ts";
export * from "./schema/catalogue.ts";
export * from "./schema/council.ts";
export * from "./schema/newsletter.ts";
export * from "./schema/procurement.ts";
export * from "./schema/projects.ts";
export * from "./schema/register.ts";
export * from "./schema/surveys.ts";
