import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/helpers/database.ts";
import { verifyAuditChain } from "../../platform/audit.ts";
import type { Database } from "../../platform/db/client.ts";
import { loadCountryScale, type ScaleSizes } from "./seed-country.ts";

/** The country scale's shape, a hundredth of its size or less, so it loads in seconds. */
const small: ScaleSizes = {
  collaborations: 200,
  memberships: 1_000,
  catalogueEntries: 120,
  tickets: 600,
  frameworks: 12,
  subAgreementsPerFramework: 3,
  surveyAnswers: 1_500,
  auditEvents: 4_000,
};

const opened: Database[] = [];
afterAll(async () => {
  for (const database of opened) await database.close();
});

async function loaded() {
  const database = await createTestDatabase();
  opened.push(database);
  const steps = new Set<string>();
  const summary = await loadCountryScale(database, { sizes: small, progress: (step) => steps.add(step) });
  return { database, summary, steps };
}

const count = async (database: Database, query: string) => ((await database.raw(query)) as { n: number }[])[0]?.n ?? -1;

/** What the synthetic work consists of, in a form two loads can be compared by. */
const fingerprint = async (database: Database) =>
  database.raw(
    `select c.key, c.name, c.form, count(m.id)::int as members, string_agg(o.key, ',' order by o.key) as who
       from collaborations c join memberships m on m.collaboration_id = c.id join organisations o on o.id = m.organisation_id
      where c.source = 'synthetic' group by c.key, c.name, c.form order by c.key`,
  );

describe("the country-scale data set", { timeout: 120_000 }, () => {
  it("loads every part in the sizes asked for, tells its progress, and keeps the audit chains whole", async () => {
    const { database, summary, steps } = await loaded();
    expect(summary.alreadyLoaded).toBe(false);
    expect(steps).toEqual(
      new Set(["collaborations", "catalogue entries", "tickets", "sub-agreements", "survey answers", "audit events"]),
    );
    expect(await count(database, "select count(*)::int as n from collaborations where source = 'synthetic'")).toBe(200);
    const memberships = await count(database, "select count(*)::int as n from memberships where source = 'synthetic'");
    expect(memberships).toBeGreaterThanOrEqual(1_000);
    expect(summary.memberships).toBe(memberships);
    expect(await count(database, "select count(*)::int as n from catalogue_entries")).toBeGreaterThanOrEqual(120);
    expect(await count(database, "select count(*)::int as n from tickets")).toBe(600);
    expect(await count(database, "select count(*)::int as n from frameworks")).toBe(12);
    expect(await count(database, "select count(*)::int as n from sub_agreements")).toBe(36);
    // Two settled years per sub-agreement; each divides exactly the actual costs plus its accents.
    expect(await count(database, "select count(*)::int as n from settlements")).toBe(72);
    const unbalanced = await count(
      database,
      `select count(*)::int as n from settlements s join sub_agreement_years y
          on y.sub_agreement_id = s.sub_agreement_id and y.year = s.year
        where (select sum((l->>'sharedCents')::bigint) from jsonb_array_elements(s.lines) l) <> s.actual_cents`,
    );
    expect(unbalanced).toBe(0);
    const answers = await count(
      database,
      "select count(*)::int as n from survey_responses where status = 'submitted' and items is not null",
    );
    expect(answers).toBeGreaterThanOrEqual(1_500);
    expect(summary.surveyAnswers).toBe(answers);
    const before = await count(database, "select count(*)::int as n from audit_events");
    const verified = await verifyAuditChain(database.db);
    expect(verified).toMatchObject({ brokenAt: null, reason: null, checked: before });
    expect(before).toBeGreaterThanOrEqual(4_000);

    // A second load finds it there and changes nothing.
    const again = await loadCountryScale(database, { sizes: small });
    expect(again.alreadyLoaded).toBe(true);
    expect(await count(database, "select count(*)::int as n from audit_events")).toBe(before);
  });

  it("is the same at every load", async () => {
    const first = await loaded();
    const second = await loaded();
    const [a, b] = [await fingerprint(first.database), await fingerprint(second.database)];
    expect(a).toHaveLength(200);
    expect(b).toEqual(a);
    expect(second.summary).toMatchObject({ ...first.summary, seconds: second.summary.seconds });
  });
});
