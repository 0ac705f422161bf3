import { eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { organisations } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { type OrganisationAction, organisationPolicy } from "./policy.ts";

export const province = alias(organisations, "province");

/** The columns every organisation read selects, province name included. */
export const summaryColumns = {
  id: organisations.id,
  key: organisations.key,
  kind: organisations.kind,
  country: organisations.country,
  name: organisations.name,
  altNames: organisations.altNames,
  nisCode: organisations.nisCode,
  kboNumber: organisations.kboNumber,
  cbsCode: organisations.cbsCode,
  kvkNumber: organisations.kvkNumber,
  oin: organisations.oin,
  provinceId: organisations.provinceId,
  provinceName: province.name,
  population: organisations.population,
  populationDate: organisations.populationDate,
  populationSource: organisations.populationSource,
  status: organisations.status,
  validFrom: organisations.validFrom,
  validTo: organisations.validTo,
};

type OrganisationRow = typeof organisations.$inferSelect;

export type SummaryRow = Pick<
  OrganisationRow,
  | "id"
  | "key"
  | "kind"
  | "country"
  | "name"
  | "altNames"
  | "nisCode"
  | "kboNumber"
  | "cbsCode"
  | "kvkNumber"
  | "oin"
  | "provinceId"
  | "population"
  | "populationDate"
  | "populationSource"
  | "status"
  | "validFrom"
  | "validTo"
> & { provinceName: string | null };

export function presentSummary(row: SummaryRow) {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    country: row.country,
    name: row.name,
    altNames: row.altNames,
    identifiers: { nis: row.nisCode, kbo: row.kboNumber, cbs: row.cbsCode, kvk: row.kvkNumber, oin: row.oin },
    province: row.provinceId && row.provinceName ? { id: row.provinceId, name: row.provinceName } : null,
    population: row.population,
    populationDate: row.populationDate,
    populationSource: row.populationSource,
    status: row.status,
    validFrom: row.validFrom,
    validTo: row.validTo,
  };
}

export async function findOrganisation(db: Queryable, id: string) {
  const [row] = await db
    .select({ ...summaryColumns, version: organisations.version })
    .from(organisations)
    .leftJoin(province, eq(province.id, organisations.provinceId))
    .where(eq(organisations.id, id));
  return row ?? null;
}

export const lowerName = sql`lower(${organisations.name})`;

/**
 * The organisation an action concerns, after its policy allowed the action; "not found" both when it does not
 * exist and when the actor may not see it, so a refusal reveals nothing.
 */
export async function organisationFor(db: Queryable, actor: Actor, id: string, action: OrganisationAction) {
  const [organisation] = await db.select().from(organisations).where(eq(organisations.id, id));
  if (!organisation) throw notFound("organisation");
  authorize(organisationPolicy, actor, action, organisation, { conceal: "organisation" });
  return organisation;
}

/** The names of organisations by id (the register's names: what Samen says, never what a user typed). */
export async function namesOf(db: Queryable, ids: readonly string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
