import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { loadDemoAgreements } from "../demo/demo-agreements.ts";
import { loadDemoCouncil } from "../demo/demo-council.ts";
import { loadDemoProcurement } from "../demo/demo-procurement.ts";

let server: TestServer;
let hasselt: string;
let genk: string;
let councillor: Client;
let editor: Client;
const asOf = "2026-12-02";

beforeAll(async () => {
  server = await startTestServer();
  await server.database.db.transaction(async (tx) => {
    await loadDemoAgreements(tx);
    await loadDemoProcurement(tx);
    await loadDemoCouncil(tx);
  });
  hasselt = await organisationId(server.database, "be-municipality-71072");
  genk = await organisationId(server.database, "be-municipality-71016");
  ({ client: councillor } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71072",
    role: "viewer",
  }));
  ({ client: editor } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71072",
    role: "editor",
  }));
});
afterAll(() => server.close());

const put = (client: Client, url: string, json: unknown, ifMatch?: string) =>
  client.request("PUT", url, { json, ...(ifMatch ? { headers: { "if-match": ifMatch } } : {}) });

describe("the council's view", () => {
  it("shows Hasselt's council member what Hasselt pays into its collaborations, and where each figure comes from", async () => {
    const { status, data } = await councillor.get(`/api/organisations/${hasselt}/council?asOf=${asOf}`);
    expect(status).toBe(200);
    expect(data.abilities).toEqual({ read: true, keep: false });
    const natures = new Set(
      data.collaborations.map((c: { collaboration: { nature: string } }) => c.collaboration.nature),
    );
    expect(natures.has("collaboration")).toBe(true);
    // Contributions entered by the city, with their source; the energy purchases it pays through.
    const paid = data.collaborations.filter((c: { payments: unknown[] }) => c.payments.length);
    expect(paid.length).toBeGreaterThanOrEqual(2);
    for (const c of paid) {
      for (const p of c.payments) {
        expect(p.source.kind).toBe("contribution");
        expect(p.source.reference).toMatch(/meerjarenplan/);
      }
      expect(c.totalCents).toBe(c.payments.reduce((s: number, p: { cents: number }) => s + p.cents, 0));
    }
    expect(data.purchases.length).toBe(3);
    expect(
      data.purchases.every((p: { payments: { source: { kind: string } }[] }) =>
        p.payments.every((y) => y.source.kind === "purchase"),
      ),
    ).toBe(true);
    // The totals per year add up everything shown.
    const all = [...data.collaborations, ...data.purchases].flatMap(
      (c: { payments: { cents: number }[] }) => c.payments,
    );
    expect(data.totals.totalCents).toBe(all.reduce((s, p) => s + p.cents, 0));
    expect(data.totals.byYear.reduce((s: number, y: { cents: number }) => s + y.cents, 0)).toBe(data.totals.totalCents);
    // Its representatives, by body.
    const people = data.collaborations.flatMap((c: { representatives: { name: string }[] }) => c.representatives);
    expect(people.map((p: { name: string }) => p.name).sort()).toEqual(["Koen Claes", "Lien Vanhoof", "Sara Jacobs"]);
  });

  it("lists the council's deadlines of the coming year with their legal source", async () => {
    const { data } = await councillor.get(`/api/organisations/${hasselt}/council?asOf=${asOf}`);
    expect(data.deadlines.length).toBeGreaterThan(0);
    for (const d of data.deadlines) {
      expect(d.dueOn >= asOf && d.dueOn <= "2027-12-02").toBe(true);
      expect(d.source.citation).toMatch(/Decreet lokaal bestuur/);
      expect(d.source.url).toMatch(/^https:\/\//);
    }
    const dates = data.deadlines.map((d: { dueOn: string }) => d.dueOn);
    expect(dates).toEqual([...dates].sort());
  });

  it("gives a Dutch client of shared services its settlements, budgets and the Wgr's deadlines", async () => {
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "nl-municipality-GM0109",
      role: "viewer",
    });
    const coevorden = await organisationId(server.database, "nl-municipality-GM0109");
    const { data } = await client.get(`/api/organisations/${coevorden}/council?asOf=2026-03-01`);
    const payments = data.collaborations.flatMap((c: { payments: { source: { kind: string } }[] }) => c.payments);
    const kinds = new Set(payments.map((p: { source: { kind: string } }) => p.source.kind));
    expect(kinds.has("settlement")).toBe(true);
    expect(kinds.has("budget")).toBe(true);
    const views = data.deadlines.filter((d: { source: { citation: string } }) =>
      d.source.citation.startsWith("Wgr art. 35"),
    );
    expect(views.length).toBeGreaterThan(0);
    expect(views[0].source.url).toMatch(/wetten\.overheid\.nl/);
  });

  it("is not shown to another organisation, and its keeping is refused to the read-only council member", async () => {
    const { client: other } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71016",
      role: "admin",
    });
    expect((await other.get(`/api/organisations/${hasselt}/council`)).status).toBe(404);
    const collaborationId = (await councillor.get(`/api/organisations/${hasselt}/council?asOf=${asOf}`)).data
      .collaborations[0].collaboration.id;
    const tried = await councillor.post(`/api/organisations/${hasselt}/representatives`, {
      collaborationId,
      body: "board",
      name: "Niemand",
    });
    expect(tried.status).toBe(403);
  });
});

describe("keeping the council's view", () => {
  it("enters, changes and removes a representative, and refuses a term that ends before it begins", async () => {
    const view = await editor.get(`/api/organisations/${hasselt}/council?asOf=${asOf}`);
    const collaborationId = view.data.collaborations[0].collaboration.id;
    const bad = await editor.post(`/api/organisations/${hasselt}/representatives`, {
      collaborationId,
      body: "board",
      name: "Jan Peeters",
      since: "2026-01-01",
      until: "2025-01-01",
    });
    expect(bad.status).toBe(400);
    expect(bad.data.errors[0]).toEqual({ field: "until", message: "Het mandaat eindigt vóór het begint." });
    const notMember = await editor.post(`/api/organisations/${hasselt}/representatives`, {
      collaborationId: (await councillor.get(`/api/organisations/${hasselt}/opportunities`)).data.fromNeighbours[0]
        .collaboration.id,
      body: "board",
      name: "Jan Peeters",
    });
    expect(notMember.status).toBe(400);
    expect(notMember.data.errors[0].field).toBe("collaborationId");
    const made = await editor.post(`/api/organisations/${hasselt}/representatives`, {
      collaborationId,
      body: "board",
      name: "Jan Peeters",
      office: "schepen",
    });
    expect(made.status).toBe(201);
    const stale = await editor.patch(
      `/api/representatives/${made.data.id}`,
      { office: "burgemeester" },
      { "if-match": '"v9"' },
    );
    expect(stale.status).toBe(412);
    const changed = await editor.patch(
      `/api/representatives/${made.data.id}`,
      { until: "2030-12-31" },
      { "if-match": '"v1"' },
    );
    expect(changed.status).toBe(200);
    const after = await editor.get(`/api/organisations/${hasselt}/council?asOf=${asOf}`);
    const entry = after.data.collaborations
      .flatMap((c: { representatives: { id: string }[] }) => c.representatives)
      .find((r: { id: string }) => r.id === made.data.id);
    // The change touched only the field it named.
    expect(entry).toMatchObject({ name: "Jan Peeters", office: "schepen", until: "2030-12-31", version: 2 });
    expect((await editor.delete(`/api/representatives/${made.data.id}`)).status).toBe(204);
    expect((await editor.delete(`/api/representatives/${made.data.id}`)).status).toBe(404);
  });

  it("enters a contribution, and replaces it only with the version read", async () => {
    const view = await editor.get(`/api/organisations/${hasselt}/council?asOf=${asOf}`);
    const collaborationId = view.data.collaborations.at(-1).collaboration.id;
    const url = `/api/organisations/${hasselt}/contributions/${collaborationId}/2027`;
    const negative = await put(editor, url, { amountCents: -5, source: "Begroting 2027" });
    expect(negative.status).toBe(400);
    expect(negative.data.errors[0].field).toBe("body.amountCents");
    expect((await put(editor, url, { amountCents: 125_000_00, source: "Begroting 2027" })).status).toBe(201);
    expect((await put(editor, url, { amountCents: 130_000_00, source: "Begroting 2027" })).status).toBe(428);
    expect(
      (await put(editor, url, { amountCents: 130_000_00, source: "Begroting 2027, wijziging" }, '"v1"')).status,
    ).toBe(200);
    const after = await editor.get(`/api/organisations/${hasselt}/council?asOf=${asOf}`);
    const row = after.data.collaborations.find(
      (c: { collaboration: { id: string } }) => c.collaboration.id === collaborationId,
    );
    expect(row.payments.find((p: { year: number }) => p.year === 2027)).toMatchObject({
      cents: 130_000_00,
      source: { kind: "contribution", reference: "Begroting 2027, wijziging" },
    });
    expect((await editor.delete(url)).status).toBe(204);
  });
});

describe("the public page", () => {
  it("shows nobody only what Hasselt chose to publish", async () => {
    const nobody = new Client(server.url);
    const { status, data } = await nobody.get(`/api/public/municipalities/${hasselt}?asOf=${asOf}`);
    expect(status).toBe(200);
    expect(data.sections).toEqual(["collaborations", "payments", "deadlines"]);
    expect(data.collaborations.length).toBeGreaterThan(0);
    expect(data.totals.totalCents).toBeGreaterThan(0);
    expect(data.deadlines.length).toBeGreaterThan(0);
    // Representatives were not chosen: no names anywhere on the page.
    expect(data.collaborations.every((c: { representatives: unknown }) => c.representatives === null)).toBe(true);
    const text = JSON.stringify(data);
    for (const name of ["Lien Vanhoof", "Koen Claes", "Sara Jacobs"]) expect(text).not.toContain(name);
  });

  it("is not there for a municipality that did not publish, and goes when Hasselt withdraws it", async () => {
    const nobody = new Client(server.url);
    expect((await nobody.get(`/api/public/municipalities/${genk}`)).status).toBe(404);
    const { client: admin } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const view = await admin.get(`/api/organisations/${hasselt}/council`);
    const etag = view.headers.get("etag") ?? "";
    const unknown = await put(
      admin,
      `/api/organisations/${hasselt}/public-page`,
      { published: true, sections: ["secrets"] },
      etag,
    );
    expect(unknown.status).toBe(400);
    const withdrawn = await put(
      admin,
      `/api/organisations/${hasselt}/public-page`,
      { published: false, sections: [] },
      etag,
    );
    expect(withdrawn.status).toBe(200);
    expect((await nobody.get(`/api/public/municipalities/${hasselt}`)).status).toBe(404);
    // Its own people still preview it.
    expect((await councillor.get(`/api/public/municipalities/${hasselt}`)).status).toBe(200);
    const again = await put(
      admin,
      `/api/organisations/${hasselt}/public-page`,
      { published: true, sections: ["collaborations", "payments", "deadlines"] },
      `"v${withdrawn.data.version}"`,
    );
    expect(again.status).toBe(200);
  });
});
