import { strFromU8, unzipSync, zipSync } from "fflate";
import readXlsxFile from "read-excel-file/universal";
import type { Message } from "./i18n.ts";

/**
 * Reads an uploaded workbook (an XLSForm) as each sheet's rows of text, with `read-excel-file`, behind limits
 * checked first: that library lays out a dense array from the cell references a file states, so a 1 kB workbook
 * naming row 200,000 and column ZZ would cost gigabytes. Samen unpacks the workbook's XML parts itself into no more
 * than `xlsxLimits` allows, checks the rows and columns its sheets name, and only then hands the library a
 * workbook whose parts are what they say they are (decision 16).
 */
export class XlsxError extends Error {
  constructor(readonly problem: Message) {
    super(problem.key);
  }
}

/**
 * What a spreadsheet someone uploads may be: a form of questions is a few hundred rows. A file over these limits is
 * refused before it is laid out, so a small file that claims a million rows, or a zip that unpacks to gigabytes,
 * costs nothing.
 */
export const xlsxLimits = { unpackedBytes: 20 * 1024 * 1024, rows: 10_000, columns: 200 };

/** The parts the library reads (XML and relationships); pictures, printer settings and the rest stay packed. */
const wanted = (name: string) => name.endsWith(".xml") || name.endsWith(".xml.rels");
const worksheet = /^xl\/worksheets\/[^/]+\.xml$/;

/** The column number of a cell reference, from 1 ("C7" is 3); 0 when it has no letters. */
function columnNumber(reference: string) {
  let n = 0;
  for (const ch of /^[A-Za-z]*/.exec(reference)?.[0].toUpperCase() ?? "") {
    n = n * 26 + (ch.charCodeAt(0) - 64);
    if (n > xlsxLimits.columns) return n;
  }
  return n;
}

/**
 * The rows and columns a sheet's XML names: every row and cell reference, and the number of rows. Only the
 * references are looked at (a bound, not a reading); the library reads the cells.
 */
function checkExtent(xml: string) {
  let rows = 0;
  for (const tag of xml.matchAll(/<(?:\w+:)?(row|c)\b[^>]*>/g)) {
    const reference = /\sr\s*=\s*["']([^"']*)["']/.exec(tag[0])?.[1];
    const row =
      reference === undefined ? 0 : Number(tag[1] === "row" ? reference : reference.replace(/^[A-Za-z]+/, ""));
    if (tag[1] === "row") rows++;
    if (rows > xlsxLimits.rows || row > xlsxLimits.rows)
      throw new XlsxError({ key: "xlsx.tooManyRows", params: { rows: xlsxLimits.rows } });
    if (tag[1] === "c" && reference && columnNumber(reference) > xlsxLimits.columns)
      throw new XlsxError({ key: "xlsx.tooManyColumns", params: { columns: xlsxLimits.columns } });
  }
}

/** What a cell holds, as the text a form's author typed: numbers as written, dates as YYYY-MM-DD. */
function text(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

export async function readXlsx(bytes: Uint8Array): Promise<Map<string, string[][]>> {
  let parts: Record<string, Uint8Array>;
  let unpacked = 0;
  try {
    parts = unzipSync(bytes, {
      // The sizes the zip states are added up before anything is unpacked; each part is unpacked into a buffer of
      // its stated size, so one that lies cannot grow beyond it.
      filter: (file) => {
        if (!wanted(file.name)) return false;
        unpacked += file.originalSize;
        if (unpacked > xlsxLimits.unpackedBytes) throw new XlsxError({ key: "xlsx.tooLarge" });
        return true;
      },
    });
  } catch (error) {
    if (error instanceof XlsxError)
      throw new XlsxError({ key: "xlsx.tooLarge", params: { megabytes: xlsxLimits.unpackedBytes / 1024 / 1024 } });
    throw new XlsxError({ key: "xlsx.notXlsx" });
  }
  if (!parts["xl/workbook.xml"]) throw new XlsxError({ key: "xlsx.notXlsx" });
  for (const [name, content] of Object.entries(parts)) if (worksheet.test(name)) checkExtent(strFromU8(content));
  // Packed again without compression: every part is now exactly as large as it says.
  const honest = zipSync(parts, { level: 0 });
  let sheets: Awaited<ReturnType<typeof readXlsxFile>>;
  try {
    sheets = await readXlsxFile(honest.buffer.slice(honest.byteOffset, honest.byteOffset + honest.byteLength));
  } catch {
    throw new XlsxError({ key: "xlsx.unreadable" });
  }
  return new Map(sheets.map(({ sheet, data }) => [sheet, data.map((row) => row.map(text))]));
}
