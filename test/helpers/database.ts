import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase } from "../../src/platform/db/client.ts";

/** A new PostgreSQL database copied from the run's template; `drop` removes it. */
async function clonePostgresTemplate(template: string): Promise<{ url: string; drop(): Promise<void> }> {
  const url = new URL(inject("testDatabaseUrl"));
  const name = `${template}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url.href });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const templateDump = () => new Blob([readFileSync(inject("templateDump"))]);

/**
 * A fresh database for one test file, copied from the run's migrated template (with the register loaded):
 * PGlite from a dump, or a new PostgreSQL database from the template when TEST_DATABASE_URL is set.
 */
export async function createTestDatabase(): Promise<Database> {
  const template = inject("pgTemplate");
  if (!template) return openDatabase({ loadDataDir: templateDump() });
  const clone = await clonePostgresTemplate(template);
  const database = await openDatabase({ url: clone.url, poolSize: 5, onIdleError: () => {} });
  return {
    ...database,
    close: async () => {
      await database.close();
      await clone.drop();
    },
  };
}

/**
 * A copy of the template for another process (the command line): PostgreSQL gives a database URL,
 * PGlite a data folder laid out as `SAMEN_DATA_DIR`. Closing removes it.
 */
export async function createTestDatabaseForProcess(): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const template = inject("pgTemplate");
  if (template) {
    const clone = await clonePostgresTemplate(template);
    return { env: { DATABASE_URL: clone.url }, close: clone.drop };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "samen-cli-"));
  const database = await openDatabase({ dataDir: path.join(dataDir, "db"), loadDataDir: templateDump() });
  await database.close();
  return { env: { SAMEN_DATA_DIR: dataDir }, close: async () => rmSync(dataDir, { recursive: true, force: true }) };
}
