import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/database.ts";
import { systemContext } from "../../platform/context.ts";
import type { Database } from "../../platform/db/client.ts";
import { organisations } from "../../platform/db/schema.ts";
import { writeXlsx } from "../../platform/xlsx.ts";
import { importRegister } from "./import-register.ts";
import { applyPopulation, municipalityKey, PopulationTableError, readPopulationTable } from "./population.ts";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const text = (s: string) => new TextEncoder().encode(s);
const emmenKey = "nl-municipality-GM0114";
const emmen = async () =>
  (
    await database.db
      .select({
        population: organisations.population,
        date: organisations.populationDate,
        source: organisations.populationSource,
      })
      .from(organisations)
      .where(eq(organisations.key, emmenKey))
  )[0];

describe("the population in the register", () => {
  it("has every Dutch municipality's figure of 1 January 2024, with its source", async () => {
    expect(await emmen()).toEqual({
      population: expect.any(Number),
      date: "2024-01-01",
      source: expect.stringContaining("CBS StatLine 85984NED"),
    });
    const dutch = await database.db
      .select({ population: organisations.population })
      .from(organisations)
      .where(eq(organisations.country, "NL"));
    const municipalities = dutch.filter((d) => d.population !== null);
    expect(municipalities).toHaveLength(342);
    expect(municipalities.reduce((s, d) => s + (d.population ?? 0), 0)).toBe(17_942_942);
  });

  it("takes a newer figure from an official table, and never an older one, also not from a new seed", async () => {
    const statLine = text(
      [
        '"ID";"RegioS";"Perioden";"BevolkingOp1Januari_1"',
        '"1";"GM0114  ";"2024JJ00";"108000"',
        '"2";"GM0114  ";"2025JJ00";"108500"',
        '"3";"GM9999  ";"2025JJ00";"1"',
      ].join("\r\n"),
    );
    const figures = await readPopulationTable(statLine, "03759ned.csv");
    expect(figures.find((f) => f.key === emmenKey)).toMatchObject({ population: 108_500, date: "2025-01-01" });
    const result = await database.db.transaction((tx) => applyPopulation(tx, systemContext("test"), figures));
    expect(result).toMatchObject({ stored: 1, older: 0, unknown: ["nl-municipality-GM9999"] });
    expect(await emmen()).toMatchObject({ population: 108_500, date: "2025-01-01" });
    const older = await database.db.transaction((tx) =>
      applyPopulation(tx, systemContext("test"), [{ key: emmenKey, population: 1, date: "2023-01-01", source: "x" }]),
    );
    expect(older).toMatchObject({ stored: 0, older: 1 });
    await database.db.transaction((tx) => importRegister(tx, systemContext("test")));
    expect(await emmen()).toMatchObject({ population: 108_500, date: "2025-01-01" });
  });

  it("refuses a StatLine table still split by sex or age, and a table without a date when it needs one", async () => {
    const split = text(
      [
        '"Geslacht";"RegioS";"Perioden";"BevolkingOp1Januari_1"',
        '"3000";"GM0114";"2025JJ00";"54000"',
        '"4000";"GM0114";"2025JJ00";"54500"',
      ].join("\n"),
    );
    await expect(readPopulationTable(split, "x.csv")).rejects.toThrow(/totals of sex, age and marital status/);
    const undated = text("CD_REFNIS;MS_POPULATION\n71072;40000\n");
    await expect(readPopulationTable(undated, "statbel.csv")).rejects.toThrow(PopulationTableError);
    await expect(readPopulationTable(text("naam;inwoners\nHasselt;1\n"), "x.csv")).rejects.toThrow(/municipal codes/);
  });

  it("adds up Statbel's rows per sex and age, from CSV or Excel, on the day given", async () => {
    const csv = text(
      "CD_REFNIS;TX_DESCR_NL;CD_SEX;MS_POPULATION\n71072;Hasselt;M;40100\n71072;Hasselt;F;41900\n71016;Genk;M;33000\n",
    );
    const fromCsv = await readPopulationTable(csv, "TF_SOC_POP_STRUCT_2025.csv", { date: "2025-01-01" });
    expect(fromCsv.find((f) => f.key === "be-municipality-71072")).toMatchObject({
      population: 82_000,
      date: "2025-01-01",
    });
    const workbook = writeXlsx([
      {
        name: "Bevolking",
        rows: [
          ["Bevolking per gemeente op 1 januari 2025"],
          ["Refnis", "Gemeente", "Totaal"],
          ["71072", "Hasselt", 82_000],
          ["71016", "Genk", 67_500],
        ],
      },
    ]);
    const fromXlsx = await readPopulationTable(workbook, "bevolking.xlsx", {
      date: "2025-01-01",
      source: "Statbel 2025",
    });
    expect(fromXlsx.find((f) => f.key === "be-municipality-71016")).toEqual({
      key: "be-municipality-71016",
      population: 67_500,
      date: "2025-01-01",
      source: "Statbel 2025",
    });
  });

  it("reads municipal codes as they are written", () => {
    expect(["GM0114", "gm0114", "114", "0114", "71072", "Hasselt"].map(municipalityKey)).toEqual([
      emmenKey,
      emmenKey,
      emmenKey,
      emmenKey,
      "be-municipality-71072",
      null,
    ]);
  });
});
