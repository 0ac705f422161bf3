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

/** A copy of the country-scale data on PostgreSQL: database `samen_bench` made from the template database. */
export async function postgresCountry(adminUrl: string): Promise<Dataset> {
  const template = `samen_bench_country_${datasetKey()}`;
  const urlOf = (name: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.href;
  };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const { rows } = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'samen_bench_country_%'");
  const names = rows.map((r: { datname: string }) => r.datname);
  for (const old of names.filter((n) => n !== template)) await admin.query(`DROP DATABASE "${old}" WITH (FORCE)`);
  if (!names.includes(template)) {
    process.stderr.write(`Making the country-scale data set on PostgreSQL (once): database ${template}\n`);
    await admin.query(`CREATE DATABASE "${template}"`);
    try {
      await seed({ DATABASE_URL: urlOf(template) });
    } catch (error) {
      await admin.query(`DROP DATABASE "${template}" WITH (FORCE)`);
      throw error;
    }
  }
  await admin.query("DROP DATABASE IF EXISTS samen_bench WITH (FORCE)");
  await admin.query(`CREATE DATABASE samen_bench TEMPLATE "${template}"`);
  return {
    env: { DATABASE_URL: urlOf("samen_bench") },
    cleanup: async () => {
      await admin.query("DROP DATABASE IF EXISTS samen_bench WITH (FORCE)");
      await admin.end();
    },
  };
}
