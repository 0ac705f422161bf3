import { sql } from "drizzle-orm";
import { ocdsReleases, recordPackage } from "../src/modules/procurement/ocds.ts";
import { bundleFor } from "../src/modules/procurement/queries.ts";
import { bundleSavings, savingsDashboard } from "../src/modules/procurement/savings-report.ts";
import { systemContext } from "../src/platform/context.ts";
import { ocdsValidator } from "../test/helpers/ocds.ts";
import { checkBudgets, openModuleBench, timeRuns } from "./module-bench.ts";

const { check, budgets, config, database, db, where, limburgId } = await openModuleBench("procurement");
const lead = { id: limburgId };

// 20 bundles whose contracts start in the ten years from 2017 and run two to four years; two lots each (one by
// unit, one by spend), awarded; 1,000 participants each (the first 1,000 organisations of the register).
console.error(`${where}: making 20 bundles × 1,000 participants × 2 lots over 10 years`);
await db.execute(sql`
  INSERT INTO purchase_bundles (lead_buyer_id, lead_role, title, subject, demand_opens_on, demand_closes_on, status,
    contract_starts_on, contract_ends_on, tendered_at, awarded_at)
  SELECT ${lead.id}::uuid, 'centralPurchasingBody', 'Aankoop ' || n, 'energy',
    make_date(2016 + (n - 1) % 10, 3, 1), make_date(2016 + (n - 1) % 10, 5, 1), 'running',
    make_date(2017 + (n - 1) % 10, 1, 1), make_date(2017 + (n - 1) % 10 + 1 + n % 3, 12, 31),
    make_date(2016 + (n - 1) % 10, 5, 15), make_date(2016 + (n - 1) % 10, 9, 1)
  FROM generate_series(1, 20) n`);
await db.execute(sql`
  INSERT INTO purchase_lots (bundle_id, number, title, cpv_code, unit, price_curve)
  SELECT b.id, l, CASE l WHEN 1 THEN 'Elektriciteit' ELSE 'Juridisch advies' END,
    CASE l WHEN 1 THEN '09310000-5' ELSE '79100000-5' END, CASE l WHEN 1 THEN 'MWh' END,
    '[{"fromQuantity": 0, "discountBasisPoints": 500}, {"fromQuantity": 100000, "discountBasisPoints": 1200}]'::jsonb
  FROM purchase_bundles b CROSS JOIN generate_series(1, 2) l WHERE b.lead_buyer_id = ${lead.id}::uuid`);
await db.execute(sql`
  INSERT INTO purchase_participants (bundle_id, organisation_id, entered_by_organisation_id)
  SELECT b.id, o.id, ${lead.id}::uuid FROM purchase_bundles b
  CROSS JOIN (SELECT id FROM organisations ORDER BY key LIMIT 1000) o WHERE b.lead_buyer_id = ${lead.id}::uuid`);
await db.execute(sql`
  INSERT INTO purchase_declarations (bundle_id, lot_id, organisation_id, quantity_milli, unit_price_cents,
    yearly_spend_cents, commitment_body, commitment_decided_on)
  SELECT l.bundle_id, l.id, p.organisation_id,
    CASE WHEN l.unit IS NOT NULL THEN 100000 + abs(hashtext(p.id::text)) % 5000000 END,
    CASE WHEN l.unit IS NOT NULL THEN 20000 + abs(hashtext(l.id::text || p.id::text)) % 5000 END,
    CASE WHEN l.unit IS NULL THEN 1000000 + abs(hashtext(p.id::text || 'spend')) % 20000000 END,
    'council', date '2016-04-01'
  FROM purchase_lots l JOIN purchase_participants p ON p.bundle_id = l.bundle_id`);
await db.execute(sql`
  INSERT INTO purchase_awards (bundle_id, lot_id, supplier_name, supplier_scheme, supplier_identifier,
    unit_price_cents, spend_discount_basis_points, awarded_on)
  SELECT l.bundle_id, l.id, 'Leverancier ' || l.number, 'BE-BCE_KBO', '099900019' || l.number,
    CASE WHEN l.unit IS NOT NULL THEN 19000 END, CASE WHEN l.unit IS NULL THEN 1100 END, date '2016-09-01'
  FROM purchase_lots l JOIN purchase_bundles b ON b.id = l.bundle_id WHERE b.lead_buyer_id = ${lead.id}::uuid`);
await db.execute(sql`ANALYZE`);

const actor = systemContext("bench").actor;
const dashboard = await timeRuns(30, async () => {
  const d = await savingsDashboard(db, actor, lead.id, "nl");
  if (d.bundles.length !== 20 || d.participants.length !== 1000 || d.years.length < 10)
    throw new Error("the dashboard misses bundles, participants or years");
});
const largest = (
  (await db.execute(sql`
    SELECT b.id FROM purchase_bundles b WHERE b.lead_buyer_id = ${lead.id}::uuid
    ORDER BY (SELECT count(*) FROM purchase_declarations d WHERE d.bundle_id = b.id) DESC, b.title LIMIT 1`)) as unknown as {
    rows: { id: string }[];
  }
).rows[0]?.id as string;
const savings = await timeRuns(10, () => bundleSavings(db, actor, largest, "nl"));
let bytes = 0;
const exported = await timeRuns(10, async () => {
  const { bundle, leadBuyerName } = await bundleFor(db, largest);
  const releases = await ocdsReleases(db, bundle, leadBuyerName, config.ocdsPrefix);
  bytes = JSON.stringify(
    recordPackage(releases, { uri: "http://127.0.0.1/record.json", publisher: leadBuyerName }),
  ).length;
});
// Once, outside the timing: the largest export is what the standard's schema takes.
const { bundle, leadBuyerName } = await bundleFor(db, largest);
const releases = await ocdsReleases(db, bundle, leadBuyerName, config.ocdsPrefix);
const problems = ocdsValidator().recordPackage(recordPackage(releases, { uri: "http://127.0.0.1/r", publisher: "x" }));
await database.close();

const figures = { dashboardP95Ms: dashboard.p95, savingsP95Ms: savings.p95, ocdsExportP95Ms: exported.p95 };
console.log(
  JSON.stringify(
    {
      database: where,
      dashboard,
      savings,
      ocdsExport: { ...exported, megabytes: bytes / 1e6, releases: releases.length },
    },
    null,
    2,
  ),
);
let short = checkBudgets(budgets, figures);
if (problems.length) {
  console.log(`SHORT: the export does not validate: ${problems.slice(0, 5).join("; ")}`);
  short++;
}
if (check && short) process.exit(1);
