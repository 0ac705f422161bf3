/** What the parts of the country-scale load share. */
import type { Country, OrganisationKind } from "../../platform/vocabulary.ts";

/** The source of every synthetic row, so it can be told from real data (and found again). */
export const syntheticSource = "synthetic";

export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  country: Country;
  provinceId: string | null;
  population: number | null;
}

/** Writes rows in chunks small enough for one statement's parameters. */
export type Batcher = <T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size?: number) => Promise<void>;

export const inChunks: Batcher = async (rows, write, size = 1000) => {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
};

/** Told after each step and within long ones: what is being loaded, how far it is. */
export type Progress = (step: string, done: number, total: number) => void;
