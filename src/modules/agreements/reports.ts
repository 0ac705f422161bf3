import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import { type CsvDialect, writeCsv } from "../../platform/csv.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { organisations, settlements, subAgreements } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { type Language, say } from "../../platform/i18n.ts";
import { writeXlsx } from "../../platform/xlsx.ts";
import { frameworkFor } from "./frameworks.ts";
import { clientFiguresPolicy } from "./policy.ts";
import { statementPdf } from "./statement.ts";
import { getYear } from "./years.ts";

const overviewColumns = [
  "framework",
  "sub_agreement",
  "year",
  "client",
  "budget_shared",
  "budget_accents",
  "budget_total",
  "advances",
  "actual_total",
  "balance",
  "settlement",
] as const;
type OverviewRow = Record<(typeof overviewColumns)[number], string | number | null> & {
  /** Who approved the settlement, for the statement; not a column of the overview. */
  approvedBy?: string | null;
};

/** A settlement as a Dutch document names it: its version, and whether and when it was approved. */
export function settlementLabel(
  s: { version: number; status: string; approvedAt: Date | null },
  language: Language = "nl",
): string {
  return s.status === "approved" && s.approvedAt
    ? say(language, {
        key: "settlement.approved",
        params: { version: s.version, date: s.approvedAt.toISOString().slice(0, 10) },
      })
    : say(language, { key: "settlement.draft", params: { version: s.version } });
}

/** The overview's column headings, in the reader's language. */
const overviewHeadings: Record<(typeof overviewColumns)[number], string> = {
  framework: "overview.framework",
  sub_agreement: "overview.subAgreement",
  year: "overview.year",
  client: "overview.client",
  budget_shared: "overview.budgetShared",
  budget_accents: "overview.budgetAccents",
  budget_total: "overview.budgetTotal",
  advances: "overview.advances",
  actual_total: "overview.actualTotal",
  balance: "overview.balance",
  settlement: "overview.settlement",
};

/**
 * One year of a framework per sub-agreement and client: budget (shared, accents, total), advances, and from the
 * newest settlement the actual amount and the balance. Amounts in cents. `only` limits it to one client.
 */
async function overviewRows(
  db: Queryable,
  actor: Actor,
  frameworkId: string,
  year: number,
  options: { only?: string; language?: Language } = {},
) {
  const { only, language = "nl" } = options;
  const { framework } = await frameworkFor(db, actor, frameworkId);
  const subs = await db
    .select()
    .from(subAgreements)
    .where(eq(subAgreements.frameworkId, frameworkId))
    .orderBy(asc(subAgreements.name));
  const rows: OverviewRow[] = [];
  for (const sub of subs) {
    const yearRow = await getYear(db, actor, sub.id, year).catch(() => null);
    if (!yearRow) continue;
    const [settled] = await db
      .select()
      .from(settlements)
      .where(and(eq(settlements.subAgreementId, sub.id), eq(settlements.year, year)))
      .orderBy(desc(settlements.version))
      .limit(1);
    const settledLines = new Map(
      (
        (settled?.lines ?? []) as unknown as {
          client: { id: string };
          totalCents: number;
          advancesCents: number;
          balanceCents: number;
        }[]
      ).map((l) => [l.client.id, l]),
    );
    for (const line of yearRow.budget) {
      if (only && line.client.id !== only) continue;
      const s = settledLines.get(line.client.id);
      rows.push({
        framework: framework.name,
        sub_agreement: sub.name,
        year,
        client: line.client.name,
        budget_shared: line.sharedCents,
        budget_accents: line.accentCents,
        budget_total: line.totalCents,
        // A settled year shows the advances the settlement counted, so its columns always add up.
        advances: s ? s.advancesCents : line.advancesCents.reduce((a, b) => a + b, 0),
        actual_total: s ? s.totalCents : null,
        balance: s ? s.balanceCents : null,
        settlement: settled ? settlementLabel(settled, language) : null,
        approvedBy: settled?.status === "approved" ? settled.approvedBy : null,
      });
    }
  }
  return { framework, rows };
}

const moneyColumns = new Set([
  "budget_shared",
  "budget_accents",
  "budget_total",
  "advances",
  "actual_total",
  "balance",
]);

/** The host's overview of a year as CSV (euros with two decimals). */
export async function frameworkOverviewCsv(
  db: Queryable,
  actor: Actor,
  frameworkId: string,
  year: number,
  dialect: CsvDialect = "rfc4180",
) {
  await frameworkFor(db, actor, frameworkId, "readAllClients");
  const { rows } = await overviewRows(db, actor, frameworkId, year);
  return writeCsv(
    overviewColumns,
    rows.map((r) =>
      Object.fromEntries(
        overviewColumns.map((c) => [
          c,
          moneyColumns.has(c) && typeof r[c] === "number" ? (r[c] as number) / 100 : r[c],
        ]),
      ),
    ),
    { dialect, decimals: Object.fromEntries([...moneyColumns].map((c) => [c, 2])) },
  );
}

/** The host's overview of a year as a spreadsheet: amounts are numbers in euro, so it sums them. */
export async function frameworkOverviewXlsx(
  db: Queryable,
  actor: Actor,
  frameworkId: string,
  year: number,
  language: Language = "nl",
) {
  await frameworkFor(db, actor, frameworkId, "readAllClients");
  const { rows } = await overviewRows(db, actor, frameworkId, year, { language });
  return writeXlsx([
    {
      name: say(language, { key: "overview.sheet", params: { year } }),
      rows: [
        overviewColumns.map((c) => say(language, { key: overviewHeadings[c] })),
        ...rows.map((r) =>
          overviewColumns.map((c) => (moneyColumns.has(c) && typeof r[c] === "number" ? (r[c] as number) / 100 : r[c])),
        ),
      ],
      formats: overviewColumns.map((c) => (moneyColumns.has(c) ? "euro" : null)),
    },
  ]);
}

/** A client's statement of a year as a PDF: the host and the client itself may have it, nobody else. */
export async function clientStatement(
  db: Queryable,
  actor: Actor,
  frameworkId: string,
  clientId: string,
  year: number,
) {
  const { framework, clientIds, view } = await frameworkFor(db, actor, frameworkId);
  if (!clientIds.includes(clientId) || !clientFiguresPolicy.read(actor, { ...view, clientId })) {
    throw new AppError("not_found", "notFound.statement");
  }
  const { rows } = await overviewRows(db, actor, frameworkId, year, { only: clientId });
  if (!rows.length) throw new AppError("not_found", "notFound.yearFigures");
  const parties = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      cbs: organisations.cbsCode,
      nis: organisations.nisCode,
      address: organisations.postalAddress,
    })
    .from(organisations)
    .where(inArray(organisations.id, [framework.hostId, clientId]));
  const party = (id: string) => {
    const o = parties.find((p) => p.id === id);
    return { name: o?.name ?? "", code: o?.cbs ?? o?.nis ?? null, address: o?.address ?? null };
  };
  const host = party(framework.hostId);
  const client = party(clientId);
  return statementPdf({
    reference: `${year}-${host.code ?? framework.hostId.slice(0, 8)}-${client.code ?? clientId.slice(0, 8)}`,
    framework: framework.name,
    host,
    client,
    year,
    lines: rows.map((r) => ({
      subAgreement: String(r.sub_agreement),
      budgetCents: Number(r.budget_total),
      advancesCents: Number(r.advances),
      actualCents: r.actual_total === null ? null : Number(r.actual_total),
      balanceCents: r.balance === null ? null : Number(r.balance),
      settlement:
        r.settlement === null
          ? "nog niet afgerekend"
          : `${String(r.settlement)}${r.approvedBy ? ` door ${r.approvedBy}` : ""}`,
    })),
    generatedOn: new Date().toISOString().slice(0, 10),
  });
}
