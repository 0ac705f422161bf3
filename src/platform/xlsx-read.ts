import { strFromU8, unzipSync } from "fflate";

/**
 * A minimal XLSX reader: each sheet's cells as rows of text, as spreadsheet programs save them (shared strings,
 * inline strings, numbers, booleans). Formulas give their saved value; styles and dates as numbers are not
 * interpreted. Enough to read forms written in a spreadsheet (XLSForm).
 */
export class XlsxError extends Error {}

/**
 * What a spreadsheet someone uploads may be: a form of questions is a few hundred rows. A file over these limits is
 * refused before it is unpacked or laid out, so a small file that claims a million rows, or a zip that unpacks to
 * gigabytes, costs nothing.
 */
export const xlsxLimits = { unpackedBytes: 20 * 1024 * 1024, rows: 10_000, columns: 200 };

/** The parts of a workbook the reader needs; nothing else in the zip is unpacked. */
const wanted = (name: string) =>
  name === "xl/workbook.xml" ||
  name === "xl/_rels/workbook.xml.rels" ||
  name === "xl/sharedStrings.xml" ||
  /^xl\/worksheets\/[^/]+\.xml$/.test(name);

const entity = (text: string) =>
  text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
    if (named[e.toLowerCase()]) return named[e.toLowerCase()] as string;
    const code = e[1]?.toLowerCase() === "x" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });

/** The text of every <t> inside a piece of XML (rich text has several runs). */
const textOf = (xml: string) =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => entity(m[1] ?? "")).join("");

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** The column index of a cell reference ("C7" is 2). */
function columnIndex(reference: string) {
  const letters = /^[A-Z]+/.exec(reference)?.[0] ?? "A";
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function readXlsx(bytes: Uint8Array): Map<string, string[][]> {
  let files: Record<string, Uint8Array>;
  let unpacked = 0;
  try {
    files = unzipSync(bytes, {
      // The sizes the zip states are checked before anything is unpacked; each part is unpacked into a buffer of
      // its stated size, so one that lies cannot grow beyond it.
      filter: (file) => {
        if (!wanted(file.name)) return false;
        unpacked += file.originalSize;
        if (unpacked > xlsxLimits.unpackedBytes) throw new XlsxError("too large");
        return true;
      },
    });
  } catch (error) {
    if (error instanceof XlsxError)
      throw new XlsxError(
        `This spreadsheet unpacks to more than ${xlsxLimits.unpackedBytes / 1024 / 1024} MB; a form is far smaller.`,
      );
    throw new XlsxError("This is not an .xlsx file (it cannot be unpacked).");
  }
  const read = (path: string) => (files[path] ? strFromU8(files[path]) : null);
  const workbook = read("xl/workbook.xml");
  if (!workbook) throw new XlsxError("This is not an .xlsx file (it has no workbook).");
  const rels = read("xl/_rels/workbook.xml.rels") ?? "";
  const targets = new Map(
    [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [
      attribute(m[0], "Id") ?? "",
      attribute(m[0], "Target") ?? "",
    ]),
  );
  const shared = [...(read("xl/sharedStrings.xml") ?? "").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    textOf(m[1] ?? ""),
  );
  const sheets = new Map<string, string[][]>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = entity(attribute(m[0], "name") ?? "");
    const target = targets.get(attribute(m[0], "r:id") ?? "") ?? "";
    const path = target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
    const xml = read(path);
    if (!xml) continue;
    const rows: string[][] = [];
    for (const row of xml.matchAll(/<row\b[^>]*>([\s\S]*?)<\/row>|<row\b[^>]*\/>/g)) {
      const index = Number(attribute(row[0], "r") ?? rows.length + 1) - 1;
      if (!Number.isInteger(index) || index < 0 || index >= xlsxLimits.rows)
        throw new XlsxError(`The sheet "${name}" has more than ${xlsxLimits.rows} rows; a form is far smaller.`);
      const cells: string[] = [];
      for (const cell of (row[1] ?? "").matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const tag = cell[1] ?? "";
        const body = cell[2] ?? "";
        const type = attribute(` ${tag}`, "t");
        const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
        let text = "";
        if (type === "s") text = shared[Number(value)] ?? "";
        else if (type === "inlineStr") text = textOf(body);
        else if (type === "b") text = value === "1" ? "TRUE" : "FALSE";
        else if (value !== undefined) text = entity(value);
        const reference = attribute(` ${tag}`, "r");
        const column = reference ? columnIndex(reference) : cells.length;
        if (column >= xlsxLimits.columns)
          throw new XlsxError(
            `The sheet "${name}" has more than ${xlsxLimits.columns} columns; a form is far smaller.`,
          );
        cells[column] = text;
      }
      rows[index] = Array.from(cells, (c) => c ?? "");
    }
    sheets.set(
      name,
      Array.from(rows, (r) => r ?? []),
    );
  }
  return sheets;
}
