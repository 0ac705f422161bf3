/**
 * `samen seed --scale country`: every real organisation of the register, and years of synthetic work on top,
 * made by a seeded random generator (the same data at every load): collaborations and memberships, catalogues
 * and tickets, framework agreements with sub-agreements and settlements, survey answers, and audit events.
 * For measuring Samen at the size of two countries (bench/, BENCHMARKS.md). Loaded in one transaction: all of it
 * or nothing; a second load finds it there and changes nothing.
 */
import { eq, sql } from "drizzle-orm";
import { systemContext } from "../../platform/context.ts";
import { type Database, rowsOf } from "../../platform/db/client.ts";
import { collaborations, organisations, policyDomains } from "../../platform/db/schema.ts";
import { seededRandom } from "../../platform/random.ts";
import { loadAgreements } from "./agreement-work.ts";
import { loadAuditEvents } from "./audit-work.ts";
import { loadCataloguesAndTickets } from "./catalogue-work.ts";
import { loadCollaborations } from "./register-work.ts";
import { inChunks, type Organisation, type Progress } from "./scale-context.ts";
import { loadSurveys } from "./survey-work.ts";

export interface ScaleSizes {
  collaborations: number;
  memberships: number;
  catalogueEntries: number;
  tickets: number;
  frameworks: number;
  subAgreementsPerFramework: number;
  surveyAnswers: number;
  auditEvents: number;
}

/** The sizes the country scale promises (at least these). */
export const countryScale: ScaleSizes = {
  collaborations: 10_000,
  memberships: 50_000,
  catalogueEntries: 5_000,
  tickets: 50_000,
  frameworks: 500,
  subAgreementsPerFramework: 10,
  surveyAnswers: 100_000,
  auditEvents: 1_000_000,
};

export interface ScaleSummary {
  alreadyLoaded: boolean;
  collaborations: number;
  memberships: number;
  catalogueEntries: number;
  tickets: number;
  frameworks: number;
  subAgreements: number;
  settlements: number;
  surveys: number;
  surveyAnswers: number;
  auditEvents: number;
  seconds: number;
}

/** The first synthetic collaboration's key: there when the country scale is loaded. */
const marker = "syn-c-000001";

export async function loadCountryScale(
  database: Database,
  options: { sizes?: ScaleSizes; seed?: number; progress?: Progress } = {},
): Promise<ScaleSummary> {
  const sizes = options.sizes ?? countryScale;
  const progress = options.progress ?? (() => {});
  const started = performance.now();
  const [present] = await database.db
    .select({ id: collaborations.id })
    .from(collaborations)
    .where(eq(collaborations.key, marker));
  const empty = {
    collaborations: 0,
    memberships: 0,
    catalogueEntries: 0,
    tickets: 0,
    frameworks: 0,
    subAgreements: 0,
    settlements: 0,
    surveys: 0,
    surveyAnswers: 0,
    auditEvents: 0,
  };
  if (present) return { alreadyLoaded: true, ...empty, seconds: 0 };
  const random = seededRandom(options.seed ?? 20_260_101);
  const ctx = systemContext("scale");
  const summary = await database.db.transaction(async (tx) => {
    const orgs = await rowsOf<Organisation>(
      tx,
      sql`SELECT o.id, o.name, o.kind, o.country, o.province_id AS "provinceId",
                 coalesce(o.population, parent.population) AS population
            FROM ${organisations} o LEFT JOIN ${organisations} parent ON parent.id = o.parent_id
           WHERE o.status = 'active' ORDER BY o.key`,
    );
    if (!orgs.some((o) => o.kind === "municipality")) throw new Error("load the register first (samen seed)");
    const domains = (await tx.select({ id: policyDomains.id }).from(policyDomains).orderBy(policyDomains.id)).map(
      (d) => d.id,
    );
    const register = await loadCollaborations(
      tx,
      random,
      orgs,
      { collaborations: sizes.collaborations, memberships: sizes.memberships, hosts: sizes.frameworks },
      domains,
      inChunks,
    );
    progress("collaborations", register.collaborations, sizes.collaborations);
    await tx.execute(sql`ANALYZE collaborations`);
    await tx.execute(sql`ANALYZE memberships`);
    const work = await loadCataloguesAndTickets(tx, ctx, random, orgs, sizes, inChunks, progress);
    const agreements = await loadAgreements(
      tx,
      random,
      orgs,
      register.hosts,
      sizes.subAgreementsPerFramework,
      inChunks,
      progress,
    );
    const surveyed = await loadSurveys(tx, orgs, sizes.surveyAnswers, progress);
    const audit = await loadAuditEvents(tx, random, sizes.auditEvents, progress);
    return {
      collaborations: register.collaborations,
      memberships: register.memberships,
      catalogueEntries: work.entries,
      tickets: work.tickets,
      frameworks: agreements.frameworks,
      subAgreements: agreements.subAgreements,
      settlements: agreements.settlements,
      surveys: surveyed.surveys,
      surveyAnswers: surveyed.answers,
      auditEvents: audit.events,
    };
  });
  return { alreadyLoaded: false, ...summary, seconds: Math.round((performance.now() - started) / 100) / 10 };
}
