import { readFileSync } from "node:fs";
import { parseCsv } from "./csv.ts";
import { projectPath } from "./paths.ts";

/** The rows of a CSV file Samen ships in `data/` (see data/SOURCES.md). */
export const readDataCsv = (name: string) => parseCsv(readFileSync(projectPath("data", name), "utf8"));

/** The bytes of a file Samen ships in `data/`. */
export const readDataFile = (name: string) => readFileSync(projectPath("data", name));
