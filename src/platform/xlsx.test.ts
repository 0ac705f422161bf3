import { strFromU8, unzipSync } from "fflate";
import readXlsxFile from "read-excel-file/node";
import { describe, expect, it } from "vitest";
import { writeXlsx } from "./xlsx.ts";

describe("the XLSX writer", () => {
  it("writes a workbook whose sheet holds the rows, numbers as numbers and text escaped", () => {
    const file = writeXlsx([
      {
        name: "Overzicht 2025",
        rows: [
          ["gemeente", "bedrag"],
          ["Coevorden & <Dalen>", 1234.56],
          ["Borger-Odoorn", null],
        ],
      },
    ]);
    const parts = unzipSync(file);
    expect(Object.keys(parts).sort()).toEqual([
      "[Content_Types].xml",
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/styles.xml",
      "xl/workbook.xml",
      "xl/worksheets/sheet1.xml",
    ]);
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet).toContain('<c r="B2"><v>1234.56</v></c>');
    expect(sheet).toContain("Coevorden &amp; &lt;Dalen&gt;");
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1">');
    expect(strFromU8(parts["xl/workbook.xml"] as Uint8Array)).toContain('name="Overzicht 2025"');
  });

  it("is read back by a spreadsheet library with every column in place and amounts as numbers in euro format", async () => {
    const file = writeXlsx([
      {
        name: "Overzicht 2025",
        rows: [
          ["Afnemer", "Saldo", "Afrekening"],
          ["Súdwest-Fryslân", -1234.5, "versie 1, goedgekeurd op 2026-03-01"],
          ["Coevorden", 12, null],
        ],
        formats: [null, "euro", null],
      },
    ]);
    const [sheet] = await readXlsxFile(Buffer.from(file));
    expect(sheet?.data).toEqual([
      ["Afnemer", "Saldo", "Afrekening"],
      ["Súdwest-Fryslân", -1234.5, "versie 1, goedgekeurd op 2026-03-01"],
      ["Coevorden", 12, null],
    ]);
    const parts = unzipSync(file);
    const xml = strFromU8(parts["xl/worksheets/sheet1.xml"] as Uint8Array);
    // Amounts in the euro format, the header frozen, columns as wide as their contents.
    expect(xml).toContain('<c r="B2" s="2"><v>-1234.5</v></c>');
    expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(xml).toMatch(/<col min="3" max="3" width="3\d" customWidth="1"\/>/);
    expect(strFromU8(parts["xl/styles.xml"] as Uint8Array)).toContain('numFmtId="164" formatCode="&quot;€&quot;');
  });
});
