import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseCsv } from "./csv.ts";

/** The rows of a CSV file Samen ships in `data/` (see data/SOURCES.md). */
export const readDataCsv = (name: string) =>
  parseCsv(readFileSync(fileURLToPath(new URL(`../../data/${name}`, import.meta.url)), "utf8"));

/** The bytes of a file Samen ships in `data/`. */
export const readDataFile = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../data/${name}`, import.meta.url)));
