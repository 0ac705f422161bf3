import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type ExtractTablesWithRelations, is, type SQL } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { lockDataFolder } from "./data-folder-lock.ts";
import { keepDrizzleParsers } from "./pglite-parsers.ts";
import * as schema from "./schema.ts";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or a transaction: for reads that may run inside or outside one. */
export type Queryable = Db | Tx;

const prepared = new WeakMap<Db, Map<unknown, unknown>>();
/**
 * A statement of a hot path (every API call's token, a submission), built once per database with placeholders and
 * prepared there: its SQL text is made once, and the database keeps its plan per connection.
 */
export function preparedOn<T>(db: Db, build: (db: Queryable) => T): T {
  let statements = prepared.get(db);
  if (!statements) {
    statements = new Map();
    prepared.set(db, statements);
  }
  let statement = statements.get(build) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    statements.set(build, statement);
  }
  return statement;
}

/**
 * As preparedOn, for a read that may also run inside a transaction: there it is built on the transaction each time
 * (so it sees the transaction's own writes), elsewhere prepared once.
 */
export const preparedIn = <T>(db: Queryable, build: (db: Queryable) => T): T =>
  is(db, PgTransaction) ? build(db) : preparedOn(db as Db, build);

export interface Database {
  db: Db;
  driver: "pglite" | "postgres";
  /** Runs one SQL text with parameters, straight on the driver: for benchmarks and health checks. */
  raw(sqlText: string, params?: unknown[]): Promise<unknown[]>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; without it the embedded database is used. */
  url?: string | undefined;
  /** Folder of the embedded database; in memory when absent. */
  dataDir?: string | undefined;
  /** A dump of a migrated embedded database to start from (tests clone a template this way). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
  /** Called when an idle PostgreSQL connection fails; by default a warning is printed. */
  onIdleError?: (error: Error) => void;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) {
    // Every connection runs in UTC so timestamps are compared and printed alike on both drivers.
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      options: "-c TimeZone=UTC",
    });
    // An idle connection that the server closes (a restart, a dropped database) must not take the process down;
    // the pool replaces it on the next query.
    pool.on(
      "error",
      options.onIdleError ?? ((error) => process.emitWarning(`database connection lost: ${error.message}`)),
    );
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      driver: "postgres",
      raw: async (text, params) => (await pool.query(text, params as unknown[])).rows,
      close: () => pool.end(),
    };
  }
  let releaseFolder = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    releaseFolder = lockDataFolder(options.dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: { pg_trgm },
    });
  } catch (error) {
    releaseFolder();
    throw error;
  }
  await client.exec("SET TIME ZONE 'UTC'");
  const { queryAsPGlite } = await keepDrizzleParsers(client);
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    raw: async (text, params) => (await queryAsPGlite(text, params as unknown[])).rows,
    close: async () => {
      try {
        await client.close();
      } finally {
        releaseFolder();
      }
    },
  };
}

/** The embedded client behind a Database, for dumping a template. */
export function pgliteOf(database: Database): PGlite {
  return (database.db as unknown as { $client: PGlite }).$client;
}

/** Rows of a hand-written query, on either driver (both answer with `{ rows }`). */
export async function rowsOf<T>(db: Queryable, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
