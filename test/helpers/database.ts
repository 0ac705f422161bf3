import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase } from "../../src/platform/db/client.ts";

/**
 * A fresh database for one test file, copied from the run's migrated template (with the register loaded):
 * PGlite from a dump, or a new PostgreSQL database from the template when TEST_DATABASE_URL is set.
 */
export async function createTestDatabase(): Promise<Database> {
  const template = inject("pgTemplate");
  if (template) {
    const url = inject("testDatabaseUrl");
    const name = `${template}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const database = await openDatabase({ url: dbUrl.href, poolSize: 5 });
    return {
      ...database,
      close: async () => {
        await database.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dump = readFileSync(inject("templateDump"));
  return openDatabase({ loadDataDir: new Blob([dump]) });
}

/**
 * A copy of the template for another process (the command line): PostgreSQL gives a database URL,
 * PGlite a data folder laid out as `SAMEN_DATA_DIR`. Closing removes it.
 */
export async function createTestDatabaseForProcess(): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const template = inject("pgTemplate");
  if (template) {
    const url = inject("testDatabaseUrl");
    const name = `${template}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: dbUrl.href },
      close: async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "samen-cli-"));
  const database = await openDatabase({
    dataDir: path.join(dataDir, "db"),
    loadDataDir: new Blob([readFileSync(inject("templateDump"))]),
  });
  await database.close();
  return { env: { SAMEN_DATA_DIR: dataDir }, close: async () => rmSync(dataDir, { recursive: true, force: true }) };
}
