/**
 * The country-scale data set for the benchmarks: made once per database by `samen seed --scale country` and kept
 * as a template (a PostgreSQL template database, a copy of the embedded database's folder), then copied for each
 * run, so a run starts from the same data and leaves the template as it was. A template is made again when the
 * migrations or the code that makes the data change (its name carries a hash of them).
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

const root = path.resolve(import.meta.dirname, "..");

/** A hash of what decides the data set's content: the migrations and the code that makes it. */
function datasetKey(): string {
  const hash = createHash("sha256");
  const files = [
    "db/migrations/meta/_journal.json",
    "src/modules/surveys/synthetic-answers.ts",
    "src/modules/catalogue/synthetic.ts",
    ...readdirSync(path.join(root, "src/modules/scale"))
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
      .sort()
      .map((f) => `src/modules/scale/${f}`),
  ];
  for (const file of files) hash.update(readFileSync(path.join(root, file)));
  return hash.digest("hex").slice(0, 12);
}

function seed(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "bin/samen.js"), "seed", "--scale", "country"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "development", SAMEN_DEMO: "false", LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`seed --scale country exited ${code}`))));
  });
}

export interface Dataset {
  /** The settings that point Samen at this run's copy. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/** A copy of the country-scale data on the embedded database, in a folder of its own. */
export async function embeddedCountry(): Promise<Dataset> {
  const template = path.join(tmpdir(), `samen-bench-country-${datasetKey()}`);
  if (!existsSync(template)) {
    process.stderr.write(`Making the country-scale data set on the embedded database (once): ${template}\n`);
    const making = `${template}.making`;
    rmSync(making, { recursive: true, force: true });
    await seed({ SAMEN_DATA_DIR: making });
    renameSync(making, template);
  }
  const dir = mkdtempSync(path.join(tmpdir(), "samen-bench-"));
  cpSync(template, dir, { recursive: true });
  return { env: { SAMEN_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** What the bench writes on the databases it makes: it drops no database without it. */
const marker = "made by Samen's benchmark suite (bench/datasets.ts)";

/**
 * A copy of the country-scale data on PostgreSQL: a database of this run's own made from the template database.
 * The suite touches only databases it made (marked with a comment): an older template of its own is dropped when
 * nobody uses it, never one of another's, never with FORCE.
 */
export async function postgresCountry(adminUrl: string): Promise<Dataset> {
  const template = `samen_bench_country_${datasetKey()}`;
  const urlOf = (name: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.href;
  };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query(
    `SELECT datname, shobj_description(oid, 'pg_database') AS note FROM pg_database
      WHERE datname LIKE 'samen\\_bench\\_country\\_%'`,
  );
  const ours = (rows as { datname: string; note: string | null }[]).filter((r) => r.note === marker);
  for (const old of ours.filter((r) => r.datname !== template)) {
    try {
      await admin.query(`DROP DATABASE "${old.datname}"`);
    } catch (error) {
      process.stderr.write(`Keeping ${old.datname}: ${(error as Error).message}\n`);
    }
  }
  if (!ours.some((r) => r.datname === template)) {
    if ((rows as { datname: string }[]).some((r) => r.datname === template))
      throw new Error(`database ${template} exists and was not made by the benchmark suite: not touching it`);
    process.stderr.write(`Making the country-scale data set on PostgreSQL (once): database ${template}\n`);
    await admin.query(`CREATE DATABASE "${template}"`);
    await admin.query(`COMMENT ON DATABASE "${template}" IS '${marker.replace(/'/g, "''")}'`);
    try {
      await seed({ DATABASE_URL: urlOf(template) });
    } catch (error) {
      await admin.query(`DROP DATABASE "${template}"`);
      throw error;
    }
  }
  const copy = `samen_bench_run_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE "${copy}" TEMPLATE "${template}"`);
  await admin.query(`COMMENT ON DATABASE "${copy}" IS '${marker.replace(/'/g, "''")}'`);
  return {
    env: { DATABASE_URL: urlOf(copy) },
    cleanup: async () => {
      // This run's own copy: its server has stopped; any session left is the run's own.
      await admin.query(`DROP DATABASE IF EXISTS "${copy}" WITH (FORCE)`);
      await admin.end();
    },
  };
}
