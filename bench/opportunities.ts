/**
 * Opportunities at country scale: the register of both countries (907 municipalities, their real memberships and
 * the boundaries they share) with the demo's frameworks, projects, purchases and themes. Measures one
 * municipality's opportunities as the API computes them, for every municipality in turn (p50, p95, slowest), and
 * every municipality's comparison with its neighbours and peers in one run (read once, compared 907 times).
 *
 *   node --import tsx bench/opportunities.ts [--check]     (--check exits 1 when a figure is over its budget)
 */
import { sql } from "drizzle-orm";
import { seedDemo } from "../src/modules/demo/seed-demo.ts";
import { compare, loadSlice } from "../src/modules/opportunities/comparison.ts";
import { opportunitiesOf } from "../src/modules/opportunities/opportunities.ts";
import { systemContext } from "../src/platform/context.ts";
import { checkBudgets, openModuleBench, timeRuns } from "./module-bench.ts";

const { check, budgets, database, db, where } = await openModuleBench("opportunities");
await db.transaction((tx) => seedDemo(tx, systemContext("bench")));
await db.execute(sql`ANALYZE`);
const municipalities = (
  (await db.execute(
    sql`SELECT id FROM organisations WHERE kind = 'municipality' AND status = 'active' ORDER BY key`,
  )) as unknown as { rows: { id: string }[] }
).rows.map((r) => r.id);
const asOf = "2026-12-02";
const actor = systemContext("bench").actor;
console.error(`${where}: opportunities of ${municipalities.length} municipalities`);

let joinable = 0;
let gaps = 0;
const each = await timeRuns(
  municipalities.length,
  async (i) => {
    const report = await opportunitiesOf(db, actor, municipalities[i % municipalities.length] as string, asOf);
    joinable += report.joinable.length;
    gaps += report.gaps.length;
  },
  20,
);
const all = await timeRuns(5, async () => {
  const slice = await loadSlice(db, asOf, "all");
  let withGap = 0;
  for (const id of municipalities) if (compare(slice, id).gaps.length) withGap++;
  if (!withGap) throw new Error("no municipality has a gap: the comparison found nothing");
});
await database.close();

const figures = {
  perMunicipalityP95Ms: each.p95,
  allMunicipalitiesMs: all.p95,
};
console.log(
  JSON.stringify(
    {
      database: where,
      municipalities: municipalities.length,
      perMunicipality: each,
      allInOneRun: all,
      averageJoinable: joinable / (municipalities.length + 20),
      averageGaps: gaps / (municipalities.length + 20),
    },
    null,
    2,
  ),
);
const short = checkBudgets(budgets, figures);
if (check && short) process.exit(1);
