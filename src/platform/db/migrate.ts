import { readFileSync } from "node:fs";
import type { PGlite } from "@electric-sql/pglite";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { projectPath } from "../paths.ts";
import type { Database } from "./client.ts";

export const migrationsFolder = projectPath("db", "migrations");

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

/** The migrations this build knows, in order. */
export function knownMigrations(): Journal["entries"] {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, "utf8")) as Journal;
  return journal.entries;
}

/** Applies every migration not yet applied, in order, on either driver. */
export async function migrate(database: Database): Promise<void> {
  if (database.driver === "pglite") {
    await migratePglite(database.db as unknown as PgliteDatabase<Record<string, never>> & { $client: PGlite }, {
      migrationsFolder,
    });
  } else {
    await migratePg(database.db as unknown as NodePgDatabase<Record<string, never>>, { migrationsFolder });
  }
}

/** How many of this build's migrations the database has applied, and how many it lacks. */
export async function migrationState(database: Database): Promise<{ applied: number; pending: number }> {
  const known = knownMigrations();
  let applied = 0;
  try {
    const rows = (await database.raw('SELECT created_at FROM drizzle."__drizzle_migrations"')) as {
      created_at: string | number;
    }[];
    const appliedAt = new Set(rows.map((r) => Number(r.created_at)));
    applied = known.filter((m) => appliedAt.has(m.when)).length;
  } catch {
    applied = 0;
  }
  return { applied, pending: known.length - applied };
}
