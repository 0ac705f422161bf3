import { PDFDocument, type PDFFont, rgb, StandardFonts } from "pdf-lib";

/** One client's statement of a year: per sub-agreement the budget, the advances, the actual amount and the balance. */
export interface Statement {
  framework: string;
  host: string;
  client: string;
  year: number;
  lines: {
    subAgreement: string;
    budgetCents: number;
    advancesCents: number;
    actualCents: number | null;
    balanceCents: number | null;
    settlement: string;
  }[];
  generatedOn: string;
}

/** Euro in the Dutch way, with plain spaces (the PDF's standard fonts know no narrow no-break space). */
export function euro(cents: number) {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${sign}€ ${whole},${String(abs % 100).padStart(2, "0")}`;
}

function clip(text: string, font: PDFFont, size: number, width: number) {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** The statement as a PDF (A4), made without a browser. */
export async function statementPdf(statement: Statement): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Afrekening ${statement.year}: ${statement.client}`);
  doc.setAuthor(statement.host);
  doc.setCreator("Samen");
  doc.setLanguage("nl");
  const page = doc.addPage([595.28, 841.89]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const ink = rgb(0.1, 0.12, 0.14);
  const muted = rgb(0.35, 0.38, 0.42);
  let y = 780;
  const text = (value: string, x: number, size: number, font = regular, color = ink) =>
    page.drawText(value, { x, y, size, font, color });
  const right = (value: string, xRight: number, size: number, font = regular) =>
    page.drawText(value, { x: xRight - font.widthOfTextAtSize(value, size), y, size, font, color: ink });

  text(`Afrekening ${statement.year}`, 50, 20, bold);
  y -= 26;
  text(clip(statement.framework, regular, 11, 495), 50, 11, regular, muted);
  y -= 16;
  text(clip(`Van ${statement.host} aan ${statement.client}`, regular, 11, 495), 50, 11, regular, muted);
  y -= 34;
  const columns = [
    { title: "Begroot", x: 330 },
    { title: "Voorschotten", x: 410 },
    { title: "Werkelijk", x: 480 },
    { title: "Saldo", x: 545 },
  ];
  text("Deelovereenkomst", 50, 9, bold);
  for (const c of columns) right(c.title, c.x, 9, bold);
  y -= 6;
  page.drawLine({ start: { x: 50, y }, end: { x: 545, y }, thickness: 0.5, color: muted });
  y -= 14;
  const totals = { budget: 0, advances: 0, actual: 0, balance: 0 };
  for (const line of statement.lines) {
    text(clip(line.subAgreement, regular, 9, 200), 50, 9);
    right(euro(line.budgetCents), 330, 9);
    right(euro(line.advancesCents), 410, 9);
    right(line.actualCents === null ? "—" : euro(line.actualCents), 480, 9);
    right(line.balanceCents === null ? "—" : euro(line.balanceCents), 545, 9);
    y -= 11;
    text(line.settlement, 50, 7, regular, muted);
    y -= 15;
    totals.budget += line.budgetCents;
    totals.advances += line.advancesCents;
    totals.actual += line.actualCents ?? 0;
    totals.balance += line.balanceCents ?? 0;
  }
  page.drawLine({ start: { x: 50, y: y + 8 }, end: { x: 545, y: y + 8 }, thickness: 0.5, color: muted });
  y -= 6;
  text("Totaal", 50, 9, bold);
  right(euro(totals.budget), 330, 9, bold);
  right(euro(totals.advances), 410, 9, bold);
  right(euro(totals.actual), 480, 9, bold);
  right(euro(totals.balance), 545, 9, bold);
  y -= 34;
  const note =
    totals.balance >= 0
      ? `Te betalen aan ${statement.host}: ${euro(totals.balance)}.`
      : `Terug te krijgen van ${statement.host}: ${euro(-totals.balance)}.`;
  text(clip(note, bold, 11, 495), 50, 11, bold);
  y -= 20;
  for (const line of [
    "Werkelijk: de werkelijke kosten verdeeld met de verdeelsleutel en de werkelijke aantallen, plus uw accenten.",
    "Saldo: werkelijk min de betaalde voorschotten. Alle bedragen in euro, afgerond volgens de grootste rest.",
    `Opgemaakt in Samen op ${statement.generatedOn}.`,
  ]) {
    text(clip(line, regular, 8, 495), 50, 8, regular, muted);
    y -= 12;
  }
  return doc.save();
}
