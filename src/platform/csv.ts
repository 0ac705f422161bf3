import { CsvError, parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { Message } from "./i18n.ts";

/** One parsed CSV row, keyed by header, with the line it started on (for error reports). */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/** The delimiters Samen reads: the comma of RFC 4180, the semicolon Dutch and Belgian Excel save, and tab. */
export type CsvDelimiter = "," | ";" | "\t";
const delimiters: CsvDelimiter[] = [",", ";", "\t"];
const delimiterKeys: Record<CsvDelimiter, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };

/** The name of a delimiter, to say which one a file was read with. */
export const delimiterName = (delimiter: CsvDelimiter): Message => ({
  key: `csv.delimiter.${delimiterKeys[delimiter]}`,
});

/** A file that is not readable as CSV, with the line where reading stopped. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly problem: Message,
  ) {
    super(problem.key);
  }
}

/**
 * The delimiter of a CSV file: of comma, semicolon and tab, the one found most often in its first line outside
 * quotes (a header names its columns, so it holds one between every two). A comma when none is found.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(delimiters.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text.replace(/^\ufeff/, "")) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch as CsvDelimiter))
      counts.set(ch as CsvDelimiter, (counts.get(ch as CsvDelimiter) ?? 0) + 1);
  }
  const [most, count] = [...counts].reduce((best, next) => (next[1] > best[1] ? next : best));
  return count > 0 ? most : ",";
}

const lineBreaks = (value: string) => value.match(/\r\n|\r|\n/g)?.length ?? 0;

/**
 * Reads CSV as people's spreadsheets save it: with or without a byte order mark, with comma, semicolon or tab
 * (detected from the header), quoted fields with line breaks and doubled quotes, any line ends. The first row is
 * the header; each row keeps the line it started on. Throws `CsvSyntaxError` with the line where it stopped.
 */
export function readCsv(text: string): { delimiter: CsvDelimiter; header: string[]; rows: CsvRow[] } {
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = Number((error as unknown as { lines?: number }).lines ?? 0);
      throw new CsvSyntaxError(
        line,
        error.code === "CSV_QUOTE_NOT_CLOSED"
          ? { key: "csv.unclosedQuote", params: { delimiter: delimiterName(delimiter) } }
          : { key: "csv.notCsv", params: { delimiter: delimiterName(delimiter), reason: error.code } },
      );
    }
    throw error;
  }
  const [header, ...rest] = records;
  if (!header) return { delimiter, header: [], rows: [] };
  const rows = rest.map(({ record, info }) => ({
    // The parser counts lines up to the end of the record; a quoted line break inside it started it earlier.
    line: info.lines - record.reduce((n, field) => n + lineBreaks(field), 0),
    values: Object.fromEntries(header.record.map((name, i) => [name, restoreNeutralised(record[i] ?? "")])),
  }));
  return { delimiter, header: header.record.map((name) => name.trim()), rows };
}

/** The rows of a CSV file keyed by its header (see `readCsv`). */
export function parseCsv(text: string): CsvRow[] {
  return readCsv(text).rows;
}

/** Text that a spreadsheet would run as a formula: it starts with =, +, -, @, a tab or a carriage return. */
const formulaStart = /^[=+\-@\t\r]/;
/** A plain number (a negative amount starts with "-" and is no formula). */
const plainNumber = /^[+-]?\d+(?:[.,]\d+)?$/;

/**
 * A cell as a spreadsheet must show it, never run it (CSV formula injection): text that would start a formula
 * gets a leading apostrophe, which spreadsheets show as text. Numbers stay numbers.
 */
export function neutraliseFormula(value: string): string {
  // Text that already starts with apostrophes before a formula gets one more, so reading it back is exact.
  return formulaStart.test(value.replace(/^'+/, "")) && !plainNumber.test(value) ? `'${value}` : value;
}

/** The inverse on import, so an exported file imports again unchanged. */
export function restoreNeutralised(value: string): string {
  return value.startsWith("'") && formulaStart.test(value.replace(/^'+/, "")) ? value.slice(1) : value;
}

/**
 * The two forms Samen writes CSV in: RFC 4180 (comma, full stop for decimals, for programs and other systems), and
 * the form Dutch and Belgian Excel opens straight into columns (semicolon, decimal comma, a byte order mark so
 * "Súdwest-Fryslân" and "€" come out right).
 */
export type CsvDialect = "rfc4180" | "excel-nl";

type Cell = string | number | null | undefined;

/**
 * Rows as CSV with the given columns as header (CRLF line ends, quotes where needed). Text that would start a
 * formula is neutralised; numbers are written in the dialect's decimal sign, with `decimals` fixed per column
 * where given (amounts in euro: 2).
 */
export function writeCsv(
  columns: readonly string[],
  rows: Record<string, Cell>[],
  options: { dialect?: CsvDialect; decimals?: Record<string, number> } = {},
) {
  const excel = options.dialect === "excel-nl";
  const cell = (column: string, value: Cell): string => {
    if (value === null || value === undefined) return "";
    if (typeof value === "number") {
      const fixed = options.decimals?.[column];
      const text = fixed === undefined ? String(value) : value.toFixed(fixed);
      return excel ? text.replace(".", ",") : text;
    }
    return neutraliseFormula(value);
  };
  const body = stringify([columns as string[], ...rows.map((r) => columns.map((c) => cell(c, r[c])))], {
    delimiter: excel ? ";" : ",",
    record_delimiter: "\r\n",
    quoted_match: /[\r\n]|^\s|\s$/,
  });
  return excel ? `\ufeff${body}` : body;
}

/**
 * The text of an uploaded file, or the problem with it: files are UTF-8 (spreadsheets save CSV that way when asked),
 * and an empty file has nothing to import.
 */
export function readUploadedText(content: Uint8Array | string): { text: string } | { problem: Message } {
  let text: string;
  try {
    text = typeof content === "string" ? content : new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    return { problem: { key: "csv.notUtf8" } };
  }
  return text.trim() === "" ? { problem: { key: "csv.empty" } } : { text };
}
