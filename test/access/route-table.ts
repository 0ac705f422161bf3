import { agreementRoutes } from "./routes-agreements.ts";
import { catalogueRoutes } from "./routes-catalogue.ts";
import { councilRoutes } from "./routes-council.ts";
import { mandateRoutes } from "./routes-mandates.ts";
import { newsletterRoutes } from "./routes-newsletter.ts";
import { procurementRoutes } from "./routes-procurement.ts";
import { projectRoutes } from "./routes-projects.ts";
import { registerRoutes } from "./routes-register.ts";
import { surveyRoutes } from "./routes-surveys.ts";
import type { RouteCase } from "./rules.ts";

/**
 * Who may do what: every operation of the API with the organisations it concerns, the rule of who is let through,
 * and how to ask without spoiling the world (the language is in `rules.ts`, the entries per part of the product
 * beside it). One table for the whole API; a test fails when the OpenAPI document has an operation this table does
 * not name (so a new route is covered the day it is added), or names one it does not have.
 */
export const routeTable: Record<string, RouteCase> = {
  ...registerRoutes,
  ...catalogueRoutes,
  ...agreementRoutes,
  ...surveyRoutes,
  ...projectRoutes,
  ...newsletterRoutes,
  ...procurementRoutes,
  ...councilRoutes,
  ...mandateRoutes,
};

/** The operations an OpenAPI document has that the table does not name, and those it names that are gone. */
export function tableGaps(spec: { paths: Record<string, Record<string, unknown>> }, table = routeTable) {
  const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
  return {
    missing: operations.filter((op) => !(op in table)),
    stale: Object.keys(table).filter((op) => !operations.includes(op)),
  };
}
