import { count, eq, inArray } from "drizzle-orm";
import { type RequestContext, systemContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { frameworks, organisations } from "../../platform/db/schema.ts";
import type { AllocationKey } from "../agreements/allocation.ts";
import { createFramework } from "../agreements/frameworks.ts";
import { approveSettlement, settleYear } from "../agreements/settlements.ts";
import { createSubAgreement } from "../agreements/sub-agreements.ts";
import { putYear } from "../agreements/years.ts";
import { loadDemoStaff } from "./demo-staff.ts";

/**
 * Emmen as host for Coevorden and Borger-Odoorn (the demo's shared services): a framework agreement with
 * sub-agreements for social affairs, ICT and purchasing; budgets, units and keys per inhabitant and per use;
 * 2024 and 2025 settled, 2026 budgeted; the staff who moved and the works councils' advice. Figures are made up for the demo; the framework is marked as demo.
 */
export async function loadDemoAgreements(tx: Tx) {
  const orgs = await tx
    .select({ id: organisations.id, key: organisations.key })
    .from(organisations)
    .where(inArray(organisations.key, ["nl-municipality-GM0114", "nl-municipality-GM0109", "nl-municipality-GM1681"]));
  const id = (key: string) => orgs.find((o) => o.key === key)?.id;
  const emmen = id("nl-municipality-GM0114");
  const coevorden = id("nl-municipality-GM0109");
  const borger = id("nl-municipality-GM1681");
  if (!emmen || !coevorden || !borger) return 0;
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(frameworks).where(eq(frameworks.hostId, emmen));
  if (n > 0) return 0;
  const ctx: RequestContext = {
    ...systemContext("demo"),
    // The demo's shared-service manager of Emmen, as the demo accounts name him.
    actor: { ...systemContext("demo").actor, name: "Jan Bakker", organisationId: emmen, role: "admin" },
  };
  const framework = await createFramework(
    tx,
    ctx,
    {
      name: "Raamovereenkomst dienstverlening Emmen, Coevorden en Borger-Odoorn",
      clientIds: [coevorden, borger],
      startsOn: "2024-01-01",
      endsOn: "2028-12-31",
      legalRegime: "wgr",
      status: "active",
      governance: {
        committee: [
          { name: "Wethouder bedrijfsvoering", function: "voorzitter stuurgroep", organisationId: emmen },
          { name: "Wethouder financiën", function: "lid stuurgroep", organisationId: coevorden },
          { name: "Wethouder financiën", function: "lid stuurgroep", organisationId: borger },
        ],
        decisions: [
          { organisationId: emmen, body: "council", decidedOn: "2023-10-26", reference: "Raadsbesluit 2023/114" },
          { organisationId: coevorden, body: "council", decidedOn: "2023-11-07", reference: "Raadsbesluit RB-2023-87" },
          { organisationId: borger, body: "council", decidedOn: "2023-11-02", reference: "Raadsbesluit 23.0412" },
        ],
        documents: [],
      },
    },
    true,
  );
  const population = (year: number): AllocationKey => ({
    kind: "inhabitants",
    referenceDate: `${year}-01-01`,
    inhabitants: { [coevorden]: 35_600 + (year - 2024) * 40, [borger]: 25_750 + (year - 2024) * 25 },
  });
  const use = (coevordenUnits: number, borgerUnits: number): AllocationKey => ({
    kind: "units",
    units: { [coevorden]: coevordenUnits, [borger]: borgerUnits },
  });
  const subs = [
    {
      name: "Deelovereenkomst Sociaal domein",
      domain: "social" as const,
      services: [
        { name: "Schuldhulpverlening", unit: "traject", description: "Intake tot afsluiting" },
        { name: "Participatiewet: uitkeringen", unit: "dossier", description: "" },
      ],
      serviceLevels: [
        {
          indicator: "Aanvragen levensonderhoud binnen 8 weken besloten",
          target: 95,
          unit: "%",
          measurements: [
            { period: "2024", value: 93.1 },
            { period: "2025", value: 96.4 },
          ],
        },
      ],
      budget: 3_200_000_00,
      key: population,
      actual: [3_262_418_17, 3_171_905_60],
      accents: [
        {
          clientId: coevorden,
          kind: "extra" as const,
          description: "Loket op zaterdag in Coevorden",
          cents: 48_000_00,
        },
      ],
    },
    {
      name: "Deelovereenkomst ICT en informatievoorziening",
      domain: "ict" as const,
      services: [{ name: "Werkplekbeheer", unit: "werkplek", description: "Hardware, software en servicedesk" }],
      serviceLevels: [
        {
          indicator: "Storingen binnen 4 uur opgelost",
          target: 90,
          unit: "%",
          measurements: [{ period: "2025", value: 91.7 }],
        },
      ],
      budget: 2_450_000_00,
      key: () => use(420, 310),
      actual: [2_512_730_44, 2_398_112_09],
      actualKeys: [use(431, 305), use(436, 318)],
      accents: [
        {
          clientId: borger,
          kind: "variant" as const,
          description: "Eigen zaaksysteem Borger-Odoorn",
          cents: 65_000_00,
        },
      ],
    },
    {
      name: "Deelovereenkomst Inkoop",
      domain: "purchasing" as const,
      services: [{ name: "Aanbestedingsadvies", unit: "uur", description: "" }],
      serviceLevels: [],
      budget: 640_000_00,
      key: (year: number): AllocationKey => ({
        kind: "mix",
        parts: [
          { weightBp: 5000, key: population(year) as Exclude<AllocationKey, { kind: "mix" }> },
          { weightBp: 5000, key: { kind: "equal" } },
        ],
      }),
      actual: [655_210_00, 628_444_12],
      accents: [],
    },
  ];
  for (const s of subs) {
    const sub = await createSubAgreement(tx, ctx, framework.id, {
      name: s.name,
      domain: s.domain,
      services: s.services,
      serviceLevels: s.serviceLevels,
    });
    for (const [i, year] of [2024, 2025].entries()) {
      await putYear(tx, ctx, sub.id, year, null, {
        budgetCents: s.budget + i * Math.round(s.budget * 0.03),
        key: s.key(year) as never,
        accents: s.accents,
        actualCents: s.actual[i] ?? null,
        actualKey: (s.actualKeys?.[i] ?? null) as never,
        actualAccents: null,
      });
      const settlement = await settleYear(tx, ctx, sub.id, year, null);
      await approveSettlement(tx, ctx, settlement.id);
    }
    await putYear(tx, ctx, sub.id, 2026, null, {
      budgetCents: s.budget + 2 * Math.round(s.budget * 0.03),
      key: s.key(2026) as never,
      accents: s.accents,
    });
  }
  await loadDemoStaff(tx, framework.id, { emmen, coevorden, borger });
  return 1;
}
