import { createPdf } from "../../platform/pdf.ts";

/** A party to a statement: its name, official code and postal address (lines separated by a line break). */
export interface Party {
  name: string;
  code: string | null;
  address: string | null;
}

/** One client's statement of a year: per sub-agreement the budget, the advances, the actual amount and the balance. */
export interface Statement {
  /** The statement's reference: year, host and client by their official codes. */
  reference: string;
  framework: string;
  host: Party;
  client: Party;
  year: number;
  lines: {
    subAgreement: string;
    budgetCents: number;
    advancesCents: number;
    actualCents: number | null;
    balanceCents: number | null;
    /** Which settlement: its version, and when and by whom it was approved. */
    settlement: string;
  }[];
  generatedOn: string;
}

/** Days within which a balance is paid, counted from the statement's date. */
export const paymentTermDays = 30;

/** Euro in the Dutch way: € 1.234,56 (a minus before the sign for amounts owed back). */
export function euro(cents: number) {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${sign}€ ${whole},${String(abs % 100).padStart(2, "0")}`;
}

/** A party as a letter names it: name and code, then its address below. */
const named = (p: Party) => [p.code ? `${p.name} (${p.code})` : p.name, p.address].filter(Boolean).join("\n");

/**
 * The statement as a PDF a finance department files: reference, parties, period, a table per sub-agreement that
 * runs over as many pages as it needs, the total and what is to be paid (with the term) after the last line.
 */
export async function statementPdf(statement: Statement): Promise<Uint8Array> {
  const pdf = await createPdf({
    title: `Afrekening ${statement.year}: ${statement.client.name}`,
    author: statement.host.name,
    subject: statement.framework,
    running: `Afrekening ${statement.year} · ${statement.client.name} · kenmerk ${statement.reference}`,
  });
  pdf.heading(`Afrekening ${statement.year}`);
  pdf.paragraph(statement.framework, { muted: true, size: 11 });
  pdf.space(6);
  pdf.table(
    [
      { title: "", width: 1 },
      { title: "", width: 3 },
    ],
    [
      ["Kenmerk", statement.reference],
      ["Van", named(statement.host)],
      ["Aan", named(statement.client)],
      ["Periode", `1 januari ${statement.year} tot en met 31 december ${statement.year}`],
      ["Datum", statement.generatedOn],
    ],
    { size: 10 },
  );
  pdf.space(6);
  const totals = { budget: 0, advances: 0, actual: 0, balance: 0 };
  const rows = statement.lines.map((line) => {
    totals.budget += line.budgetCents;
    totals.advances += line.advancesCents;
    totals.actual += line.actualCents ?? 0;
    totals.balance += line.balanceCents ?? 0;
    return [
      `${line.subAgreement}\n${line.settlement}`,
      euro(line.budgetCents),
      euro(line.advancesCents),
      line.actualCents === null ? "—" : euro(line.actualCents),
      line.balanceCents === null ? "—" : euro(line.balanceCents),
    ];
  });
  rows.push(["Totaal", euro(totals.budget), euro(totals.advances), euro(totals.actual), euro(totals.balance)]);
  pdf.table(
    [
      { title: "Deelovereenkomst en afrekening", width: 3.2 },
      { title: "Begroot", width: 1.2, align: "right" },
      { title: "Voorschotten", width: 1.2, align: "right" },
      { title: "Werkelijk", width: 1.2, align: "right" },
      { title: "Saldo", width: 1.2, align: "right" },
    ],
    rows,
    // The total, and what is to be paid, on one page: the last.
    { emphasis: (r) => r === rows.length - 1, keepWithLast: 110 },
  );
  pdf.space(8);
  pdf.paragraph(
    totals.balance >= 0
      ? `Te betalen aan ${statement.host.name}: ${euro(totals.balance)}, binnen ${paymentTermDays} dagen na ${statement.generatedOn}, onder vermelding van kenmerk ${statement.reference}.`
      : `Terug te krijgen van ${statement.host.name}: ${euro(-totals.balance)}, binnen ${paymentTermDays} dagen na ${statement.generatedOn}.`,
    { bold: true, size: 11 },
  );
  pdf.space(6);
  for (const note of [
    "Werkelijk: de werkelijke kosten verdeeld met de verdeelsleutel en de werkelijke aantallen, plus uw accenten.",
    "Saldo: werkelijk min de betaalde voorschotten. Alle bedragen in euro, afgerond volgens de grootste rest.",
    "Een deelovereenkomst die nog niet is afgerekend telt mee met zijn voorschotten; haar saldo volgt met haar afrekening.",
  ]) {
    pdf.paragraph(note, { size: 8, muted: true });
  }
  return pdf.save();
}
