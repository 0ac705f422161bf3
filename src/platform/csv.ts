/** One parsed CSV row, keyed by header, with the line it started on (for error reports). */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF). The first row is the header. */
export function parseCsv(text: string): CsvRow[] {
  const records: { line: number; fields: string[] }[] = [];
  let field = "";
  let fields: string[] = [];
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (inQuotes) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"') inQuotes = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && input[i + 1] === "\n") i++;
      fields.push(field);
      if (fields.length > 1 || fields[0] !== "") records.push({ line: recordLine, fields });
      fields = [];
      field = "";
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  const [header, ...rows] = records;
  if (!header) return [];
  return rows.map((r) => ({
    line: r.line,
    values: Object.fromEntries(header.fields.map((name, i) => [name, restoreNeutralised(r.fields[i] ?? "")])),
  }));
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

const csvField = (value: string | number | null | undefined) => {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Rows as RFC 4180 CSV (CRLF line ends, quotes where needed) with the given columns as header. */
export function writeCsv(columns: readonly string[], rows: Record<string, string | number | null | undefined>[]) {
  return `${[columns.join(","), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(","))].join("\r\n")}\r\n`;
}

/**
 * The text of an uploaded file, or the problem with it: files are UTF-8 (spreadsheets save CSV that way when asked),
 * and an empty file has nothing to import.
 */
export function readUploadedText(content: Uint8Array | string): { text: string } | { problem: string } {
  let text: string;
  try {
    text = typeof content === "string" ? content : new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    return { problem: "is not UTF-8 text; save it as UTF-8 (CSV UTF-8) and try again" };
  }
  return text.trim() === "" ? { problem: "is empty" } : { text };
}
