import { readFileSync, writeFileSync } from "node:fs";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readXlsx, XlsxError, xlsxLimits } from "./xlsx-read.ts";

const sheetType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";
const workbook = (sheet: string) =>
  zipSync({
    "xl/workbook.xml": strToU8(
      '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="survey" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<Relationships><Relationship Id="rId1" Type="${sheetType}" Target="worksheets/sheet1.xml"/></Relationships>`,
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
  it("reads the rows of a sheet", async () => {
    const sheets = await readXlsx(
      workbook(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>type</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c></row>',
      ),
    );
    expect(sheets.get("survey")).toEqual([["type", "name"]]);
  });

  it("reads what a spreadsheet program saves: shared strings, numbers, booleans, gaps, several sheets", async () => {
    const file = zipSync({
      "[Content_Types].xml": strToU8("<Types/>"),
      "xl/workbook.xml": strToU8(
        '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
          '<sheet name="survey" sheetId="1" r:id="rId1"/><sheet name="choices" sheetId="2" r:id="rId2"/></sheets></workbook>',
      ),
      "xl/_rels/workbook.xml.rels": strToU8(
        `<Relationships><Relationship Id="rId1" Type="${sheetType}" Target="worksheets/sheet1.xml"/>` +
          `<Relationship Id="rId2" Type="${sheetType}" Target="worksheets/sheet2.xml"/>` +
          '<Relationship Id="rId3" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>',
      ),
      "xl/sharedStrings.xml": strToU8(
        "<sst><si><t>type</t></si><si><t>label::Nederlands (nl)</t></si><si><r><t>Súdwest-</t></r><r><t>Fryslân &amp; Łódź</t></r></si></sst>",
      ),
      "xl/worksheets/sheet1.xml": strToU8(
        '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>' +
          '<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><v>2.5</v></c><c r="C3" t="b"><v>1</v></c></row></sheetData></worksheet>',
      ),
      "xl/worksheets/sheet2.xml": strToU8("<worksheet><sheetData/></worksheet>"),
      "xl/media/image1.png": new Uint8Array(10),
    });
    const sheets = await readXlsx(file);
    expect(sheets.get("survey")).toEqual([
      ["type", "", "label::Nederlands (nl)"],
      ["", "", ""],
      ["Súdwest-Fryslân & Łódź", "2.5", "TRUE"],
    ]);
    expect(sheets.get("choices")).toEqual([]);
  });

  it("refuses a zip that unpacks to more than its limit, before unpacking it", async () => {
    const bomb = zipSync(
      { "xl/workbook.xml": strToU8("<workbook/>"), "xl/worksheets/sheet1.xml": new Uint8Array(64 * 1024 * 1024) },
      { level: 9 },
    );
    expect(bomb.length).toBeLessThan(200_000);
    await expect(readXlsx(bomb)).rejects.toThrow(XlsxError);
    await expect(readXlsx(bomb)).rejects.toMatchObject({
      problem: { key: "xlsx.tooLarge", params: { megabytes: xlsxLimits.unpackedBytes / 1024 / 1024 } },
    });
  });

  it("unpacks a part that lies about its size into no more than it stated", async () => {
    const bomb = zipSync(
      { "xl/workbook.xml": strToU8("<workbook/>"), "xl/worksheets/sheet1.xml": new Uint8Array(64 * 1024 * 1024) },
      { level: 9 },
    );
    // Nothing large made: the part stops at the 1,000 bytes it claimed, and what is left is no workbook.
    await expect(readXlsx(understated(bomb, 1000))).rejects.toMatchObject({ problem: { key: "xlsx.unreadable" } });
  });

  it("refuses a small file that claims a million rows or thousands of columns", async () => {
    await expect(
      readXlsx(workbook('<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>')),
    ).rejects.toMatchObject({ problem: { key: "xlsx.tooManyRows", params: { rows: xlsxLimits.rows } } });
    await expect(
      readXlsx(workbook('<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>')),
    ).rejects.toMatchObject({ problem: { key: "xlsx.tooManyColumns", params: { columns: xlsxLimits.columns } } });
    // Cells that name a far row without their row saying so.
    await expect(
      readXlsx(workbook('<row><c r="ZZ200000" t="inlineStr"><is><t>x</t></is></c></row>')),
    ).rejects.toMatchObject({ problem: { key: "xlsx.tooManyRows" } });
  });

  it("stays small in memory for a 50 kB workbook of a million rows, a zip bomb and a far cell", async () => {
    const rows = "<row/>".repeat(1_000_000);
    const million = zipSync(
      {
        "xl/workbook.xml": strToU8(
          '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="survey" sheetId="1" r:id="rId1"/></sheets></workbook>',
        ),
        "xl/_rels/workbook.xml.rels": strToU8(
          `<Relationships><Relationship Id="rId1" Type="${sheetType}" Target="worksheets/sheet1.xml"/></Relationships>`,
        ),
        "xl/worksheets/sheet1.xml": strToU8(`<worksheet><sheetData>${rows}</sheetData></worksheet>`),
      },
      { level: 9 },
    );
    expect(million.length).toBeLessThan(50 * 1024);
    const bomb = zipSync({ "xl/worksheets/sheet1.xml": new Uint8Array(256 * 1024 * 1024) }, { level: 9 });
    const far = workbook('<row r="9999"><c r="GR9999" t="inlineStr"><is><t>x</t></is></c></row>');
    // Laid out without the limits, this 1 kB file takes 1.4 GB.
    const beyond = workbook('<row r="200000"><c r="ZZ200000" t="inlineStr"><is><t>x</t></is></c></row>');
    // The peak of resident memory, reset before and read after (Linux's own high-water mark, not a sample).
    const peak = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1]) * 1024;
    writeFileSync("/proc/self/clear_refs", "5");
    const before = process.memoryUsage().rss;
    for (const file of [million, bomb, beyond]) await expect(readXlsx(file)).rejects.toBeInstanceOf(XlsxError);
    // The farthest cell the limits allow is laid out: 9,999 rows of 200 columns.
    expect((await readXlsx(far)).get("survey")).toHaveLength(9999);
    expect(peak() - before).toBeLessThan(150 * 1024 * 1024);
  });
});
