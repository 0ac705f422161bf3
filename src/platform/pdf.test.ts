import { describe, expect, it } from "vitest";
import { pdfPages, pdfText } from "../../test/helpers/pdf.ts";
import { createPdf, wrapText } from "./pdf.ts";

const measure = (t: string) => t.length;

describe("the PDF document builder", () => {
  it("wraps words into lines no wider than asked, cutting only a word longer than a line", () => {
    expect(wrapText("een twee drie vier", measure, 9)).toEqual(["een twee", "drie vier"]);
    expect(wrapText("Gemeenschappelijkeregeling", measure, 10)).toEqual(["Gemeenscha", "ppelijkere", "geling"]);
    expect(wrapText("regel een\nregel twee", measure, 40)).toEqual(["regel een", "regel twee"]);
  });

  it("lays out a column per party for five parties with long names, each name whole in its column", async () => {
    const parties = [
      "Gemeente Sint-Michielsgestel",
      "OCMW Sint-Truiden",
      "Intercommunale Ontwikkelingsmaatschappij voor de Kempen",
      "Súdwest-Fryslân",
      "Gmina Łódź-Widzew",
    ];
    const pdf = await createPdf({ title: "Proef", author: "Samen", running: "Proef · kopregel" });
    pdf.heading("Samenwerkingsscan");
    pdf.table(
      [{ title: "Factor", width: 2 }, ...parties.map((title) => ({ title, width: 1.2, align: "right" as const }))],
      [["Draagvlak", "80", "75", "60", "55", "90"]],
    );
    const bytes = await pdf.save();
    const text = pdfText(bytes);
    // Each name whole, in its own column: read in the order drawn, its lines follow one another.
    const joined = text.replace(/\s+/g, "");
    for (const name of parties) expect(joined).toContain(name.replace(/\s+/g, ""));
    expect(text.replace(/\s+/g, " ")).toContain("Proef · kopregel");
    expect(text).toContain("Pagina 1 van 1");
  });

  it("breaks a long table over pages, with its head on every page and the pages numbered", async () => {
    const pdf = await createPdf({ title: "Lang", author: "Samen", running: "Lang" });
    pdf.table(
      [
        { title: "Nummer", width: 1 },
        { title: "Omschrijving", width: 3 },
      ],
      Array.from({ length: 150 }, (_, i) => [String(i + 1), `Regel ${i + 1}`]),
    );
    const bytes = await pdf.save();
    const pages = pdfPages(bytes);
    expect(pages).toBeGreaterThan(2);
    const byPage = pdfText(bytes)
      .split("\f")
      .filter((p) => p.trim());
    byPage.forEach((page, i) => {
      expect(page).toContain("Omschrijving");
      expect(page).toContain(`Pagina ${i + 1} van ${pages}`);
    });
    expect(byPage.join(" ")).toContain("Regel 150");
  });
});
