import { and, eq, inArray, like } from "drizzle-orm";
import type { Tx } from "../../platform/db/client.ts";
import {
  organisations,
  purchaseAwards,
  purchaseBundles,
  purchaseDeclarations,
  purchaseLots,
  purchaseParticipants,
  savingsUses,
} from "../../platform/db/schema.ts";
import type { BundleStatus, LeadRole, PurchaseSubject } from "../../platform/vocabulary.ts";

const limburgKey = "be-province-70000";
const hasseltKey = "be-municipality-71072";
const drentheKeys = ["nl-municipality-GM0114", "nl-municipality-GM0109", "nl-municipality-GM1681"];

/**
 * Limburg's joint energy purchase, three terms of four years for every municipality of the province. The figures
 * are a demo, modelled on the province's reported 20 million euro: consumption follows each municipality's
 * population (50 kWh of electricity and 80 kWh of gas per inhabitant a year for its buildings and street
 * lighting), prices follow the market of each term. The realised savings of the three terms add up to about
 * 20 million euro.
 */
const energyTerms = [
  {
    term: "2017–2020",
    from: "2017-01-01",
    to: "2020-12-31",
    created: "2016-03-01",
    electricity: [14_900, 13_100],
    gas: [4_100, 3_350],
  },
  {
    term: "2021–2024",
    from: "2021-01-01",
    to: "2024-12-31",
    created: "2020-03-02",
    electricity: [24_000, 20_900],
    gas: [7_900, 6_900],
  },
  {
    term: "2025–2028",
    from: "2025-01-01",
    to: "2028-12-31",
    created: "2024-03-04",
    electricity: [21_500, 19_000],
    gas: [6_200, 5_300],
  },
];

const energyLots = [
  { title: "Elektriciteit", cpvCode: "09310000-5", unit: "MWh", perInhabitantKwh: 50 },
  { title: "Aardgas", cpvCode: "09123000-7", unit: "MWh", perInhabitantKwh: 80 },
];

const energySupplier = {
  name: "Limburgse Energieleverancier NV (demo)",
  scheme: "BE-BCE_KBO" as const,
  identifier: "0999000197",
};

const addDays = (isoDay: string, days: number) => {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

async function insertBundle(
  tx: Tx,
  values: {
    leadBuyerId: string;
    leadRole: LeadRole;
    title: string;
    subject: PurchaseSubject;
    description: string;
    demandOpensOn: string;
    demandClosesOn: string;
    status: BundleStatus;
    contractStartsOn: string | null;
    contractEndsOn: string | null;
    created: string;
  },
) {
  const { created, ...rest } = values;
  const at = new Date(`${created}T09:00:00Z`);
  const tendered = new Date(`${addDays(values.demandClosesOn, 14)}T09:00:00Z`);
  const awarded = new Date(`${addDays(values.demandClosesOn, 90)}T09:00:00Z`);
  const past = (s: BundleStatus[]) => s.includes(values.status);
  const [row] = await tx
    .insert(purchaseBundles)
    .values({
      ...rest,
      createdAt: at,
      updatedAt: at,
      tenderedAt: past(["tendering", "awarded", "running", "closed"]) ? tendered : null,
      awardedAt: past(["awarded", "running", "closed"]) ? awarded : null,
      closedAt:
        values.status === "closed" && values.contractEndsOn ? new Date(`${values.contractEndsOn}T17:00:00Z`) : null,
    })
    .returning();
  if (!row) throw new Error("demo bundle not stored");
  return row;
}

/**
 * Loads the joint purchases of the demo: Limburg's energy purchase over three terms (the last running), an ICT
 * hardware purchase of Limburg collecting demand now (Hasselt and Genk declared), and the Drenthe trio's joint
 * purchase of legal services led by Emmen. Safe to run at every start.
 */
export async function loadDemoProcurement(tx: Tx) {
  const [limburg] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.key, limburgKey));
  if (!limburg) return 0;
  const [existing] = await tx
    .select({ id: purchaseBundles.id })
    .from(purchaseBundles)
    .where(eq(purchaseBundles.leadBuyerId, limburg.id))
    .limit(1);
  if (existing) return 0;
  const municipalities = await tx
    .select({ id: organisations.id, key: organisations.key, population: organisations.population })
    .from(organisations)
    .where(
      and(
        eq(organisations.provinceId, limburg.id),
        eq(organisations.kind, "municipality"),
        eq(organisations.status, "active"),
        like(organisations.key, "be-municipality-7%"),
      ),
    )
    .orderBy(organisations.key);
  let bundles = 0;
  for (const term of energyTerms) {
    const running = term.to >= new Date().toISOString().slice(0, 10);
    const bundle = await insertBundle(tx, {
      leadBuyerId: limburg.id,
      leadRole: "centralPurchasingBody",
      title: `Gezamenlijke energieaankoop ${term.term} (demo)`,
      subject: "energy",
      description:
        "De provincie koopt als aankoopcentrale elektriciteit en aardgas voor de Limburgse gemeenten: gebouwen en openbare verlichting. Cijfers van deze demo zijn gemodelleerd op de gerapporteerde besparing van 20 miljoen euro.",
      demandOpensOn: addDays(term.created, 14),
      demandClosesOn: addDays(term.created, 75),
      status: running ? "running" : "closed",
      contractStartsOn: term.from,
      contractEndsOn: term.to,
      created: term.created,
    });
    bundles++;
    const prices = [term.electricity, term.gas];
    for (const [index, lotDemo] of energyLots.entries()) {
      const [baseline = 0, contract = 0] = prices[index] ?? [];
      const [lot] = await tx
        .insert(purchaseLots)
        .values({
          bundleId: bundle.id,
          number: index + 1,
          title: lotDemo.title,
          cpvCode: lotDemo.cpvCode,
          unit: lotDemo.unit,
          priceCurve: [
            { fromQuantity: 0, discountBasisPoints: 500 },
            { fromQuantity: 20_000, discountBasisPoints: 1000 },
            { fromQuantity: 50_000, discountBasisPoints: 1300 },
          ],
        })
        .returning();
      if (!lot) throw new Error("demo lot not stored");
      await tx.insert(purchaseDeclarations).values(
        municipalities.map((m) => ({
          bundleId: bundle.id,
          lotId: lot.id,
          organisationId: m.id,
          quantityMilli: Math.round((m.population ?? 10_000) * lotDemo.perInhabitantKwh),
          unitPriceCents: baseline,
          commitmentBody: "council" as const,
          commitmentDecidedOn: addDays(term.created, 40),
          createdAt: new Date(`${addDays(term.created, 30)}T10:00:00Z`),
        })),
      );
      await tx.insert(purchaseAwards).values({
        bundleId: bundle.id,
        lotId: lot.id,
        supplierName: energySupplier.name,
        supplierScheme: energySupplier.scheme,
        supplierIdentifier: energySupplier.identifier,
        unitPriceCents: contract,
        awardedOn: addDays(term.created, 165),
        createdAt: new Date(`${addDays(term.created, 165)}T11:00:00Z`),
      });
    }
    await tx
      .insert(purchaseParticipants)
      .values(
        municipalities.map((m) => ({ bundleId: bundle.id, organisationId: m.id, enteredByOrganisationId: limburg.id })),
      );
  }

  // Collecting demand now: its window opened three weeks ago and closes in six.
  const today = new Date().toISOString().slice(0, 10);
  const ict = await insertBundle(tx, {
    leadBuyerId: limburg.id,
    leadRole: "centralPurchasingBody",
    title: "Gezamenlijke aankoop ICT-hardware 2027 (demo)",
    subject: "ict_hardware",
    description: "Laptops en beeldschermen voor de medewerkers van de Limburgse besturen, in één raamovereenkomst.",
    demandOpensOn: addDays(today, -21),
    demandClosesOn: addDays(today, 42),
    status: "collecting",
    contractStartsOn: null,
    contractEndsOn: null,
    created: addDays(today, -30),
  });
  bundles++;
  const ictLots = await tx
    .insert(purchaseLots)
    .values([
      {
        bundleId: ict.id,
        number: 1,
        title: "Laptops",
        cpvCode: "30213100-6",
        unit: "stuk",
        priceCurve: [
          { fromQuantity: 0, discountBasisPoints: 800 },
          { fromQuantity: 1000, discountBasisPoints: 1500 },
        ],
      },
      {
        bundleId: ict.id,
        number: 2,
        title: "Beeldschermen",
        cpvCode: "30231000-7",
        unit: "stuk",
        priceCurve: [{ fromQuantity: 0, discountBasisPoints: 1000 }],
      },
    ])
    .returning();
  const declaring = municipalities.filter((m) => m.key === hasseltKey || m.key === "be-municipality-71016");
  for (const m of declaring)
    for (const lot of ictLots)
      await tx.insert(purchaseDeclarations).values({
        bundleId: ict.id,
        lotId: lot.id,
        organisationId: m.id,
        quantityMilli: (lot.number === 1 ? 240 : 180) * 1000 * (m.key === hasseltKey ? 1 : 2),
        unitPriceCents: lot.number === 1 ? 98_000 : 21_500,
        commitmentBody: m.key === hasseltKey ? null : "board",
        commitmentDecidedOn: m.key === hasseltKey ? null : addDays(today, -7),
      });
  await tx
    .insert(purchaseParticipants)
    .values(
      municipalities
        .slice(0, 12)
        .map((m) => ({ bundleId: ict.id, organisationId: m.id, enteredByOrganisationId: limburg.id })),
    )
    .onConflictDoNothing();
  await tx
    .insert(purchaseParticipants)
    .values(declaring.map((m) => ({ bundleId: ict.id, organisationId: m.id, enteredByOrganisationId: m.id })))
    .onConflictDoNothing();
  const hasselt = municipalities.find((m) => m.key === hasseltKey);
  if (hasselt)
    await tx.insert(savingsUses).values([
      { organisationId: hasselt.id, label: "Een kunstgrasveld voor de jeugdvoetbal", costCents: 85_000_000 },
      { organisationId: hasselt.id, label: "Een voltijdse medewerker (VTE) voor een jaar", costCents: 6_500_000 },
    ]);
  bundles += await loadDrentheTrio(tx);
  return bundles;
}

/**
 * Three Drenthe municipalities buy legal advice and a digital procurement system together, led by Emmen: the
 * question of the council-programme blog (what would a shared procurement process pay for?), as a demo.
 */
async function loadDrentheTrio(tx: Tx) {
  const trio = await tx
    .select({ id: organisations.id, key: organisations.key })
    .from(organisations)
    .where(inArray(organisations.key, drentheKeys));
  const emmen = trio.find((o) => o.key === drentheKeys[0]);
  if (!emmen || trio.length < 3) return 0;
  const bundle = await insertBundle(tx, {
    leadBuyerId: emmen.id,
    leadRole: "procuringEntity",
    title: "Juridische dienstverlening en digitaal inkoopsysteem 2025–2027 (demo)",
    subject: "legal_services",
    description:
      "Emmen, Coevorden en Borger-Odoorn kopen samen juridisch advies en één digitaal inkoopsysteem in. Wat zij besparen, betaalt mee aan een sportveld.",
    demandOpensOn: "2024-09-02",
    demandClosesOn: "2024-10-31",
    status: new Date().toISOString().slice(0, 10) <= "2027-03-31" ? "running" : "closed",
    contractStartsOn: "2025-04-01",
    contractEndsOn: "2027-03-31",
    created: "2024-08-19",
  });
  const [legal, system] = await tx
    .insert(purchaseLots)
    .values([
      {
        bundleId: bundle.id,
        number: 1,
        title: "Juridisch advies",
        cpvCode: "79100000-5",
        unit: null,
        priceCurve: [
          { fromQuantity: 0, discountBasisPoints: 600 },
          { fromQuantity: 500_000, discountBasisPoints: 1000 },
        ],
      },
      {
        bundleId: bundle.id,
        number: 2,
        title: "Digitaal inkoopsysteem",
        cpvCode: "72260000-5",
        unit: "licentie",
        priceCurve: [{ fromQuantity: 0, discountBasisPoints: 2000 }],
      },
    ])
    .returning();
  if (!legal || !system) throw new Error("demo lots not stored");
  const spend: Record<string, number> = {
    [drentheKeys[0] as string]: 42_000_000,
    [drentheKeys[1] as string]: 16_500_000,
    [drentheKeys[2] as string]: 11_000_000,
  };
  const licences: Record<string, number> = {
    [drentheKeys[0] as string]: 40,
    [drentheKeys[1] as string]: 15,
    [drentheKeys[2] as string]: 12,
  };
  for (const o of trio) {
    await tx.insert(purchaseDeclarations).values([
      {
        bundleId: bundle.id,
        lotId: legal.id,
        organisationId: o.id,
        yearlySpendCents: spend[o.key] ?? 0,
        commitmentBody: "board" as const,
        commitmentDecidedOn: "2024-10-15",
      },
      {
        bundleId: bundle.id,
        lotId: system.id,
        organisationId: o.id,
        quantityMilli: (licences[o.key] ?? 0) * 1000,
        unitPriceCents: 240_000,
        commitmentBody: "board" as const,
        commitmentDecidedOn: "2024-10-15",
      },
    ]);
    await tx
      .insert(purchaseParticipants)
      .values({ bundleId: bundle.id, organisationId: o.id, enteredByOrganisationId: emmen.id });
  }
  await tx.insert(purchaseAwards).values([
    {
      bundleId: bundle.id,
      lotId: legal.id,
      supplierName: "Advocatenkantoor Drentse Aa B.V. (demo)",
      supplierScheme: "NL-KVK",
      supplierIdentifier: "99000011",
      spendDiscountBasisPoints: 1200,
      awardedOn: "2025-02-14",
      createdAt: new Date("2025-02-14T10:00:00Z"),
    },
    {
      bundleId: bundle.id,
      lotId: system.id,
      supplierName: "Inkoopsoftware Noord B.V. (demo)",
      supplierScheme: "NL-KVK",
      supplierIdentifier: "99000022",
      unitPriceCents: 165_000,
      awardedOn: "2025-02-14",
      createdAt: new Date("2025-02-14T10:05:00Z"),
    },
  ]);
  const coevorden = trio.find((o) => o.key === drentheKeys[1]);
  if (coevorden)
    await tx.insert(savingsUses).values({
      organisationId: coevorden.id,
      label: "Een nieuw sportveld in Dalen",
      costCents: 45_000_000,
    });
  return 1;
}
