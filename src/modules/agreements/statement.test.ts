import { describe, expect, it } from "vitest";
import { pdfPages, pdfText } from "../../../test/helpers/pdf.ts";
import { euro, type Statement, statementPdf } from "./statement.ts";

/** Names as the register and the hosts write them: Polish, Turkish and Frisian among them. */
const names = [
  "Gospodarka odpadami Łódź–Gdańsk",
  "Zakład Usług Wspólnych w Żyrardowie",
  "Şanlıurfa kardeş şehir işbirliği",
  "Göç ve uyum danışmanlığı (İstanbul)",
  "Wetterskip Fryslân: Súdwest-Fryslân en Skarsterlân",
  "Gemeentlike belestingen Dantumadiel",
  "Inkoop ≥ € 50.000 → centraal",
  "Ærø–Møn samenwerking (Dansk)",
];

const statement = (count: number): Statement => ({
  reference: "2025-GM0114-GM0109",
  framework: "Raamovereenkomst Emmen, Coevorden en Borger-Odoorn",
  host: { name: "Emmen", code: "GM0114", address: "Postbus 30001\n7800 RA Emmen" },
  client: { name: "Coevorden", code: "GM0109", address: "Kasteel 1\n7741 GC Coevorden" },
  year: 2025,
  lines: Array.from({ length: count }, (_, i) => ({
    subAgreement: `${names[i % names.length]} ${i + 1}`,
    budgetCents: 100_000_00 + i,
    advancesCents: 100_000_00 + i,
    actualCents: 101_000_00 + 2 * i,
    balanceCents: 1_000_00 + i,
    settlement: `versie 1, goedgekeurd op 2026-03-01 door Fenna de Vries`,
  })),
  generatedOn: "2026-03-15",
});

describe("a client's statement", () => {
  it("of 60 sub-agreements runs over numbered pages, every name intact, the total and what to pay on the last", async () => {
    const pdf = await statementPdf(statement(60));
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThan(2);
    const text = pdfText(pdf);
    const byPage = text.split("\f").filter((p) => p.trim());
    expect(byPage).toHaveLength(pages);
    byPage.forEach((page, i) => {
      expect(page).toContain(`Pagina ${i + 1} van ${pages}`);
      expect(page).toContain("kenmerk 2025-GM0114-GM0109");
    });
    const flat = text.replace(/\s+/g, " ");
    // The parties as a letter names them: name and code, the address below.
    expect(byPage[0]).toMatch(/Emmen \(GM0114\)\s*\n\s*Postbus 30001\s*\n\s*7800 RA Emmen/);
    expect(byPage[0]).toMatch(/Coevorden \(GM0109\)\s*\n\s*Kasteel 1\s*\n\s*7741 GC Coevorden/);
    for (let i = 0; i < 60; i++) expect(flat).toContain(`${names[i % names.length]} ${i + 1}`);
    // Every page that continues the table shows its head again.
    for (const page of byPage.slice(1).filter((p) => p.includes("versie 1, goedgekeurd")))
      expect(page).toContain("Voorschotten");
    const last = (byPage.at(-1) ?? "").replace(/\s+/g, " ");
    const balance = Array.from({ length: 60 }, (_, i) => 1_000_00 + i).reduce((a, b) => a + b, 0);
    expect(last).toContain("Totaal");
    expect(last).toContain(`Te betalen aan Emmen: ${euro(balance)}, binnen 30 dagen na 2026-03-15`);
  });

  it("says when a balance comes back, and fits on one page when it is short", async () => {
    const refund = statement(2);
    for (const line of refund.lines) line.balanceCents = -500_00;
    const pdf = await statementPdf(refund);
    expect(pdfPages(pdf)).toBe(1);
    expect(pdfText(pdf).replace(/\s+/g, " ")).toContain("Terug te krijgen van Emmen: € 1.000,00");
  });
});
