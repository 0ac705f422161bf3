import { and, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { readDataCsv } from "../../platform/data-files.ts";
import type { Tx } from "../../platform/db/client.ts";
import { organisations, partnerRelations } from "../../platform/db/schema.ts";

type NewOrganisation = typeof organisations.$inferInsert;
/** A row of the register with its relations named by key, resolved to ids once every row exists. */
type RegisterRow = NewOrganisation & { provinceKey?: string; parentKey?: string; mergedIntoKey?: string };

const BE_POPULATION_DATE = "2020-01-01";
const BE_POPULATION_SOURCE =
  "Statbel, bevolking op 1 januari 2020 (voor een fusiegemeente: de som van haar deelgemeenten)";

/**
 * A population figure the import brings replaces the stored one only if it is not older: a newer figure someone
 * imported (`samen import population`) survives a later `samen seed` with the shipped, older one.
 */
const newerPopulation = (column: "population" | "population_date" | "population_source") =>
  sql.raw(
    `CASE WHEN organisations.population_date IS NULL OR excluded.population_date >= organisations.population_date THEN excluded.${column} ELSE organisations.${column} END`,
  );
/** The provider organisation of the demo and of Limburg's partnership: it serves its municipalities. */
export const LIMBURG_PROVINCE_KEY = "be-province-70000";

/** The organisations of the real register, built from the files in data/ (see data/SOURCES.md). */
export function readRegisterFiles(): {
  provinces: NewOrganisation[];
  others: RegisterRow[];
} {
  const provinces = new Map<string, NewOrganisation>();
  const others: RegisterRow[] = [];

  const kboByNis = new Map<string, string>();
  const kboByNis2019 = new Map<string, string>();
  for (const { values } of readDataCsv("be_municipality_kbo_2023.csv")) {
    if (!values.municipality_kbo) continue;
    kboByNis2019.set(values.municipality_nis2019 ?? "", values.municipality_kbo);
    // A municipality that merged in 2025 is a new legal person; its predecessors' KBO numbers are not its own.
    if (values.municipality_nis2019 === values.municipality_nis2025)
      kboByNis.set(values.municipality_nis2019 ?? "", values.municipality_kbo);
  }

  for (const { values: v } of readDataCsv("be_municipalities_2025.csv")) {
    const nis = v.nis2025 ?? "";
    const provinceNis = v.province_nis ?? "";
    const provinceKey = provinceNis ? `be-province-${provinceNis}` : undefined;
    if (provinceKey && !provinces.has(provinceKey)) {
      provinces.set(provinceKey, {
        key: provinceKey,
        kind: "province",
        country: "BE",
        name: v.province_nl ?? provinceKey,
        nisCode: provinceNis,
        source: "REFNIS 2025 (Statbel)",
      });
    }
    const merged = v.merged_2025 === "yes";
    const altNames: Record<string, string> = {};
    if (v.name_fr && v.name_fr !== v.name_nl) altNames.fr = v.name_fr;
    if (v.name_de && v.name_de !== v.name_nl) altNames.de = v.name_de;
    const municipality = {
      key: `be-municipality-${nis}`,
      kind: "municipality" as const,
      country: "BE" as const,
      name: v.name_nl ?? nis,
      altNames,
      nisCode: nis,
      kboNumber: merged ? null : (kboByNis.get(nis) ?? null),
      population: v.population_2020_01_01 ? Number(v.population_2020_01_01) : null,
      populationDate: v.population_2020_01_01 ? BE_POPULATION_DATE : null,
      populationSource: v.population_2020_01_01 ? BE_POPULATION_SOURCE : null,
      validFrom: v.valid_from || null,
      wikidata: v.wikidata || null,
      source: "REFNIS 2025 (Statbel); bevolking Statbel 1 januari 2020",
      ...(provinceKey ? { provinceKey } : {}),
    };
    others.push(municipality);
    // Every Flemish municipality has its own OCMW (public centre for social welfare), integrated since 2019.
    if (v.region_nis === "2000") {
      others.push({
        key: `be-ocmw-${nis}`,
        kind: "ocmw",
        country: "BE",
        name: `OCMW ${municipality.name}`,
        nisCode: null,
        validFrom: municipality.validFrom,
        source: "één OCMW per Vlaamse gemeente (Decreet over het lokaal bestuur)",
        parentKey: municipality.key,
        ...(provinceKey ? { provinceKey } : {}),
      });
    }
  }

  // The municipalities that merged on 1 January 2025 and disappeared as such: kept, dated, pointing to their successor.
  const byNis2019 = new Map(
    readDataCsv("be_municipalities_2019_pop2020.csv").map(({ values }) => [values.nis2019 ?? "", values]),
  );
  for (const { values: fusion } of readDataCsv("be_fusions_2025.csv")) {
    const nis = fusion.nis2019 ?? "";
    if (!nis || nis === fusion.nis2025) continue;
    const old = byNis2019.get(nis);
    const provinceKey = old?.province_nis ? `be-province-${old.province_nis}` : undefined;
    others.push({
      key: `be-municipality-${nis}`,
      kind: "municipality",
      country: "BE",
      name: fusion.name2019_nl ?? nis,
      altNames: old?.name_fr && old.name_fr !== fusion.name2019_nl ? { fr: old.name_fr } : {},
      nisCode: nis,
      kboNumber: kboByNis2019.get(nis) ?? null,
      population: old?.population_2020_01_01 ? Number(old.population_2020_01_01) : null,
      populationDate: old?.population_2020_01_01 ? BE_POPULATION_DATE : null,
      populationSource: old?.population_2020_01_01 ? BE_POPULATION_SOURCE : null,
      status: "merged",
      validTo: "2024-12-31",
      source: "REFNIS 2019 (Statbel); fusie 1 januari 2025 (REFNIS 2025)",
      mergedIntoKey: `be-municipality-${fusion.nis2025}`,
      ...(provinceKey ? { provinceKey } : {}),
    });
  }

  const nlPopulation = new Map(
    readDataCsv("nl_population_2024.csv").map(({ values: p }) => [p.gm_code ?? "", p] as const),
  );
  for (const { values: v } of readDataCsv("nl_gemeenten_2025.csv")) {
    const counted = nlPopulation.get(v.gm_code ?? "");
    const provinceKey = `nl-province-${v.province_code}`;
    if (!provinces.has(provinceKey)) {
      provinces.set(provinceKey, {
        key: provinceKey,
        kind: "province",
        country: "NL",
        name: `Provincie ${v.province_name}`,
        cbsCode: v.province_code ?? null,
        source: "CBS gebiedsindelingen 2025",
      });
    }
    others.push({
      key: `nl-municipality-${v.gm_code}`,
      kind: "municipality",
      country: "NL",
      name: v.name ?? v.gm_code ?? "",
      cbsCode: v.gm_code ?? null,
      population: counted?.population ? Number(counted.population) : null,
      populationDate: counted?.population ? (counted.reference_date ?? null) : null,
      populationSource: counted?.population ? (counted.source ?? null) : null,
      validFrom: null,
      source: "CBS gebiedsindelingen 2025",
      provinceKey,
    });
  }
  return { provinces: [...provinces.values()], others };
}

const upsertColumns = [
  "kind",
  "country",
  "name",
  "altNames",
  "nisCode",
  "kboNumber",
  "cbsCode",
  "validFrom",
  "validTo",
  "status",
  "wikidata",
  "source",
] as const;

async function upsert(tx: Tx, rows: NewOrganisation[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const set = {
      ...(Object.fromEntries(upsertColumns.map((c) => [c, sql.raw(`excluded.${organisations[c].name}`)])) as Record<
        (typeof upsertColumns)[number],
        ReturnType<typeof sql.raw>
      >),
      population: newerPopulation("population"),
      populationDate: newerPopulation("population_date"),
      populationSource: newerPopulation("population_source"),
    };
    const result = await tx
      .insert(organisations)
      .values(batch)
      .onConflictDoUpdate({ target: organisations.key, set })
      .returning({ id: organisations.id, key: organisations.key });
    for (const r of result) ids.set(r.key, r.id);
  }
  return ids;
}

export interface RegisterImportResult {
  provinces: number;
  municipalities: number;
  mergedMunicipalities: number;
  ocmws: number;
  partnerClients: number;
}

/**
 * Loads the real register (provinces, all Belgian and Dutch municipalities, the Flemish OCMWs) and the
 * partner relation of Provincie Limburg to its municipalities. Idempotent: a second run updates in place.
 */
export async function importRegister(tx: Tx, ctx: RequestContext): Promise<RegisterImportResult> {
  const { provinces, others } = readRegisterFiles();
  const provinceIds = await upsert(tx, provinces);
  const rows: NewOrganisation[] = others.map(({ provinceKey, parentKey: _parent, mergedIntoKey: _merged, ...row }) => ({
    ...row,
    provinceId: provinceKey ? (provinceIds.get(provinceKey) ?? null) : null,
  }));
  const ids = await upsert(tx, rows);
  for (const { key, parentKey, mergedIntoKey } of others) {
    const id = ids.get(key);
    const parentId = parentKey ? ids.get(parentKey) : undefined;
    const mergedIntoId = mergedIntoKey ? ids.get(mergedIntoKey) : undefined;
    if (id && parentId) await tx.update(organisations).set({ parentId }).where(eq(organisations.id, id));
    if (id && mergedIntoId) await tx.update(organisations).set({ mergedIntoId }).where(eq(organisations.id, id));
  }

  const limburgId = provinceIds.get(LIMBURG_PROVINCE_KEY);
  let partnerClients = 0;
  if (limburgId) {
    const clients = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(
        and(
          eq(organisations.provinceId, limburgId),
          inArray(organisations.kind, ["municipality"]),
          eq(organisations.status, "active"),
        ),
      );
    if (clients.length) {
      await tx
        .insert(partnerRelations)
        .values(clients.map((c) => ({ providerId: limburgId, clientId: c.id, since: "2025-01-01" })))
        .onConflictDoNothing();
    }
    partnerClients = clients.length;
  }
  const result = {
    provinces: provinces.length,
    municipalities: others.filter((o) => o.kind === "municipality" && o.status !== "merged").length,
    mergedMunicipalities: others.filter((o) => o.status === "merged").length,
    ocmws: others.filter((o) => o.kind === "ocmw").length,
    partnerClients,
  };
  // Fresh statistics, so the planner knows the register holds a thousand rows, not one.
  await tx.execute(sql`ANALYZE organisations`);
  await recordAudit(tx, ctx, {
    entityType: "register",
    entityId: "reference-data",
    ownerOrganisationId: null,
    action: "import",
    after: result,
  });
  // The register's names were just written in bulk: the search's plans need their statistics (the embedded
  // database has no autovacuum to gather them).
  await tx.execute(sql`ANALYZE organisations, organisation_names`);
  return result;
}
