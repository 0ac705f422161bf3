import { type PGlite, type QueryOptions, types } from "@electric-sql/pglite";

/**
 * The types drizzle has PGlite hand back as written (dates, timestamps, intervals and arrays of them, numeric
 * arrays), as drizzle's PGlite driver lists them: drizzle turns them into values itself.
 */
const arrays: Record<number, number> = {
  1231: types.NUMERIC, // numeric[]
  1115: types.TIMESTAMP, // timestamp[]
  1185: types.TIMESTAMPTZ, // timestamptz[]
  1187: types.INTERVAL, // interval[]
  1182: types.DATE, // date[]
};
export const drizzleTextTypes: readonly number[] = [
  types.TIMESTAMP,
  types.TIMESTAMPTZ,
  types.INTERVAL,
  types.DATE,
  ...Object.keys(arrays).map(Number),
];
const asWritten = (value: string) => value;

/**
 * Drizzle gives PGlite these parsers with every query, and PGlite copies its own ~390 parsers to merge them in on
 * each one: a third of a small read's time on the embedded database. They are made PGlite's own once instead, and
 * the copy is left out of the queries that ask for nothing else. Queries that name other parsers keep them.
 */
export async function keepDrizzleParsers(client: PGlite): Promise<{
  /** A query written by hand (`Database.raw`), its values parsed as PGlite parses them by default. */
  queryAsPGlite: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
}> {
  // Once PGlite is ready: it adds its parsers of array types as it starts.
  await client.waitReady;
  const defaults: Record<number, (value: string, typeId?: number) => unknown> = {};
  for (const oid of drizzleTextTypes) {
    const element = arrays[oid];
    // PGlite's array parsers look their element's parser up when they run; these keep the default one (the
    // scalar types come first in the list).
    const elementParser = element === undefined ? undefined : (defaults[element] ?? client.parsers[element]);
    const parser = elementParser
      ? (value: string) => types.arrayParser(value, elementParser, oid)
      : client.parsers[oid];
    if (parser) defaults[oid] = parser;
    client.parsers[oid] = asWritten;
  }
  const plain = (options?: QueryOptions): QueryOptions | undefined => {
    const parsers = options?.parsers;
    if (!parsers || !Object.keys(parsers).every((oid) => drizzleTextTypes.includes(Number(oid)))) return options;
    const { parsers: _same, ...rest } = options;
    return rest;
  };
  const query = client.query.bind(client);
  client.query = (text, params, options) => query(text, params, plain(options));
  const transaction = client.transaction.bind(client);
  client.transaction = (work) =>
    transaction((tx) => {
      const txQuery = tx.query.bind(tx);
      tx.query = (text, params, options) => txQuery(text, params, plain(options));
      return work(tx);
    });
  return { queryAsPGlite: (text, params) => query(text, params, { parsers: defaults }) };
}
