import type { Actor } from "../../platform/auth/actor.ts";
import { writeCsv } from "../../platform/csv.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { AppError } from "../../platform/errors.ts";
import { type Language, say } from "../../platform/i18n.ts";
import { writeXlsx } from "../../platform/xlsx.ts";
import { bundleSavings } from "./savings-report.ts";

const columns = ["organisation", "lot", "baseline", "estimated", "realised", "assumptions"] as const;

/** A bundle's savings per participant and lot as rows: of one participant, or of every one the actor may see. */
async function rowsOf(db: Queryable, actor: Actor, id: string, organisationId: string | undefined, language: Language) {
  const savings = await bundleSavings(db, actor, id, language);
  const participants = organisationId
    ? savings.participants.filter((p) => p.organisation.id === organisationId)
    : savings.participants;
  if (organisationId && !participants.length) throw new AppError("not_found", "procurement.noSavingsToExport");
  return { savings, participants };
}

const euros = (cents: number | null) => (cents === null ? null : cents / 100);

/** The savings as CSV: one row per participant and lot, amounts in euro, with what each rests on. */
export async function savingsCsv(
  db: Queryable,
  actor: Actor,
  id: string,
  options: { organisationId?: string; language: Language; dialect: "rfc4180" | "excel-nl" },
) {
  const { participants } = await rowsOf(db, actor, id, options.organisationId, options.language);
  const header = columns.map((c) => say(options.language, { key: `procurement.column.${c}` }));
  const rows = participants.flatMap((p) =>
    p.lots.map((l) => ({
      [header[0] as string]: p.organisation.name,
      [header[1] as string]: l.lot,
      [header[2] as string]: euros(l.baselineCents),
      [header[3] as string]: euros(l.estimatedCents),
      [header[4] as string]: euros(l.realisedCents),
      [header[5] as string]: l.assumptions.join(" "),
    })),
  );
  const decimals = Object.fromEntries(header.slice(2, 5).map((h) => [h, 2]));
  return writeCsv(header, rows, { dialect: options.dialect, decimals });
}

/** The savings as a workbook: per lot with assumptions, and per calendar year of the contract. */
export async function savingsXlsx(
  db: Queryable,
  actor: Actor,
  id: string,
  options: { organisationId?: string; language: Language },
) {
  const { savings, participants } = await rowsOf(db, actor, id, options.organisationId, options.language);
  const t = (key: string) => say(options.language, { key });
  return writeXlsx([
    {
      name: t("procurement.sheet.lots"),
      rows: [
        columns.map((c) => t(`procurement.column.${c}`)),
        ...participants.flatMap((p) =>
          p.lots.map((l) => [
            p.organisation.name,
            l.lot,
            euros(l.baselineCents),
            euros(l.estimatedCents),
            euros(l.realisedCents),
            l.assumptions.join("\n"),
          ]),
        ),
      ],
      formats: [null, null, "euro", "euro", "euro", null],
    },
    {
      name: t("procurement.sheet.years"),
      rows: [
        [t("procurement.column.organisation"), t("procurement.column.year"), t("procurement.column.realised")],
        ...participants.flatMap((p) => p.years.map((y) => [p.organisation.name, y.year, y.cents / 100])),
      ],
      formats: [null, null, "euro"],
    },
    {
      name: t("procurement.sheet.assumptions"),
      rows: [[t("procurement.column.assumptions")], ...savings.assumptions.map((a) => [a])],
    },
  ]);
}
