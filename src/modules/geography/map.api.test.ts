import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";

let server: TestServer;
let client: Client;
let limburg: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ client } = await signedInClient(server.url, server.database, {
    organisationKey: "be-province-70000",
    role: "admin",
  }));
  limburg = await organisationId(server.database, "be-province-70000");
});
afterAll(() => server.close());

describe("the map", () => {
  it("draws Limburg's 38 municipalities, and every municipality of both countries", async () => {
    const { data } = await client.get(`/api/map/shapes?region=${limburg}`);
    expect(data.shapes).toHaveLength(38);
    expect(data.shapes.map((s: { name: string }) => s.name)).toContain("Hasselt");
    expect(data.shapes.every((s: { d: string }) => /^M\d+ \d+l/.test(s.d))).toBe(true);
    expect(data.height).toBeGreaterThan(0);
    const all = await client.get("/api/map/shapes?region=all");
    expect(all.data.shapes).toHaveLength(565 + 342);
  });

  it("colours by the number of collaborations, by membership of one, and by policy domain", async () => {
    const counts = await client.get(`/api/map/values?region=${limburg}`);
    const hasselt = counts.data.values.find((v: { name: string }) => v.name === "Hasselt");
    const portfolio = await client.get(`/api/organisations/${hasselt.id}/collaborations`);
    expect(hasselt.value).toBe(portfolio.data.items.length);

    const found = await client.get("/api/collaborations?q=Limburg.net");
    const members = await client.get(
      `/api/map/values?region=${limburg}&measure=collaboration&collaboration=${found.data.items[0].id}`,
    );
    const onMap = new Set(
      members.data.values.filter((v: { value: number }) => v.value === 1).map((v: { id: string }) => v.id),
    );
    const detail = await client.get(`/api/collaborations/${found.data.items[0].id}`);
    const inLimburg = new Set(counts.data.values.map((v: { id: string }) => v.id));
    const expected = detail.data.members
      .map((m: { organisation: { id: string } }) => m.organisation.id)
      .filter((id: string) => inLimburg.has(id));
    expect(onMap).toEqual(new Set(expected));
    expect(onMap.size).toBeGreaterThan(30);

    const byDomain = await client.get(`/api/map/values?region=BE&measure=domain&domain=bbc:3`);
    expect(byDomain.status).toBe(200);
    expect(byDomain.data.values).toHaveLength(565);
  });

  it("names what is missing or wrong in the request", async () => {
    const missing = await client.get("/api/map/values?measure=collaboration");
    expect(missing.status).toBe(400);
    expect(missing.data.errors[0].field).toBe("querystring.collaboration");
    const region = await client.get("/api/map/shapes?region=Limburg");
    expect(region.data.errors[0].field).toBe("querystring.region");
    expect((await new Client(server.url).get("/api/map/shapes")).status).toBe(401);
  });
});

describe("the network", () => {
  it("joins Limburg's municipalities through the collaborations they share, readable at a few hundred nodes", async () => {
    const { status, data } = await client.get(`/api/network?province=${limburg}`);
    expect(status).toBe(200);
    const names = new Set(data.nodes.map((n: { name: string }) => n.name));
    for (const name of ["Hasselt", "Genk", "Limburg.net", "Cipal"]) expect(names, name).toContain(name);
    expect(data.nodes.length).toBeLessThanOrEqual(400);
    const ids = new Set(data.nodes.map((n: { id: string }) => n.id));
    expect(data.edges.every((e: { source: string; target: string }) => ids.has(e.source) && ids.has(e.target))).toBe(
      true,
    );
    // Every collaboration in the picture connects at least two organisations.
    expect(
      data.nodes
        .filter((n: { type: string }) => n.type === "collaboration")
        .every((n: { degree: number }) => n.degree >= 2),
    ).toBe(true);
  });

  it("asks for a selection and refuses one too large to read", async () => {
    const none = await client.get("/api/network");
    expect(none.status).toBe(400);
    expect(none.data.errors[0].field).toBe("querystring.province");
    const tooBig = await client.get(`/api/network?province=${limburg}&limit=10`);
    expect(tooBig.status).toBe(400);
    expect(tooBig.data.errors[0].field).toBe("limit");
    const collaboration = await client.get("/api/collaborations?q=Limburg.net");
    const one = await client.get(`/api/network?collaboration=${collaboration.data.items[0].id}`);
    expect(one.data.nodes.filter((n: { type: string }) => n.type === "collaboration")).toHaveLength(1);
  });

  it("names each municipality's neighbours, worked out from the shipped boundaries", async () => {
    const names = async (key: string) =>
      (await client.get(`/api/organisations/${await organisationId(server.database, key)}/neighbours`)).data.items.map(
        (n: { name: string }) => n.name,
      );
    // Hasselt, merged with Kortessem in 2025, borders Wellen and Tongeren-Borgloon too.
    expect(await names("be-municipality-71072")).toEqual([
      "Alken",
      "Bilzen-Hoeselt",
      "Diepenbeek",
      "Genk",
      "Herk-de-Stad",
      "Heusden-Zolder",
      "Lummen",
      "Nieuwerkerken",
      "Tongeren-Borgloon",
      "Wellen",
      "Zonhoven",
    ]);
    expect(await names("nl-municipality-GM0114")).toEqual(["Borger-Odoorn", "Coevorden", "Westerwolde"]);
    // An island has none.
    expect(await names("nl-municipality-GM0448")).toEqual([]);
    expect((await client.get(`/api/organisations/${crypto.randomUUID()}/neighbours`)).status).toBe(404);
  });
});
