import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { eq, or } from "drizzle-orm";
import { createUser } from "../modules/accounts/create-user.ts";
import { demoPassword, seedDemo } from "../modules/demo/seed-demo.ts";
import { importBoundaries } from "../modules/geography/import-boundaries.ts";
import { refreshNeighbours } from "../modules/geography/neighbours.ts";
import { applyPopulation, PopulationTableError, readPopulationTable } from "../modules/organisations/population.ts";
import { createToken } from "../modules/tokens/tokens.ts";
import { exportJsonLd } from "../modules/transfer/export-jsonld.ts";
import { exportRows, toCsv } from "../modules/transfer/export-rows.ts";
import { type TransferKind, transferKinds } from "../modules/transfer/formats.ts";
import { importFile } from "../modules/transfer/import-rows.ts";
import { recordAudit, verifyAuditChain } from "../platform/audit.ts";
import { randomToken } from "../platform/auth/secrets.ts";
import { type Config, ConfigError, loadConfig } from "../platform/config.ts";
import { systemContext } from "../platform/context.ts";
import type { Database } from "../platform/db/client.ts";
import { DataFolderInUse } from "../platform/db/data-folder-lock.ts";
import { migrate, migrationState } from "../platform/db/migrate.ts";
import { organisations } from "../platform/db/schema.ts";
import { AppError } from "../platform/errors.ts";
import { isMessageKey, languageOfEnvironment, say, sayIssue } from "../platform/i18n.ts";
import { freePort } from "../platform/net.ts";
import { loadReferenceData, openConfiguredDatabase } from "../platform/setup.ts";
import { type Feature, type Topology, topologyFeatures } from "../platform/topojson.ts";
import { roles } from "../platform/vocabulary.ts";
import { seedCountryScale } from "./seed-scale.ts";
import { serve } from "./serve.ts";

/** Exit codes: 0 done, 1 failed while running, 2 wrong usage or configuration. */
class UsageError extends Error {}

interface Command {
  summary: string;
  usage: string;
  /** How many positional arguments the command takes (default none). */
  arguments?: { min: number; max: number };
  options: Record<string, { type: "string" | "boolean"; description: string }>;
  run(values: Record<string, string | boolean | undefined>, config: Config, positionals: string[]): Promise<void>;
}

async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(config);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const required = (values: Record<string, string | boolean | undefined>, name: string): string => {
  const value = values[name];
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value.trim();
};

/** Finds an organisation by id, key (be-municipality-71072), NIS code, CBS code (GM0114) or KBO number. */
async function resolveOrganisation(database: Database, ref: string): Promise<string> {
  const uuid = /^[0-9a-f-]{36}$/i.test(ref);
  const rows = await database.db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(
      or(
        uuid ? eq(organisations.id, ref) : undefined,
        eq(organisations.key, ref),
        eq(organisations.nisCode, ref),
        eq(organisations.cbsCode, ref.toUpperCase()),
        eq(organisations.kboNumber, ref),
      ),
    );
  const municipalities = rows.filter((r) => r.kind === "municipality");
  const pick = rows.length === 1 ? rows[0] : municipalities.length === 1 ? municipalities[0] : undefined;
  if (!pick) {
    throw new UsageError(
      rows.length === 0
        ? `no organisation matches "${ref}" (give an id, a key like be-municipality-71072, a NIS, CBS or KBO code)`
        : `"${ref}" matches ${rows.length} organisations; give its id or key`,
    );
  }
  return pick.id;
}

const commands: Record<string, Command> = {
  serve: {
    summary: "Run the web app and API (migrates, and loads the register and demo on first start)",
    usage: "samen serve [--host 127.0.0.1] [--port 3000]",
    options: {
      host: { type: "string", description: "address to listen on (default HOST or 127.0.0.1)" },
      port: { type: "string", description: "port to listen on (default PORT or 3000)" },
    },
    async run(values) {
      const env = { ...process.env };
      if (typeof values.host === "string") env.HOST = values.host;
      if (typeof values.port === "string") env.PORT = values.port;
      // Port 0 means "any free port": pick it now, so the address Samen prints and puts in links is the real one.
      if (env.PORT === "0") env.PORT = String(await freePort(env.HOST ?? "127.0.0.1"));
      await serve(loadConfig(env));
    },
  },
  migrate: {
    summary: "Apply database migrations that are not applied yet",
    usage: "samen migrate",
    options: {},
    async run(_values, config) {
      await withDatabase(config, async (database) => {
        const before = await migrationState(database);
        await migrate(database);
        console.log(
          `Migrations: ${before.pending} applied now, ${before.applied} were applied already (${database.driver}).`,
        );
      });
    },
  },
  seed: {
    summary: "Load the register of real organisations (and, with --demo, the demo accounts)",
    usage: "samen seed [--demo] [--scale country]",
    options: {
      demo: { type: "boolean", description: "also create the demo accounts (not in production)" },
      scale: {
        type: "string",
        description: "country: add synthetic work at the size of two countries, for measuring (not in production)",
      },
    },
    async run(values, config) {
      if (values.demo && config.env === "production")
        throw new UsageError("demo accounts are never created in production");
      if (values.scale !== undefined && values.scale !== "country")
        throw new UsageError(`--scale takes "country", not "${values.scale}"`);
      if (values.scale && config.env === "production")
        throw new UsageError("the synthetic country-scale data is never loaded in production");
      await withDatabase(config, async (database) => {
        await migrate(database);
        const {
          register: result,
          domains,
          collaborations,
        } = await database.db.transaction((tx) => loadReferenceData(tx, systemContext("seed")));
        console.log(
          `Register: ${result.provinces} provinces, ${result.municipalities} municipalities (and ${result.mergedMunicipalities} merged in 2025), ${result.ocmws} OCMWs; Provincie Limburg serves ${result.partnerClients}.`,
        );
        console.log(
          `Collaborations: ${collaborations.flemishAssociations} Flemish intermunicipal associations, ${collaborations.dutchArrangements} Dutch joint arrangements, ${collaborations.memberships} new memberships, ${collaborations.carriedOverInMergers} carried over in the 2025 mergers (${collaborations.mergedDuplicates} already there); ${domains.domains} policy domains.`,
        );
        if (collaborations.unmapped.length) {
          console.log(`Not mapped to today's register (${collaborations.unmapped.length} participants):`);
          for (const u of collaborations.unmapped)
            console.log(`  ${u.collaboration}: ${u.participant} ${u.code} (${u.reason})`);
        }
        if (values.demo) {
          const created = await database.db.transaction((tx) => seedDemo(tx, systemContext("seed")));
          console.log(
            `Demo: ${created.accounts} accounts created (password ${demoPassword}), ${created.catalogueEntries} catalogue entries of Provincie Limburg, ${created.tickets} front-office tickets, ${created.frameworks} framework agreement of Emmen.`,
          );
        }
        if (values.scale) await seedCountryScale(database);
      });
    },
  },
  "user create": {
    summary: "Create a user, with a role in an organisation or as platform administrator",
    usage:
      "samen user create --email EMAIL --name NAME (--organisation REF --role admin|editor|viewer [--hr] | --platform-admin) [--password-stdin]",
    options: {
      email: { type: "string", description: "the user's e-mail address" },
      name: { type: "string", description: "the user's full name" },
      organisation: { type: "string", description: "id, key, NIS, CBS or KBO code of the organisation" },
      role: { type: "string", description: `one of ${roles.join(", ")}` },
      hr: { type: "boolean", description: "the user works in the organisation's HR department (personeelsdienst)" },
      "platform-admin": { type: "boolean", description: "make the user a platform administrator" },
      "password-stdin": {
        type: "boolean",
        description: "read the password from standard input (else one is generated and printed once)",
      },
    },
    async run(values, config) {
      const email = required(values, "email");
      const name = required(values, "name");
      const role = values.role;
      if (role !== undefined && !(roles as readonly unknown[]).includes(role))
        throw new UsageError(`--role must be one of ${roles.join(", ")}`);
      if ((values.organisation === undefined) !== (role === undefined))
        throw new UsageError("--organisation and --role go together");
      if (values.hr && !values.organisation) throw new UsageError("--hr needs --organisation");
      if (!values.organisation && !values["platform-admin"])
        throw new UsageError("give --organisation and --role, or --platform-admin");
      let password: string;
      let generated = false;
      if (values["password-stdin"]) {
        password = (await readStdin()).replace(/\r?\n$/, "");
      } else {
        password = randomToken().slice(0, 20);
        generated = true;
      }
      await withDatabase(config, async (database) => {
        const organisationId =
          typeof values.organisation === "string"
            ? await resolveOrganisation(database, values.organisation)
            : undefined;
        const created = await database.db.transaction((tx) =>
          createUser(tx, systemContext("cli"), {
            email,
            name,
            password,
            isPlatformAdmin: values["platform-admin"] === true,
            ...(organisationId && typeof role === "string"
              ? { organisationId, role: role as (typeof roles)[number], hr: values.hr === true }
              : {}),
          }),
        );
        console.log(`User ${created.email} created (${created.id}).`);
        if (generated) console.log(`Password (shown once): ${password}`);
      });
    },
  },
  "token create": {
    summary: "Create an API token for an organisation and role; the token is printed once",
    usage:
      "samen token create --organisation REF --role admin|editor|viewer --name NAME [--scopes read,write] [--expires-days 365]",
    options: {
      organisation: { type: "string", description: "id, key, NIS, CBS or KBO code of the organisation" },
      role: { type: "string", description: `one of ${roles.join(", ")}` },
      name: { type: "string", description: "what the token is for" },
      scopes: { type: "string", description: "comma-separated: read, write (default read)" },
      "expires-days": { type: "string", description: "days until it expires (default 365; 0 never)" },
    },
    async run(values, config) {
      const role = required(values, "role");
      if (!(roles as readonly string[]).includes(role))
        throw new UsageError(`--role must be one of ${roles.join(", ")}`);
      const name = required(values, "name");
      const scopes = (typeof values.scopes === "string" ? values.scopes : "read").split(",").map((s) => s.trim());
      for (const scope of scopes)
        if (scope !== "read" && scope !== "write") throw new UsageError(`unknown scope "${scope}" (read, write)`);
      const days = typeof values["expires-days"] === "string" ? Number(values["expires-days"]) : 365;
      if (!Number.isInteger(days) || days < 0 || days > 3650)
        throw new UsageError("--expires-days must be a whole number from 0 to 3650");
      await withDatabase(config, async (database) => {
        const organisationId = await resolveOrganisation(database, required(values, "organisation"));
        const created = await database.db.transaction((tx) =>
          createToken(tx, systemContext("cli"), {
            name,
            organisationId,
            role: role as (typeof roles)[number],
            scopes: scopes as ("read" | "write")[],
            expiresInDays: days === 0 ? null : days,
          }),
        );
        console.log(
          `Token ${created.id} created${created.expiresAt ? `, valid until ${created.expiresAt.toISOString()}` : ""}.`,
        );
        console.log("Send it as 'Authorization: Bearer <token>'. It is shown once:");
        console.log(created.token);
      });
    },
  },
  export: {
    summary: "Export organisations, collaborations or memberships as CSV or JSON, or the whole register as JSON-LD",
    usage: "samen export organisations|collaborations|memberships|jsonld [--format csv|json] [--out FILE]",
    arguments: { min: 1, max: 1 },
    options: {
      format: { type: "string", description: "csv (default) or json; jsonld is its own kind" },
      out: { type: "string", description: "file to write (default: standard output)" },
    },
    async run(values, config, [kind]) {
      const format = typeof values.format === "string" ? values.format : "csv";
      if (kind !== "jsonld" && !(transferKinds as readonly string[]).includes(kind ?? "")) {
        throw new UsageError(`what to export: organisations, collaborations, memberships or jsonld (got "${kind}")`);
      }
      if (format !== "csv" && format !== "json") throw new UsageError("--format must be csv or json");
      await withDatabase(config, async (database) => {
        let text: string;
        if (kind === "jsonld") text = `${JSON.stringify(await exportJsonLd(database.db, config.publicUrl), null, 2)}\n`;
        else {
          const rows = await exportRows(database.db, kind as TransferKind);
          text = format === "csv" ? toCsv(kind as TransferKind, rows) : `${JSON.stringify(rows, null, 2)}\n`;
        }
        if (typeof values.out === "string") {
          writeFileSync(values.out, text);
          console.error(`Written to ${values.out}.`);
        } else process.stdout.write(text);
      });
    },
  },
  import: {
    summary:
      "Import organisations, collaborations or memberships from CSV or JSON; nothing is written unless every row is valid",
    usage:
      "samen import organisations|collaborations|memberships FILE [--format csv|json] [--skip-invalid] [--dry-run]",
    arguments: { min: 2, max: 2 },
    options: {
      format: { type: "string", description: "csv or json (default: from the file name)" },
      "skip-invalid": { type: "boolean", description: "write the valid rows and report the skipped ones" },
      "dry-run": { type: "boolean", description: "only check the file" },
    },
    async run(values, config, [kind, file]) {
      if (!(transferKinds as readonly string[]).includes(kind ?? "")) {
        throw new UsageError(`what to import: organisations, collaborations or memberships (got "${kind}")`);
      }
      const format =
        typeof values.format === "string" ? values.format : file?.toLowerCase().endsWith(".json") ? "json" : "csv";
      if (format !== "csv" && format !== "json") throw new UsageError("--format must be csv or json");
      let content: Buffer;
      try {
        content = readFileSync(file ?? "");
      } catch {
        throw new UsageError(`cannot read ${file}`);
      }
      await withDatabase(config, async (database) => {
        const progress = process.stderr.isTTY
          ? (done: number, total: number) => {
              const width = 30;
              const filled = Math.round((done / total) * width);
              process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
              if (done === total) process.stderr.write("\n");
            }
          : undefined;
        const report = await importFile(database.db, systemContext("cli"), {
          kind: kind as TransferKind,
          format,
          content,
          skipInvalid: values["skip-invalid"] === true,
          dryRun: values["dry-run"] === true,
          ...(progress ? { onProgress: progress } : {}),
        });
        for (const p of report.problems)
          console.error(p.line ? `line ${p.line}: ${p.field} ${p.message}` : `The file ${p.message}.`);
        if (report.dryRun)
          console.log(
            `Checked ${report.rows} rows: ${report.valid} valid, ${report.skipped} with problems. Nothing written (dry run).`,
          );
        else if (report.written === 0 && report.problems.length) {
          console.error(
            report.rows === 0
              ? `Nothing written: the file cannot be read as ${kind}.`
              : `Nothing written: ${report.problems.length} problem(s) in ${report.rows} rows. Fix them, or use --skip-invalid.`,
          );
          process.exitCode = 2;
        } else
          console.log(
            `Imported ${report.written} ${kind}${report.skipped ? `; skipped ${report.skipped} invalid row(s) listed above` : ""}.`,
          );
      });
    },
  },
  "import population": {
    summary:
      "Store municipalities' population from an official table (CBS StatLine 03759ned CSV; Statbel's population by municipality, CSV or Excel); an older figure never replaces a newer one",
    usage: "samen import population FILE [--date YYYY-MM-DD] [--source TEXT]",
    arguments: { min: 1, max: 1 },
    options: {
      date: {
        type: "string",
        description: "the day the table counts (1 January), for tables that do not say it (Statbel)",
      },
      source: { type: "string", description: "where the figures come from, kept with each figure" },
    },
    async run(values, config, [file]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file ?? "");
      } catch {
        throw new UsageError(`cannot read ${file}`);
      }
      const date = typeof values.date === "string" ? values.date : undefined;
      if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError("--date must be YYYY-MM-DD");
      let figures: Awaited<ReturnType<typeof readPopulationTable>>;
      try {
        figures = await readPopulationTable(bytes, file ?? "", {
          ...(date ? { date } : {}),
          ...(typeof values.source === "string" ? { source: values.source } : {}),
        });
      } catch (error) {
        if (error instanceof PopulationTableError) throw new UsageError(`${file}: ${error.message}`);
        throw error;
      }
      await withDatabase(config, async (database) => {
        const result = await database.db.transaction((tx) => applyPopulation(tx, systemContext("cli"), figures));
        console.log(`Population stored for ${result.stored} municipalities.`);
        if (result.older) console.log(`Kept ${result.older} newer figures the register already had.`);
        if (result.unknown.length)
          console.log(
            `Not in the register (${result.unknown.length}): ${result.unknown.slice(0, 20).join(", ")}${result.unknown.length > 20 ? ", ..." : ""}`,
          );
      });
    },
  },
  "boundaries import": {
    summary: "Replace municipal boundaries with an official file (GeoJSON or TopoJSON in WGS84)",
    usage: "samen boundaries import FILE --code-property NAME --country BE|NL [--object NAME] [--source TEXT]",
    arguments: { min: 1, max: 1 },
    options: {
      "code-property": {
        type: "string",
        description: "the feature property with the NIS code (BE) or CBS code such as GM0114 (NL)",
      },
      country: { type: "string", description: "BE or NL" },
      object: { type: "string", description: "for TopoJSON: the object holding the municipalities" },
      source: { type: "string", description: "where the boundaries come from (shown with the map)" },
    },
    async run(values, config, [file]) {
      const property = required(values, "code-property");
      const country = required(values, "country");
      if (country !== "BE" && country !== "NL") throw new UsageError("--country must be BE or NL");
      let parsed: { type?: string; features?: Feature[]; objects?: Record<string, unknown> };
      try {
        parsed = JSON.parse(readFileSync(file ?? "", "utf8"));
      } catch (error) {
        throw new UsageError(`cannot read ${file} as JSON (${(error as Error).message})`);
      }
      let features: Feature[];
      if (parsed.type === "Topology") {
        const object = typeof values.object === "string" ? values.object : Object.keys(parsed.objects ?? {})[0];
        if (!object) throw new UsageError("the topology has no objects");
        features = topologyFeatures(parsed as unknown as Topology, object);
      } else if (parsed.type === "FeatureCollection" && Array.isArray(parsed.features)) {
        features = parsed.features.filter((f) => f.geometry?.type === "Polygon" || f.geometry?.type === "MultiPolygon");
      } else throw new UsageError("expected a GeoJSON FeatureCollection or a TopoJSON Topology");
      if (!features.length) throw new UsageError("the file has no polygons");
      const keyOf = (p: Record<string, unknown>) => {
        const code = String(p[property] ?? "").trim();
        if (!code) return null;
        return country === "BE"
          ? `be-municipality-${code}`
          : `nl-municipality-${code.startsWith("GM") ? code : `GM${code.padStart(4, "0")}`}`;
      };
      await withDatabase(config, async (database) => {
        const result = await database.db.transaction(async (tx) => {
          const imported = {
            ...(await importBoundaries(tx, {
              features,
              keyOf,
              source: typeof values.source === "string" ? values.source : `imported from ${file}`,
            })),
            neighbourPairs: await refreshNeighbours(tx),
          };
          await recordAudit(tx, systemContext("cli"), {
            entityType: "register",
            entityId: "boundaries",
            ownerOrganisationId: null,
            action: "import",
            after: { file, country, matched: imported.matched, unmatched: imported.unmatched.length },
          });
          return imported;
        });
        console.log(`Boundaries replaced for ${result.matched} municipalities.`);
        console.log(`Neighbours worked out again: ${result.neighbourPairs} pairs of municipalities share a border.`);
        if (result.unmatched.length)
          console.log(
            `Not in the register (${result.unmatched.length}): ${result.unmatched.slice(0, 20).join(", ")}${result.unmatched.length > 20 ? ", ..." : ""}`,
          );
      });
    },
  },
  "audit verify": {
    summary: "Recompute the audit trail's hash chain and report the first tampered event",
    usage: "samen audit verify",
    options: {},
    async run(_values, config) {
      await withDatabase(config, async (database) => {
        const result = await verifyAuditChain(database.db);
        if (result.brokenAt !== null) {
          console.error(
            `Audit trail broken at event ${result.brokenAt}: ${result.reason} (${result.checked} events before it hold).`,
          );
          process.exitCode = 1;
        } else console.log(`Audit trail intact: ${result.checked} events verified.`);
      });
    },
  },
};

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError("--password-stdin expects the password on standard input");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function helpText(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    "Samen: the platform on which local governments work together",
    "",
    "Usage: samen <command> [options]",
    "",
    "Commands:",
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    "Run 'samen <command> --help' for a command's options. Configuration comes from the environment (see README).",
  ].join("\n");
}

function commandHelp(command: Command): string {
  const entries: [string, string][] = [
    ...Object.entries(command.options).map(([option, spec]): [string, string] => [option, spec.description]),
    ["help", "show this help"],
  ];
  const width = Math.max(...entries.map(([n]) => n.length)) + 2;
  return [
    command.summary,
    "",
    `Usage: ${command.usage}`,
    "",
    "Options:",
    ...entries.map(([option, description]) => `  --${option.padEnd(width)} ${description}`),
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [first, second] = argv;
  if (!first || first === "--help" || first === "-h" || first === "help") {
    console.log(helpText());
    return first ? 0 : 2;
  }
  const twoWord = second && commands[`${first} ${second}`] ? `${first} ${second}` : null;
  const name = twoWord ?? first;
  const command = commands[name];
  if (!command) {
    const group = Object.keys(commands).filter((c) => c.startsWith(`${first} `));
    console.error(
      group.length
        ? `samen ${first}: give one of: ${group.join(", ")}`
        : `samen: unknown command "${first}"\n\n${helpText()}`,
    );
    return 2;
  }
  const rest = argv.slice(twoWord ? 2 : 1);
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      console.log(commandHelp(command));
      return 0;
    }
    const allowed = command.arguments ?? { min: 0, max: 0 };
    if (positionals.length > allowed.max) throw new UsageError(`unexpected argument "${positionals[allowed.max]}"`);
    if (positionals.length < allowed.min) throw new UsageError("missing argument");
    await command.run(
      values as Record<string, string | boolean | undefined>,
      name === "serve" ? ({} as Config) : loadConfig(),
      positionals,
    );
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DataFolderInUse) {
      console.error(`samen ${name}: ${error.message}`);
      return 2;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`samen ${name}: ${(error as Error).message}\n\nUsage: ${command.usage}`);
      return 2;
    }
    if (error instanceof AppError) {
      const language = languageOfEnvironment();
      const detail =
        error.detail && isMessageKey(error.detail)
          ? say(language, { key: error.detail, ...(error.params ? { params: error.params } : {}) })
          : error.message;
      const fields =
        error.fields
          ?.map((f) => `\n  ${f.field}: ${sayIssue(language, { message: f.message, params: f.params })}`)
          .join("") ?? "";
      console.error(`samen ${name}: ${detail}${fields}`);
      return error.status < 500 ? 2 : 1;
    }
    // A failed query carries its SQL and parameters in the message; the database's own reason is in the cause.
    const cause = (error as { cause?: unknown }).cause;
    const reason = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
    console.error(`samen ${name} failed: ${reason}`);
    return 1;
  }
}
