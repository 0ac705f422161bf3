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
  const loaded = prepared.demoLoaded;
  if (loaded) {
    const parts = [
      [loaded.catalogueEntries, `Provincie Limburg's partner catalogue (${loaded.catalogueEntries} entries)`],
      [loaded.tickets, `its front office (${loaded.tickets} questions)`],
      [loaded.frameworks, "Emmen's shared services with Coevorden and Borger-Odoorn"],
      [loaded.surveyAnswers, `Limburg's Smart City survey (${loaded.surveyAnswers} answers)`],
      [loaded.scans, "Hasselt and OCMW Hasselt's readiness scans"],
      [loaded.partnerProjects, `Limburg's partner projects (${loaded.partnerProjects})`],
      [loaded.newsletterIssues, "Limburg's newsletter"],
      [loaded.jointPurchases, `the joint purchases of Limburg and the Drenthe trio (${loaded.jointPurchases})`],
      [loaded.councilRepresentations, "Hasselt's council view (representatives, contributions, public page)"],
      [loaded.mandates, "Hasselt's mandate to Cipal to answer its surveys"],
    ] as const;
    const names = parts.filter(([n]) => n > 0).map(([, name]) => name);
    if (names.length) lines.push(`Demo loaded: ${names.join("; ")}.`);
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
