import { describe, expect, it } from "vitest";
import { parseCsv } from "./csv.ts";

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
});
