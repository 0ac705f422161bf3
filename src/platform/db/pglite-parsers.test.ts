import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { drizzleTextTypes, keepDrizzleParsers } from "./pglite-parsers.ts";

// Every type drizzle asks to have as written, and others beside them, in rows and in arrays.
const query = `SELECT timestamp '2026-03-29 01:30:00' AS ts, timestamptz '2026-10-25 02:30:00+02' AS tstz,
  interval '1 day 02:03:04' AS i, date '2026-02-28' AS d, ARRAY[1.50, 2]::numeric[] AS nums,
  ARRAY[timestamp '2026-01-01 00:00']::timestamp[] AS tss, ARRAY[timestamptz '2026-01-01 00:00+01']::timestamptz[] AS tstzs,
  ARRAY[interval '5 minutes'] AS intervals, ARRAY[date '2026-12-31'] AS dates, 12.5::numeric AS n, 7::int AS whole,
  '{"a":1}'::jsonb AS j, ARRAY['x','y'] AS texts, true AS yes, NULL::timestamptz AS nothing`;
const drizzleParsers = Object.fromEntries(drizzleTextTypes.map((oid) => [oid, (value: string) => value]));

describe("PGlite with drizzle's parsers kept once", () => {
  const plain = new PGlite();
  const kept = new PGlite();
  afterAll(async () => {
    await plain.close();
    await kept.close();
  });

  it("gives drizzle the same values as PGlite given its parsers with every query, in and out of transactions", async () => {
    const { queryAsPGlite } = await keepDrizzleParsers(kept);
    for (const rowMode of ["array", "object"] as const) {
      const expected = (await plain.query(query, [], { rowMode, parsers: drizzleParsers })).rows;
      expect((await kept.query(query, [], { rowMode, parsers: drizzleParsers })).rows).toEqual(expected);
      expect((await kept.transaction((tx) => tx.query(query, [], { rowMode, parsers: drizzleParsers }))).rows).toEqual(
        expected,
      );
    }
    // Parsers other than drizzle's are still applied.
    const mine = { 23: (value: string) => `int ${value}` };
    expect((await kept.query("SELECT 7::int AS whole", [], { parsers: mine })).rows).toEqual([{ whole: "int 7" }]);
    // A query written by hand gets what PGlite gives by default.
    expect((await queryAsPGlite(query)).rows).toEqual((await plain.query(query)).rows);
  });
});
