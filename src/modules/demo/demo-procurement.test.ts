import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../../test/factories.ts";
import { ocdsValidator } from "../../../test/helpers/ocds.ts";
import { startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { loadDemoProcurement } from "./demo-procurement.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("the demo's joint purchases", () => {
  it("save Limburg's municipalities about 20 million euro on energy over three terms, and load once", async () => {
    expect(await server.database.db.transaction((tx) => loadDemoProcurement(tx))).toBe(5);
    expect(await server.database.db.transaction((tx) => loadDemoProcurement(tx))).toBe(0);
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "be-province-70000",
      role: "viewer",
    });
    const { data } = await client.get("/api/purchase-dashboard");
    const energy = data.bundles.filter((b: { name: string }) => b.name.startsWith("Gezamenlijke energieaankoop"));
    expect(energy).toHaveLength(3);
    const total = energy.reduce((sum: number, b: { totalCents: number }) => sum + b.totalCents, 0);
    expect(total).toBeGreaterThan(19_500_000_00);
    expect(total).toBeLessThan(20_500_000_00);
    expect(data.years.map((y: { year: number }) => y.year)).toEqual([
      2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028,
    ]);
    // Every municipality of the province takes part, and each bundle's OCDS validates.
    expect(data.participants).toHaveLength(38);
    const validate = ocdsValidator();
    for (const b of data.bundles) {
      const record = await client.get(`/api/purchase-bundles/${b.id}/record.json`);
      expect(validate.recordPackage(record.data), b.name).toEqual([]);
    }
  });

  it("has three Drenthe municipalities buying together, led by Emmen", async () => {
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "nl-municipality-GM0109",
      role: "viewer",
    });
    const { data } = await client.get("/api/purchase-bundles");
    const trio = data.items.find((b: { leadBuyer: { name: string } }) => b.leadBuyer.name === "Emmen");
    expect(trio.participants).toBe(3);
    const savings = await client.get(`/api/purchase-bundles/${trio.id}/savings`);
    const [coevorden] = savings.data.participants;
    // Legal advice: 12 % of 165.000 euro; the procurement system: 15 licences × (2.400 − 1.650) euro; a year.
    expect(coevorden.realisedCents).toBe(1_980_000 + 1_125_000);
    const own = await client.get(`/api/organisations/${coevorden.organisation.id}/purchase-savings`);
    expect(own.data.uses[0].label).toBe("Een nieuw sportveld in Dalen");
  });
});
