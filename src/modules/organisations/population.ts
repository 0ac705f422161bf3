import { and, eq, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import { readCsv } from "../../platform/csv.ts";
import { readDataCsv } from "../../platform/data-files.ts";
import type { Tx } from "../../platform/db/client.ts";
import { organisations } from "../../platform/db/schema.ts";
import { readXlsx } from "../../platform/xlsx-read.ts";

/** A municipality's population on a day, from an official table: the register's key, the figure, its date, its source. */
export interface PopulationFigure {
  key: string;
  population: number;
  date: string;
  source: string;
}

/** Why a table could not be read as population figures, in words for the command line. */
export class PopulationTableError extends Error {}

const shippedSource = "CBS StatLine 85984NED Kerncijfers wijken en buurten 2024, AantalInwoners_5";

/** The Dutch municipalities' population Samen ships (CBS, 1 January 2024), as register keys. */
export function shippedDutchPopulation(): PopulationFigure[] {
  return readDataCsv("nl_population_2024.csv").map(({ values: v }) => ({
    key: `nl-municipality-${v.gm_code}`,
    population: Number(v.population),
    date: v.reference_date ?? "2024-01-01",
    source: v.source ?? shippedSource,
  }));
}

/** A municipal code as the register keys it: a CBS code (GM0114, 0114, 114) or a five-digit NIS code. */
export function municipalityKey(code: string): string | null {
  const c = code.trim().toUpperCase();
  if (/^GM\d{4}$/.test(c)) return `nl-municipality-${c}`;
  if (/^\d{5}$/.test(c)) return `be-municipality-${c}`;
  if (/^\d{1,4}$/.test(c)) return `nl-municipality-GM${c.padStart(4, "0")}`;
  return null;
}

const columnOf = (header: string[], pattern: RegExp) => header.find((h) => pattern.test(h.trim()));

/**
 * Population figures from an official table as it is downloaded:
 * - CBS StatLine 03759ned (or any StatLine table) as CSV, "onbewerkte dataset": columns `RegioS` (GM0114),
 *   `Perioden` (2024JJ00) and a `Bevolking…` measure; rows for other breakdowns (sex, age, marital status) must be
 *   filtered to their totals before download, and a table that still holds several rows per municipality and year is
 *   refused.
 * - Statbel's population by municipality, as CSV or Excel: a `CD_REFNIS` / `Refnis` / `NIS` code column and a
 *   `MS_POPULATION` / `Totaal` / `Bevolking` column; rows per sex, age or nationality are added up per municipality.
 *   Statbel's files carry no date, so `date` (the 1 January they count) is needed.
 * - Samen's own form: `code,population,reference_date,source`.
 * The latest year in a StatLine table is taken.
 */
export async function readPopulationTable(
  bytes: Uint8Array,
  filename: string,
  options: { date?: string; source?: string } = {},
): Promise<PopulationFigure[]> {
  let header: string[];
  let rows: Record<string, string>[];
  if (/\.xlsx$/i.test(filename)) {
    const sheets = await readXlsx(bytes);
    const sheet = [...sheets.values()][0] ?? [];
    const at = sheet.findIndex((r) =>
      r.some((cell) => /^(cd_refnis|refnis|nis|nis-code|niscode|code)$/i.test(cell.trim())),
    );
    if (at < 0)
      throw new PopulationTableError("no column with municipal codes (CD_REFNIS, Refnis or NIS) in the first sheet");
    header = (sheet[at] ?? []).map((h) => h.trim());
    rows = sheet.slice(at + 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""])));
  } else {
    const csv = readCsv(Buffer.from(bytes).toString("utf8"));
    header = csv.header;
    rows = csv.rows.map((r) => Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k.trim(), v])));
  }
  const region = columnOf(header, /^(regios|regio's|gm_code|code|cd_refnis|refnis|nis|nis-code|niscode)$/i);
  const measure = columnOf(header, /^(bevolking|population|ms_population|totaal|aantal ?inwoners)/i);
  if (!region) throw new PopulationTableError(`no column with municipal codes among: ${header.join(", ")}`);
  if (!measure) throw new PopulationTableError(`no column with the population among: ${header.join(", ")}`);
  const period = columnOf(header, /^(perioden|reference_date|peildatum)$/i);
  const sourceColumn = columnOf(header, /^source$/i);
  const isStatLine = /^regios$/i.test(region) || /^perioden$/i.test(period ?? "");
  const dateOf = (row: Record<string, string>) => {
    const value = period ? (row[period] ?? "").trim() : "";
    const statLine = /^(\d{4})JJ00$/.exec(value);
    if (statLine) return `${statLine[1]}-01-01`;
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    if (options.date) return options.date;
    throw new PopulationTableError(
      "the table says not which day it counts: give --date YYYY-MM-DD (1 January of the year)",
    );
  };
  const figures = new Map<string, PopulationFigure>();
  for (const row of rows) {
    const key = municipalityKey(row[region] ?? "");
    const raw = (row[measure] ?? "").replace(/[\s.]/g, "").replace(",", ".");
    if (!key || !raw || !/^\d+$/.test(raw)) continue;
    const date = dateOf(row);
    const source =
      options.source ??
      (sourceColumn ? row[sourceColumn] : undefined) ??
      (isStatLine ? "CBS StatLine, bevolking op 1 januari" : "Statbel, bevolking per gemeente");
    const id = `${key}|${date}`;
    const known = figures.get(id);
    if (known && isStatLine) {
      throw new PopulationTableError(
        `several rows for ${row[region]} in ${date}: filter the table to the totals of sex, age and marital status before downloading`,
      );
    }
    // Statbel counts per sex, age or nationality: added up per municipality.
    figures.set(id, { key, population: (known?.population ?? 0) + Number(raw), date, source: source ?? "" });
  }
  // The latest day per municipality.
  const latest = new Map<string, PopulationFigure>();
  for (const f of figures.values()) {
    const before = latest.get(f.key);
    if (!before || f.date > before.date) latest.set(f.key, f);
  }
  if (!latest.size) throw new PopulationTableError("no row with a municipal code and a population");
  return [...latest.values()];
}

/**
 * Stores population figures in the register where they are not older than what it holds. Returns how many were
 * stored, kept because the register's were newer, and not found.
 */
export async function applyPopulation(tx: Tx, ctx: RequestContext, figures: readonly PopulationFigure[]) {
  let stored = 0;
  let older = 0;
  const unknown: string[] = [];
  for (const f of figures) {
    const [row] = await tx
      .select({ id: organisations.id, date: organisations.populationDate })
      .from(organisations)
      .where(eq(organisations.key, f.key));
    if (!row) {
      unknown.push(f.key);
      continue;
    }
    if (row.date && row.date > f.date) {
      older++;
      continue;
    }
    await tx
      .update(organisations)
      .set({
        population: f.population,
        populationDate: f.date,
        populationSource: f.source,
        version: sql`${organisations.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(organisations.id, row.id));
    stored++;
  }
  await recordAudit(tx, ctx, {
    entityType: "register",
    entityId: "population",
    ownerOrganisationId: null,
    action: "import",
    after: { stored, older, unknown: unknown.length },
  });
  return { stored, older, unknown };
}

/**
 * A register made before Samen shipped the Dutch population gets it once: municipalities without a figure take the
 * shipped one (an imported figure is never replaced). Safe at every start.
 */
export async function ensureShippedPopulation(tx: Tx) {
  const missing = await tx
    .select({ key: organisations.key })
    .from(organisations)
    .where(
      and(eq(organisations.country, "NL"), eq(organisations.kind, "municipality"), isNull(organisations.population)),
    );
  if (!missing.length) return 0;
  const wanted = new Set(missing.map((m) => m.key));
  let stored = 0;
  for (const f of shippedDutchPopulation()) {
    if (!wanted.has(f.key)) continue;
    await tx
      .update(organisations)
      .set({ population: f.population, populationDate: f.date, populationSource: f.source })
      .where(and(eq(organisations.key, f.key), isNull(organisations.population)));
    stored++;
  }
  return stored;
}
