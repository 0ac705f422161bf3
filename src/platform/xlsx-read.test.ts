import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readXlsx, XlsxError, xlsxLimits } from "./xlsx-read.ts";

const workbook = (sheet: string) =>
  zipSync({
    "xl/workbook.xml": strToU8('<workbook><sheets><sheet name="survey" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": strToU8(
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData>${sheet}</sheetData></worksheet>`),
  });

/** The sizes a zip states for its parts, set to `size` in both of its directories. */
function understated(zip: Uint8Array, size: number) {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  for (let i = 0; i < copy.length - 4; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, Math.min(view.getUint32(i + 22, true), size), true);
    if (signature === 0x02014b50) view.setUint32(i + 24, Math.min(view.getUint32(i + 24, true), size), true);
  }
  return copy;
}

describe("the spreadsheet reader", () => {
  it("reads the rows of a sheet", () => {
    const sheets = readXlsx(
      workbook(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>type</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c></row>',
      ),
    );
    expect(sheets.get("survey")).toEqual([["type", "name"]]);
  });

  it("refuses a zip that unpacks to more than its limit, before unpacking it", () => {
    const bomb = zipSync(
      { "xl/workbook.xml": strToU8("<workbook/>"), "xl/worksheets/sheet1.xml": new Uint8Array(64 * 1024 * 1024) },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(200_000);
    expect(() => readXlsx(bomb)).toThrow(XlsxError);
    expect(() => readXlsx(bomb)).toThrow(`more than ${xlsxLimits.unpackedBytes / 1024 / 1024} MB`);
  });

  it("unpacks a part that lies about its size into no more than it stated", () => {
    const bomb = zipSync(
      { "xl/workbook.xml": strToU8("<workbook/>"), "xl/worksheets/sheet1.xml": new Uint8Array(64 * 1024 * 1024) },
      { level: 9 },
    );
    // Nothing to read, and nothing large made: the part stops at the 1,000 bytes it claimed.
    expect(readXlsx(understated(bomb, 1000)).size).toBe(0);
  });

  it("refuses a small file that claims a million rows or thousands of columns", () => {
    expect(() =>
      readXlsx(workbook('<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>')),
    ).toThrow(`more than ${xlsxLimits.rows} rows`);
    expect(() => readXlsx(workbook('<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>'))).toThrow(
      `more than ${xlsxLimits.columns} columns`,
    );
  });
});
