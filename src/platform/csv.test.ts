import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv, writeCsv } from "./csv.ts";

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
});
