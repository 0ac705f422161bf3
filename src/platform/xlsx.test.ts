import { strFromU8, unzipSync } from "fflate";
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
});
