import { loadCountryScale } from "../modules/scale/seed-country.ts";
import type { Database } from "../platform/db/client.ts";

const number = (n: number) => n.toLocaleString("en-GB");

/** Loads the country scale, telling how far each step is (every tenth of it) and what was loaded. */
export async function seedCountryScale(database: Database, log: (line: string) => void = console.log) {
  const started = performance.now();
  const told = new Map<string, number>();
  const summary = await loadCountryScale(database, {
    progress: (step, done, total) => {
      const tenth = Math.floor((done / total) * 10);
      if ((told.get(step) ?? -1) >= tenth) return;
      told.set(step, tenth);
      const seconds = Math.round((performance.now() - started) / 1000);
      log(`  ${step}: ${number(done)} of ${number(total)} (${seconds} s)`);
    },
  });
  if (summary.alreadyLoaded) {
    log("Country scale: loaded already; nothing changed.");
    return summary;
  }
  log(
    `Country scale in ${summary.seconds} s: ${number(summary.collaborations)} collaborations with ${number(summary.memberships)} memberships, ${number(summary.catalogueEntries)} catalogue entries, ${number(summary.tickets)} tickets, ${number(summary.frameworks)} framework agreements with ${number(summary.subAgreements)} sub-agreements and ${number(summary.settlements)} settlements, ${number(summary.surveys)} surveys with ${number(summary.surveyAnswers)} answers, ${number(summary.auditEvents)} audit events.`,
  );
  return summary;
}
