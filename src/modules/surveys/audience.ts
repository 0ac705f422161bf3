import { and, eq, gte, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "../../platform/db/client.ts";
import type { ResponseSegments, SurveyAudience } from "../../platform/db/schema.ts";
import { memberships, organisations } from "../../platform/db/schema.ts";
import type { OrganisationKind } from "../../platform/vocabulary.ts";

/** An organisation's parent (an OCMW's municipality), for joins. */
export const parentOrganisations = alias(organisations, "parent");
const parents = parentOrganisations;
const today = () => new Date().toISOString().slice(0, 10);

/** The size class of a population: how many thresholds it reaches (0 is the smallest class); null if unknown. */
export const sizeClassOf = (population: number | null | undefined, thresholds: readonly number[]) =>
  population === null || population === undefined ? null : thresholds.filter((t) => population >= t).length;

/** Organisations with what the results are split by: kind, province, population (an OCMW's is its municipality's). */
export async function profilesOf(
  db: Queryable,
  ids: readonly string[] | null,
  filter?: { kinds: OrganisationKind[]; provinceIds: string[] },
) {
  const conditions = [eq(organisations.status, "active")];
  if (ids) conditions.push(inArray(organisations.id, [...ids]));
  if (filter?.kinds.length) conditions.push(inArray(organisations.kind, filter.kinds as OrganisationKind[]));
  if (filter?.provinceIds.length) conditions.push(inArray(organisations.provinceId, filter.provinceIds));
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      provinceId: organisations.provinceId,
      population: sql<number | null>`coalesce(${organisations.population}, ${parents.population})`,
    })
    .from(organisations)
    .leftJoin(parents, eq(parents.id, organisations.parentId))
    .where(and(...conditions));
}

/** The collaborations each organisation takes part in today. */
export async function collaborationsOf(db: Queryable, ids: readonly string[]) {
  const out = new Map<string, string[]>();
  if (!ids.length) return out;
  const rows = await db
    .select({ organisationId: memberships.organisationId, collaborationId: memberships.collaborationId })
    .from(memberships)
    .where(
      and(
        inArray(memberships.organisationId, [...ids]),
        or(isNull(memberships.validTo), gte(memberships.validTo, today())),
      ),
    );
  for (const r of rows) out.set(r.organisationId, [...(out.get(r.organisationId) ?? []), r.collaborationId]);
  return out;
}

/** Who a survey's audience names: every active organisation that passes all the filters given, and those added by hand. */
export async function resolveAudience(db: Queryable, audience: SurveyAudience, thresholds: readonly number[]) {
  const filtered =
    audience.kinds.length ||
    audience.provinceIds.length ||
    audience.sizeClasses.length ||
    audience.collaborationIds.length;
  let ids: string[] = [];
  if (filtered) {
    let candidates = await profilesOf(db, null, audience);
    if (audience.sizeClasses.length) {
      candidates = candidates.filter((c) => audience.sizeClasses.includes(sizeClassOf(c.population, thresholds) ?? -1));
    }
    ids = candidates.map((c) => c.id);
    if (audience.collaborationIds.length && ids.length) {
      const members = await db
        .selectDistinct({ id: memberships.organisationId })
        .from(memberships)
        .where(
          and(
            inArray(memberships.collaborationId, audience.collaborationIds),
            or(isNull(memberships.validTo), gte(memberships.validTo, today())),
          ),
        );
      const set = new Set(members.map((m) => m.id));
      ids = ids.filter((id) => set.has(id));
    }
  }
  const extra = audience.organisationIds.length
    ? (await profilesOf(db, audience.organisationIds)).map((o) => o.id)
    : [];
  return [...new Set([...ids, ...extra])];
}

/**
 * What the register knows of an organisation now, as columns of a query over `organisations` left-joined to
 * `parentOrganisations`: kind, province, population (an OCMW's is its municipality's) and collaborations.
 */
export const segmentColumns = (on: string | SQL = today()) => ({
  kind: organisations.kind,
  provinceId: organisations.provinceId,
  population: sql<number | null>`coalesce(${organisations.population}, ${parents.population})`,
  collaborationIds: sql<string[]>`array(
    select ${memberships.collaborationId} from ${memberships}
     where ${memberships.organisationId} = ${organisations.id}
       and (${memberships.validTo} is null or ${memberships.validTo} >= ${on}))`,
});

/** The segments kept with an answer, from a row with segmentColumns (an organisation not found is "other"). */
export const segmentsFrom = (row: Partial<ResponseSegments> | undefined): ResponseSegments => ({
  kind: row?.kind ?? "other",
  provinceId: row?.provinceId ?? null,
  population: row?.population ?? null,
  collaborationIds: row?.collaborationIds ?? [],
});

/** What the register knows of an organisation now, kept with its answer. */
export async function segmentsOf(db: Queryable, organisationId: string): Promise<ResponseSegments> {
  const [row] = await db
    .select(segmentColumns())
    .from(organisations)
    .leftJoin(parents, eq(parents.id, organisations.parentId))
    .where(eq(organisations.id, organisationId));
  return segmentsFrom(row);
}
