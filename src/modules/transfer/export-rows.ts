import { asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type CsvDialect, writeCsv } from "../../platform/csv.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { collaborations, memberships, organisations } from "../../platform/db/schema.ts";
import { columnsOf, type TransferKind } from "./formats.ts";

const province = alias(organisations, "province");

/** Every row of one kind, in the exchange format (the same fields an import takes). */
export async function exportRows(db: Queryable, kind: TransferKind): Promise<Record<string, string | number | null>[]> {
  if (kind === "organisations") {
    return db
      .select({
        key: organisations.key,
        kind: organisations.kind,
        country: organisations.country,
        name: organisations.name,
        status: organisations.status,
        nis_code: organisations.nisCode,
        kbo_number: organisations.kboNumber,
        cbs_code: organisations.cbsCode,
        kvk_number: organisations.kvkNumber,
        oin: organisations.oin,
        province_key: province.key,
        population: organisations.population,
        population_date: organisations.populationDate,
        valid_from: organisations.validFrom,
        valid_to: organisations.validTo,
        website: organisations.website,
        source: organisations.source,
      })
      .from(organisations)
      .leftJoin(province, eq(province.id, organisations.provinceId))
      .orderBy(asc(organisations.key));
  }
  if (kind === "collaborations") {
    return db
      .select({
        key: collaborations.key,
        name: collaborations.name,
        form: collaborations.form,
        nature: collaborations.nature,
        country: collaborations.country,
        status: collaborations.status,
        kbo_number: collaborations.kboNumber,
        cbs_code: collaborations.cbsCode,
        seat: collaborations.seat,
        description: collaborations.description,
        started_on: collaborations.startedOn,
        ended_on: collaborations.endedOn,
        // Explicit table names: the select list of a one-table query leaves its columns unqualified.
        domains: sql<
          string | null
        >`(SELECT string_agg(d.domain_id, ';' ORDER BY d.domain_id) FROM collaboration_domains d WHERE d.collaboration_id = "collaborations"."id")`,
        source: collaborations.source,
        source_date: collaborations.sourceDate,
      })
      .from(collaborations)
      .orderBy(asc(collaborations.key));
  }
  return db
    .select({
      collaboration_key: collaborations.key,
      organisation_key: organisations.key,
      role: memberships.role,
      share_basis_points: memberships.shareBasisPoints,
      valid_from: memberships.validFrom,
      valid_to: memberships.validTo,
      source: memberships.source,
      source_date: memberships.sourceDate,
    })
    .from(memberships)
    .innerJoin(collaborations, eq(collaborations.id, memberships.collaborationId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .orderBy(asc(collaborations.key), asc(organisations.key), asc(memberships.validFrom));
}

/** Rows as CSV with the format's header, in either dialect (both import again). */
export function toCsv(
  kind: TransferKind,
  rows: Record<string, string | number | null>[],
  dialect: CsvDialect = "rfc4180",
): string {
  return writeCsv(columnsOf(kind), rows, { dialect });
}
