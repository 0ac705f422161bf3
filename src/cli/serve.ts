import { demoAccounts, demoPassword } from "../modules/demo/seed-demo.ts";
import type { Config } from "../platform/config.ts";
import { openConfiguredDatabase, prepareDatabase } from "../platform/setup.ts";
import { buildServer } from "../server.ts";

/** Starts Samen: opens and prepares the database, listens, and shuts down cleanly on SIGINT/SIGTERM. */
export async function serve(config: Config): Promise<void> {
  const started = performance.now();
  const database = await openConfiguredDatabase(config);
  const prepared = await prepareDatabase(database, config);
  const app = await buildServer({ config, database, jobs: true });
  await app.listen({ host: config.host, port: config.port });
  const where = config.databaseUrl ? "PostgreSQL" : `embedded database in ${config.dataDir}`;
  app.log.info({ startupMs: Math.round(performance.now() - started), database: database.driver, ...prepared }, "ready");
  const lines = [``, `Samen runs at ${config.publicUrl} (${where}).`];
  if (prepared.registerLoaded) {
    lines.push("The register of Belgian and Dutch local governments and their collaborations was loaded.");
  }
  if (prepared.demoCatalogueEntriesCreated) {
    lines.push(
      `Provincie Limburg's demo partner catalogue was loaded (${prepared.demoCatalogueEntriesCreated} entries).`,
    );
  }
  if (config.demo) {
    lines.push("", `Demo: sign in with one of these accounts, password ${demoPassword}`);
    for (const account of demoAccounts) lines.push(`  ${account.email.padEnd(32)} ${account.persona}`);
    lines.push("Mails are not sent in the demo; they appear in the outbox (menu: Berichten).");
  }
  lines.push(`API reference: ${config.publicUrl}/api/docs`, "");
  process.stdout.write(`${lines.join("\n")}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
