import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { systemContext } from "../src/platform/context.ts";
import { type Database, openDatabase, pgliteOf } from "../src/platform/db/client.ts";
import { migrate } from "../src/platform/db/migrate.ts";
import { loadReferenceData } from "../src/platform/setup.ts";

declare module "vitest" {
  export interface ProvidedContext {
    templateDump: string;
    pgTemplate: string;
    testDatabaseUrl: string;
  }
}

async function prepareTemplate(database: Database) {
  await migrate(database);
  await database.db.transaction((tx) => loadReferenceData(tx, systemContext("test-template")));
}

/**
 * Migrates one database and loads the register into it, once per run: a PGlite dump, or a PostgreSQL
 * template database when TEST_DATABASE_URL is set. Every test file then starts from a copy of it.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `samen_template_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${name}`;
    const database = await openDatabase({ url: templateUrl.href, poolSize: 2 });
    await prepareTemplate(database);
    await database.close();
    project.provide("pgTemplate", name);
    project.provide("testDatabaseUrl", url);
    project.provide("templateDump", "");
    return async () => {
      const leftovers = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
        [name, `${name}_%`],
      );
      for (const { datname } of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const folder = mkdtempSync(path.join(tmpdir(), "samen-template-"));
  const database = await openDatabase({});
  await prepareTemplate(database);
  const dump = await pgliteOf(database).dumpDataDir("none");
  await database.close();
  const file = path.join(folder, "template.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("templateDump", file);
  project.provide("pgTemplate", "");
  project.provide("testDatabaseUrl", "");
  return () => rmSync(folder, { recursive: true, force: true });
}
