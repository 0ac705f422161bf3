import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvSyntaxError, parseCsv, readCsv, writeCsv } from "./csv.ts";
import { say } from "./i18n.ts";

describe("CSV", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, and keeps each row's line", () => {
    const rows = parseCsv('\ufeffname,note\r\nHasselt,"a, b"\r\n"Sint-""Truiden""","two\nlines"\nGenk,\n');
    expect(rows).toEqual([
      { line: 2, values: { name: "Hasselt", note: "a, b" } },
      { line: 3, values: { name: 'Sint-"Truiden"', note: "two\nlines" } },
      { line: 5, values: { name: "Genk", note: "" } },
    ]);
  });
  it("gives no rows for a header alone or an empty file", () => {
    expect(parseCsv("a,b\n")).toEqual([]);
    expect(parseCsv("")).toEqual([]);
  });

  it("never writes a cell a spreadsheet would run as a formula, and reads every written text back unchanged", () => {
    const written = writeCsv(["a", "b", "c"], [{ a: '=HYPERLINK("https://evil.example")', b: "-12.50", c: -3 }]);
    expect(written.split("\r\n")[1]).toBe(`"'=HYPERLINK(""https://evil.example"")",-12.50,-3`);
    fc.assert(
      fc.property(fc.string(), fc.constantFrom("=", "+", "-", "@", "\t", "\r", "", "'="), (text, start) => {
        const value = `${start}${text}`;
        const csv = writeCsv(["value"], [{ value }]);
        const [row] = parseCsv(csv);
        // An empty value makes an empty row, which a CSV reader skips.
        if (value !== "") expect(row?.values.value).toBe(value);
        const cell = csv.split("\r\n").slice(1).join("\r\n").replace(/^"/, "");
        if (value !== "" && /^[=+\-@\t\r]/.test(cell)) expect(cell).toMatch(/^[+-]?\d+(?:[.,]\d+)?\r\n$/);
      }),
    );
  });

  it("reads what Dutch and Belgian Excel saves: a byte order mark, semicolons, decimal commas", () => {
    const saved =
      '\ufeffkey;name;population\r\nnl-municipality-GM1900;Súdwest-Fryslân;90.940\r\nx;"Bijdrage; € 12,50";3\r\n';
    const { delimiter, rows } = readCsv(saved);
    expect(delimiter).toBe(";");
    expect(rows).toEqual([
      { line: 2, values: { key: "nl-municipality-GM1900", name: "Súdwest-Fryslân", population: "90.940" } },
      { line: 3, values: { key: "x", name: "Bijdrage; € 12,50", population: "3" } },
    ]);
    expect(readCsv("a\tb\n1\t2\n").delimiter).toBe("\t");
    expect(readCsv('"a,b";c\n1;2\n').delimiter).toBe(";");
  });

  it("says where a file stops being CSV, and with which delimiter it was read", () => {
    expect(() => readCsv('a;b\n1;"open\n')).toThrow(CsvSyntaxError);
    let thrown: unknown;
    try {
      readCsv('a;b\n1;2\n3;"open\n');
    } catch (error) {
      thrown = error;
    }
    expect((thrown as CsvSyntaxError).line).toBe(3);
    expect(say("nl", (thrown as CsvSyntaxError).problem)).toBe(
      "heeft een aanhalingsteken dat nergens gesloten wordt (gelezen met puntkomma als scheidingsteken)",
    );
    expect(say("en", (thrown as CsvSyntaxError).problem)).toContain("read with semicolon as delimiter");
  });

  it("writes the form Dutch Excel opens in columns, and reads it back", () => {
    const rows = [{ name: "Súdwest-Fryslân", amount: -1234.5, note: "=1+1" }];
    const excel = writeCsv(["name", "amount", "note"], rows, { dialect: "excel-nl", decimals: { amount: 2 } });
    expect(excel).toBe("\ufeffname;amount;note\r\nSúdwest-Fryslân;-1234,50;'=1+1\r\n");
    expect(readCsv(excel).rows[0]?.values).toEqual({ name: "Súdwest-Fryslân", amount: "-1234,50", note: "=1+1" });
    const plain = writeCsv(["name", "amount"], rows, { decimals: { amount: 2 } });
    expect(plain).toBe("name,amount\r\nSúdwest-Fryslân,-1234.50\r\n");
  });
});
