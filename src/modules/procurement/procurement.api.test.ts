import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { ocdsValidator } from "../../../test/helpers/ocds.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";

let server: TestServer;
let limburg: Client;
let hasselt: Client;
let genk: Client;
let sintTruiden: Client;
let emmen: Client;
let hasseltViewer: Client;
const ids: Record<string, string> = {};
const validate = ocdsValidator();

const day = (offset: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  server = await startTestServer();
  const as = async (organisationKey: string, role: "viewer" | "editor" = "editor") =>
    (await signedInClient(server.url, server.database, { organisationKey, role })).client;
  limburg = await as("be-province-70000");
  hasselt = await as("be-municipality-71072");
  genk = await as("be-municipality-71016");
  sintTruiden = await as("be-municipality-71053");
  emmen = await as("nl-municipality-GM0114");
  hasseltViewer = await as("be-municipality-71072", "viewer");
  for (const [name, key] of Object.entries({
    limburg: "be-province-70000",
    hasselt: "be-municipality-71072",
    genk: "be-municipality-71016",
    sintTruiden: "be-municipality-71053",
  }))
    ids[name] = await organisationId(server.database, key);
});
afterAll(() => server.close());

describe("a joint purchase", () => {
  it("is opened by a lead buyer with lots, and collects demand in its window", async () => {
    const opened = await limburg.post("/api/purchase-bundles", {
      title: "Gezamenlijke energieaankoop 2027–2030",
      subject: "energy",
      leadRole: "centralPurchasingBody",
      description: "Elektriciteit en juridisch advies voor de Limburgse besturen.",
      demandOpensOn: day(-1),
      demandClosesOn: day(30),
    });
    expect(opened.status).toBe(201);
    expect(opened.data).toMatchObject({ status: "preparing", leadBuyer: { id: ids.limburg }, lots: 0 });
    expect(opened.data.ocid).toBe(`ocds-samen0-${opened.data.id}`);
    ids.bundle = opened.data.id;

    // Demand is not collected before the bundle has a lot and is opened for it.
    expect((await limburg.post(`/api/purchase-bundles/${ids.bundle}/status`, { status: "collecting" })).status).toBe(
      409,
    );
    const lot = await limburg.post(`/api/purchase-bundles/${ids.bundle}/lots`, {
      title: "Elektriciteit",
      cpvCode: "09310000-5",
      unit: "MWh",
      priceCurve: [
        { fromQuantity: 0, discountBasisPoints: 500 },
        { fromQuantity: 10_000, discountBasisPoints: 1000 },
      ],
    });
    expect(lot.status).toBe(201);
    const legal = await limburg.post(`/api/purchase-bundles/${ids.bundle}/lots`, {
      title: "Juridisch advies",
      cpvCode: "79100000-5",
      priceCurve: [{ fromQuantity: 0, discountBasisPoints: 800 }],
    });
    ids.electricity = legal.data.lotList[0].id;
    ids.legal = legal.data.lotList[1].id;
    expect(legal.data.lotList.map((l: any) => [l.number, l.unit])).toEqual([
      [1, "MWh"],
      [2, null],
    ]);
    const collecting = await limburg.post(`/api/purchase-bundles/${ids.bundle}/status`, { status: "collecting" });
    expect(collecting.status).toBe(200);
    expect(collecting.data.windowOpen).toBe(true);
    // Not the lead buyer: refused.
    expect((await hasselt.post(`/api/purchase-bundles/${ids.bundle}/status`, { status: "tendering" })).status).toBe(
      403,
    );
  });

  it("takes three municipalities' declarations and totals them per lot", async () => {
    const declare = (client: Client, body: Record<string, unknown>) =>
      client.post(`/api/purchase-bundles/${ids.bundle}/declarations`, body);
    expect(
      (
        await declare(hasselt, {
          lotId: ids.electricity,
          quantity: 4000,
          unit: "MWh",
          unitPriceCents: 25_000,
          commitment: { body: "council", decidedOn: day(-1), reference: "GR 2026/114" },
        })
      ).status,
    ).toBe(201);
    expect((await declare(hasselt, { lotId: ids.legal, yearlySpendCents: 12_000_000 })).status).toBe(201);
    expect((await declare(genk, { lotId: ids.electricity, quantity: 5000.5, unitPriceCents: 24_000 })).status).toBe(
      201,
    );
    const third = await declare(sintTruiden, {
      lotId: ids.electricity,
      quantity: 1500,
      unitPriceCents: 26_000,
      commitment: { body: "board", decidedOn: day(-1), reference: null },
    });
    expect(third.status).toBe(201);
    const [electricity] = third.data.lotList;
    expect(electricity.totals).toEqual({
      declarations: 3,
      quantity: 10_500.5,
      // 4000 × 250 + 5000,5 × 240 + 1500 × 260 = 1.000.000 + 1.200.120 + 390.000 euro
      baselineCents: 259_012_000,
      expectedDiscountBasisPoints: 1000,
      estimatedSavingCents: 25_901_200,
    });
    expect(third.data.participants).toBe(3);
    // Sint-Truiden sees its own declaration, not Hasselt's; the lead buyer sees all.
    const mine = third.data.participantList.find((p: any) => p.organisation.id === ids.sintTruiden);
    const theirs = third.data.participantList.find((p: any) => p.organisation.id === ids.hasselt);
    expect(mine.declarations).toHaveLength(1);
    expect(theirs.declarations).toBeNull();
    const lead = await limburg.get(`/api/purchase-bundles/${ids.bundle}`);
    expect(lead.data.participantList.every((p: any) => Array.isArray(p.declarations))).toBe(true);
    ids.hasseltDeclaration = lead.data.participantList
      .find((p: any) => p.organisation.id === ids.hasselt)
      .declarations.find((d: any) => d.lotId === ids.electricity).id;
  });

  it("refuses bad demand with a Dutch problem naming the field, and changes nothing", async () => {
    const before = await limburg.get(`/api/purchase-bundles/${ids.bundle}`);
    const refused = async (body: Record<string, unknown>, status: number, field: string) => {
      const response = await emmen.post(`/api/purchase-bundles/${ids.bundle}/declarations`, body);
      expect(response.status, JSON.stringify(response.data)).toBe(status);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      const error = response.data.errors.find((e: any) => e.field === field || e.field === `body.${field}`);
      expect(error, JSON.stringify(response.data)).toBeDefined();
      return error.message as string;
    };
    expect(await refused({ lotId: ids.electricity, quantity: -5, unitPriceCents: 100 }, 400, "quantity")).toBe(
      "mag niet negatief zijn",
    );
    expect(await refused({ lotId: ids.electricity, quantity: 1.2345, unitPriceCents: 100 }, 400, "quantity")).toMatch(
      /drie cijfers/,
    );
    expect(await refused({ lotId: ids.legal, unitPriceCents: 100 }, 400, "unitPriceCents")).toMatch(/eenheidsprijs/);
    expect(await refused({ lotId: ids.electricity, quantity: 10, unit: "kWh", unitPriceCents: 1 }, 400, "unit")).toBe(
      "dit perceel telt in MWh",
    );
    expect(await refused({ lotId: ids.electricity, quantity: 10 }, 400, "unitPriceCents")).toMatch(/eenheidsprijs/);
    // Beyond a thousand billion euro a year, sums would lose whole cents: refused, not rounded.
    expect(
      await refused(
        { lotId: ids.electricity, quantity: 912_183_214.02, unitPriceCents: 9_874_332 },
        400,
        "unitPriceCents",
      ),
    ).toMatch(/duizend miljard euro/);
    expect(await refused({ lotId: crypto.randomUUID(), yearlySpendCents: 100 }, 400, "lotId")).toBe(
      "is geen perceel van deze aankoop",
    );
    expect(await refused({ lotId: ids.electricity, quantity: 1, unitPriceCents: 10.5 }, 400, "unitPriceCents")).toMatch(
      /eurocent/,
    );
    const after = await limburg.get(`/api/purchase-bundles/${ids.bundle}`);
    expect(after.data).toEqual(before.data);
  });

  it("changes a declaration in the window with If-Match, only the field named", async () => {
    const stale = await hasselt.patch(
      `/api/purchase-declarations/${ids.hasseltDeclaration}`,
      { quantity: 4100 },
      { "if-match": '"v9"' },
    );
    expect(stale.status).toBe(412);
    const changed = await hasselt.patch(
      `/api/purchase-declarations/${ids.hasseltDeclaration}`,
      { quantity: 4100 },
      { "if-match": '"v1"' },
    );
    expect(changed.status).toBe(204);
    const read = await hasselt.get(`/api/purchase-bundles/${ids.bundle}`);
    const declaration = read.data.participantList
      .find((p: any) => p.organisation.id === ids.hasselt)
      .declarations.find((d: any) => d.id === ids.hasseltDeclaration);
    expect(declaration).toMatchObject({
      quantity: 4100,
      unitPriceCents: 25_000,
      commitment: { body: "council", reference: "GR 2026/114" },
      version: 2,
    });
    // A viewer may read but not declare.
    expect(
      (
        await hasseltViewer.patch(
          `/api/purchase-declarations/${ids.hasseltDeclaration}`,
          { quantity: 1 },
          { "if-match": '"v2"' },
        )
      ).status,
    ).toBe(403);
  });

  it("is awarded per lot, refusing an award to a lot that does not exist, and a declaration after the window", async () => {
    expect((await limburg.post(`/api/purchase-bundles/${ids.bundle}/status`, { status: "tendering" })).status).toBe(
      200,
    );
    const late = await genk.post(`/api/purchase-bundles/${ids.bundle}/declarations`, {
      lotId: ids.legal,
      yearlySpendCents: 5_000_000,
    });
    expect(late.status).toBe(409);
    expect(late.data.detail).toMatch(/^Vraag opgeven kon van .* het venster is gesloten/);
    const wrongLot = await limburg.post(`/api/purchase-bundles/${ids.bundle}/awards`, {
      lotId: crypto.randomUUID(),
      supplier: { name: "Energie NV", scheme: "BE-BCE_KBO", identifier: "0999000197" },
      unitPriceCents: 21_000,
      awardedOn: day(0),
    });
    expect(wrongLot.status).toBe(400);
    expect(wrongLot.data.errors).toContainEqual({ field: "lotId", message: "is geen perceel van deze aankoop" });
    const noUnit = await limburg.post(`/api/purchase-bundles/${ids.bundle}/awards`, {
      lotId: ids.legal,
      supplier: { name: "Advocaten CV", scheme: "BE-BCE_KBO", identifier: "0999000296" },
      unitPriceCents: 100,
      awardedOn: day(0),
    });
    expect(noUnit.status).toBe(400);
    const awarded = await limburg.post(`/api/purchase-bundles/${ids.bundle}/awards`, {
      lotId: ids.electricity,
      supplier: { name: "Energie NV", scheme: "BE-BCE_KBO", identifier: "0999000197" },
      unitPriceCents: 21_000,
      awardedOn: day(0),
    });
    expect(awarded.status).toBe(201);
    expect(awarded.data.status).toBe("awarded");
    // A second award of the lot is a correction: it says why, and the first is kept.
    const uncorrected = await limburg.post(`/api/purchase-bundles/${ids.bundle}/awards`, {
      lotId: ids.electricity,
      supplier: { name: "Energie NV", scheme: "BE-BCE_KBO", identifier: "0999000197" },
      unitPriceCents: 20_500,
      awardedOn: day(0),
    });
    expect(uncorrected.status).toBe(400);
    const corrected = await limburg.post(`/api/purchase-bundles/${ids.bundle}/awards`, {
      lotId: ids.electricity,
      supplier: { name: "Energie NV", scheme: "BE-BCE_KBO", identifier: "0999000197" },
      unitPriceCents: 20_500,
      awardedOn: day(0),
      reason: "Rekenfout in het gunningsverslag hersteld.",
    });
    expect(corrected.status).toBe(201);
    expect(corrected.data.lotList[0].award.unitPriceCents).toBe(20_500);
    expect(corrected.data.lotList[0].earlierAwards).toHaveLength(1);
    await limburg.post(`/api/purchase-bundles/${ids.bundle}/awards`, {
      lotId: ids.legal,
      supplier: { name: "Advocaten CV", scheme: "BE-BCE_KBO", identifier: "0999000296" },
      spendDiscountBasisPoints: 1500,
      awardedOn: day(0),
    });
    // Running needs the contract's term.
    expect((await limburg.post(`/api/purchase-bundles/${ids.bundle}/status`, { status: "running" })).status).toBe(409);
    const bundle = await limburg.get(`/api/purchase-bundles/${ids.bundle}`);
    const term = await limburg.patch(
      `/api/purchase-bundles/${ids.bundle}`,
      { contractStartsOn: "2027-01-01", contractEndsOn: "2030-12-31" },
      { "if-match": bundle.headers.get("etag") ?? "" },
    );
    expect(term.status).toBe(200);
    expect((await limburg.post(`/api/purchase-bundles/${ids.bundle}/status`, { status: "running" })).status).toBe(200);
  });

  it("shows each participant's savings with the assumptions beside the figures", async () => {
    const savings = await limburg.get(`/api/purchase-bundles/${ids.bundle}/savings`);
    expect(savings.status).toBe(200);
    const of = (id: string | undefined) => savings.data.participants.find((p: any) => p.organisation.id === id);
    // Hasselt: 4100 MWh × (250 − 205) = 184.500 euro; legal 120.000 × 15 % = 18.000 euro; a year.
    expect(of(ids.hasselt)).toMatchObject({ realisedCents: 20_250_000, totalCents: 81_000_000 });
    expect(of(ids.hasselt).years).toEqual([2027, 2028, 2029, 2030].map((year) => ({ year, cents: 20_250_000 })));
    // Genk: 5000,5 × 35 = 175.017,50 euro a year.
    expect(of(ids.genk).realisedCents).toBe(17_501_750);
    expect(savings.data.totals.totalCents).toBe(
      savings.data.participants.reduce((s: number, p: any) => s + p.totalCents, 0),
    );
    const assumptions = of(ids.hasselt).lots[0].assumptions.join(" ").replace(/\s/g, " ");
    expect(assumptions).toContain("4.100 MWh per jaar aan € 250,00 per MWh");
    expect(assumptions).toContain("contractprijs € 205,00 per MWh, gegund aan Energie NV");
    expect(assumptions).toContain("besluit van de raad");
    expect(savings.data.assumptions.join(" ")).toContain("1 januari 2027 tot en met 31 december 2030");
    const english = await limburg.get(`/api/purchase-bundles/${ids.bundle}/savings?lang=en`);
    expect(english.data.participants[0].lots[0].assumptions.join(" ")).toMatch(/a year|Estimate/);

    // Hasselt sees its own savings only; Emmen only the totals.
    const own = await hasselt.get(`/api/purchase-bundles/${ids.bundle}/savings`);
    expect(own.data.participants.map((p: any) => p.organisation.id)).toEqual([ids.hasselt]);
    expect((await emmen.get(`/api/purchase-bundles/${ids.bundle}/savings`)).data.participants).toEqual([]);

    // What the savings pay for, named by Hasselt.
    const use = await hasselt.post(`/api/organisations/${ids.hasselt}/savings-uses`, {
      label: "Een kunstgrasveld",
      costCents: 40_000_000,
    });
    expect(use.status).toBe(201);
    expect(
      (await emmen.post(`/api/organisations/${ids.hasselt}/savings-uses`, { label: "x", costCents: 1 })).status,
    ).toBe(403);
    const overview = await hasselt.get(`/api/organisations/${ids.hasselt}/purchase-savings`);
    expect(overview.data.totalCents).toBe(81_000_000);
    expect(overview.data.uses[0]).toMatchObject({ label: "Een kunstgrasveld", times: 2.02 });
  });

  it("lets a municipality join the awarded framework later by a call-off", async () => {
    const lommel = (
      await signedInClient(server.url, server.database, { organisationKey: "be-municipality-72020", role: "editor" })
    ).client;
    const callOff = await lommel.post(`/api/purchase-bundles/${ids.bundle}/call-offs`, {
      lotId: ids.electricity,
      quantity: 800,
      unitPriceCents: 25_500,
    });
    expect(callOff.status).toBe(201);
    expect(callOff.data.participants).toBe(4);
    const declaration = callOff.data.participantList.find((p: any) => p.callOff);
    expect(declaration.declarations[0].kind).toBe("callOff");
    // A call-off is a contract: not changed afterwards.
    const change = await lommel.patch(
      `/api/purchase-declarations/${declaration.declarations[0].id}`,
      { quantity: 900 },
      { "if-match": '"v1"' },
    );
    expect(change.status).toBe(409);
  });

  it("exports the whole procurement as OCDS releases and records that validate against the schema", async () => {
    const releases = await emmen.get(`/api/purchase-bundles/${ids.bundle}/releases.json`);
    expect(releases.status).toBe(200);
    expect(validate.releasePackage(releases.data)).toEqual([]);
    const frameworkOcid = `ocds-samen0-${ids.bundle}`;
    const tags = releases.data.releases.filter((r: any) => r.ocid === frameworkOcid).map((r: any) => r.tag.join());
    expect(tags).toEqual(["planning", "tender", "award", "awardUpdate", "award", "contract"]);
    const planning = releases.data.releases[0];
    expect(planning.parties.find((p: any) => p.roles.includes("procuringEntity")).name).toBe("Provincie Limburg");
    expect(planning.parties.filter((p: any) => p.roles.includes("buyer"))).toHaveLength(3);
    expect(planning.tender.lots.map((l: any) => l.id)).toEqual(["1", "2"]);
    expect(planning.tender.items[0].classification).toEqual({
      scheme: "CPV",
      id: "09310000",
      description: "Elektriciteit",
    });
    const callOffs = releases.data.releases.filter((r: any) => r.ocid !== frameworkOcid);
    expect(callOffs).toHaveLength(4);
    for (const c of callOffs) {
      expect(c.relatedProcesses[0]).toMatchObject({
        relationship: ["framework"],
        scheme: "ocid",
        identifier: frameworkOcid,
      });
      expect(c.parties.find((p: any) => p.roles.includes("buyer")).id).toBe(c.buyer.id);
    }
    const records = await emmen.get(`/api/purchase-bundles/${ids.bundle}/record.json`);
    expect(validate.recordPackage(records.data)).toEqual([]);
    const framework = records.data.records.find((r: any) => r.ocid === frameworkOcid);
    const compiled = framework.compiledRelease;
    expect(compiled.tag).toEqual(["compiled"]);
    // The corrected award is cancelled, its replacement active; the framework agreements are per lot.
    expect(compiled.awards.map((a: any) => a.status).sort()).toEqual(["active", "active", "cancelled"]);
    expect(compiled.contracts.map((c: any) => c.id)).toEqual(["framework-1", "framework-2"]);
    expect(compiled.tender.status).toBe("complete");

    // An anonymous reader gets open data; a bundle still prepared is not published.
    const anonymous = await fetch(`${server.url}/api/purchase-bundles/${ids.bundle}/releases.json`);
    expect(anonymous.status).toBe(200);
    const draft = await limburg.post("/api/purchase-bundles", {
      title: "Nog in voorbereiding",
      subject: "other",
      demandOpensOn: day(10),
      demandClosesOn: day(40),
    });
    expect((await fetch(`${server.url}/api/purchase-bundles/${draft.data.id}/releases.json`)).status).toBe(404);
    const ownDraft = await limburg.get(`/api/purchase-bundles/${draft.data.id}/record.json`);
    expect(validate.recordPackage(ownDraft.data)).toEqual([]);
  });

  it("exports each participant's savings as CSV and XLSX", async () => {
    const csv = await limburg.download(`/api/purchase-bundles/${ids.bundle}/savings.csv?organisationId=${ids.hasselt}`);
    expect(csv.status).toBe(200);
    const text = csv.bytes.toString("utf8");
    expect(text.split("\r\n")[0]).toBe(
      "Organisatie,Perceel,Uitgave vandaag per jaar (EUR),Geraamde besparing per jaar (EUR),Gerealiseerde besparing (EUR),Veronderstellingen",
    );
    expect(text).toContain("1. Elektriciteit,1025000.00");
    const xlsx = await limburg.download(`/api/purchase-bundles/${ids.bundle}/savings.xlsx?lang=en`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toContain("spreadsheetml");
    const { readXlsx } = await import("../../platform/xlsx-read.ts");
    const sheets = await readXlsx(xlsx.bytes);
    expect([...sheets.keys()]).toEqual(["Per lot", "Per year", "Assumptions"]);
    expect(
      (await emmen.download(`/api/purchase-bundles/${ids.bundle}/savings.csv?organisationId=${ids.hasselt}`)).status,
    ).toBe(404);
  });

  it("gives the lead buyer its savings dashboard over its bundles and years", async () => {
    const dashboard = await limburg.get("/api/purchase-dashboard");
    expect(dashboard.status).toBe(200);
    expect(dashboard.data.years.map((y: any) => y.year)).toEqual([2027, 2028, 2029, 2030]);
    expect(dashboard.data.assumptions.join(" ")).toContain("naar rato van de dagen van elk jaar");
    expect(dashboard.data.totalCents).toBe(dashboard.data.years.reduce((s: number, y: any) => s + y.cents, 0));
    expect(dashboard.data.participants[0].totalCents).toBeGreaterThanOrEqual(dashboard.data.participants[1].totalCents);
    expect((await hasselt.get(`/api/purchase-dashboard?leadBuyerId=${ids.limburg}`)).status).toBe(403);
  });

  it("feeds the lead buyer's newsletter of the month it was awarded", async () => {
    const composed = await limburg.post(`/api/newsletters/${ids.limburg}/issues`, { month: day(0).slice(0, 7) });
    expect(composed.status).toBe(201);
    const issue = await limburg.get(`/api/newsletter-issues/${composed.data.id}`);
    expect(issue.data.items).toContainEqual(
      expect.objectContaining({
        kind: "purchase",
        title: "Gegund: Gezamenlijke energieaankoop 2027–2030",
        url: expect.stringContaining(`/gezamenlijke-aankoop/${ids.bundle}`),
      }),
    );
  });
});
