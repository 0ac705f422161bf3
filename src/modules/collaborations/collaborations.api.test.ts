import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";

let server: TestServer;
let reader: Client;
let ids: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  ({ client: reader } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71016",
  }));
  ids = {};
  for (const [name, key] of Object.entries({
    hasselt: "be-municipality-71072",
    oldHasselt: "be-municipality-71022",
    kortessem: "be-municipality-73040",
    genk: "be-municipality-71016",
    emmen: "nl-municipality-GM0114",
    coevorden: "nl-municipality-GM0109",
    borgerOdoorn: "nl-municipality-GM1681",
  })) {
    ids[name] = await organisationId(server.database, key);
  }
});
afterAll(() => server.close());

const names = (items: { collaboration: { name: string } }[]) => items.map((i) => i.collaboration.name);

describe("the real collaborations", () => {
  it("list Hasselt's associations once each, Kortessem's merged in", async () => {
    const { status, data } = await reader.get(`/api/organisations/${ids.hasselt}/collaborations`);
    expect(status).toBe(200);
    const list = names(data.items);
    for (const name of ["Limburg.net", "Cipal", "s-Lim"])
      expect(
        list.filter((n) => n === name),
        name,
      ).toHaveLength(1);
    expect(new Set(list).size).toBe(list.length);
    const limburgNet = data.items.find(
      (i: { collaboration: { name: string } }) => i.collaboration.name === "Limburg.net",
    );
    expect(limburgNet.membership).toMatchObject({ validFrom: "2025-01-01", carriedOver: true, role: "member" });
    expect(limburgNet.collaboration).toMatchObject({
      form: "opdrachthoudende_vereniging",
      kboNumber: "0214533712",
      country: "BE",
    });
  });

  it("read as on 2020-01-01 still show Kortessem and its own memberships", async () => {
    const register = await reader.get("/api/organisations?q=Kortessem&asOf=2020-01-01");
    expect(register.data.items.map((o: { name: string }) => o.name)).toContain("Kortessem");
    const today = await reader.get("/api/organisations?q=Kortessem&status=active");
    expect(today.data.items.map((o: { name: string }) => o.name)).not.toContain("Kortessem");
    const then = await reader.get(`/api/organisations/${ids.kortessem}/collaborations?asOf=2020-01-01`);
    expect(names(then.data.items)).toContain("Limburg.net");
    const now = await reader.get(`/api/organisations/${ids.kortessem}/collaborations`);
    expect(now.data.items).toEqual([]);
    const hasseltThen = await reader.get("/api/organisations?q=Hasselt&asOf=2020-01-01&kind=municipality");
    expect(hasseltThen.data.items.map((o: { identifiers: { nis: string } }) => o.identifiers.nis)).toEqual(["71022"]);
  });

  it("show the Dutch joint arrangements Emmen shares with Coevorden and Borger-Odoorn", async () => {
    const emmen = names((await reader.get(`/api/organisations/${ids.emmen}/collaborations`)).data.items);
    const coevorden = new Set(
      names((await reader.get(`/api/organisations/${ids.coevorden}/collaborations`)).data.items),
    );
    const borger = new Set(
      names((await reader.get(`/api/organisations/${ids.borgerOdoorn}/collaborations`)).data.items),
    );
    const shared = emmen.filter((n) => coevorden.has(n) && borger.has(n));
    expect(shared.length).toBeGreaterThan(0);
    const filtered = await reader.get(`/api/collaborations?member=${ids.emmen}&country=NL&limit=100`);
    expect(filtered.data.items.map((c: { name: string }) => c.name).sort()).toEqual([...emmen].sort());
  });

  it("are searched by name with typos and by KBO number, and filtered by form and province", async () => {
    const typo = await reader.get("/api/collaborations?q=limburgnet");
    expect(typo.data.items[0]?.name).toBe("Limburg.net");
    const byKbo = await reader.get("/api/collaborations?q=0214533712");
    expect(byKbo.data.items[0]?.name).toBe("Limburg.net");
    const limburg = await organisationId(server.database, "be-province-70000");
    const inLimburg = await reader.get(
      `/api/collaborations?province=${limburg}&form=dienstverlenende_vereniging&limit=200`,
    );
    const list = inLimburg.data.items.map((c: { name: string }) => c.name);
    expect(list).toContain("Cipal");
    expect(inLimburg.data.items.every((c: { form: string }) => c.form === "dienstverlenende_vereniging")).toBe(true);
    const byForm = await reader.get("/api/organisations?form=opdrachthoudende_vereniging&kind=municipality&q=Hasselt");
    expect(byForm.data.items[0]?.identifiers.nis).toBe("71072");
  });

  it("pages through every collaboration without repeating one", async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { data } = await reader.get(
        `/api/collaborations?sort=-members&limit=200${cursor ? `&cursor=${cursor}` : ""}`,
      );
      for (const c of data.items) seen.add(c.id);
      cursor = data.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(seen.size).toBe(195 + 463);
  });
});

describe("policy domains", () => {
  it("come from both official lists, with the Flemish–Dutch mapping", async () => {
    const { data } = await reader.get("/api/policy-domains?scheme=bbc");
    const culture = data.items.find((d: { id: string }) => d.id === "bbc:7");
    expect(culture).toMatchObject({ name: "Cultuur en vrije tijd", level: 1, equivalents: ["iv3:5"] });
    const iv3 = await reader.get("/api/policy-domains?scheme=iv3");
    expect(iv3.data.items.find((d: { id: string }) => d.id === "iv3:6")?.name).toBe("Sociaal domein");
  });
});

describe("keeping collaborations", () => {
  it("an editor creates one for their organisation, adds a member, and the member confirms it", async () => {
    const genkEditor = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71016",
      role: "editor",
    });
    const created = await genkEditor.client.post("/api/collaborations", {
      name: "Gedeelde GIS-dienst Genk–Hasselt",
      form: "gastheergemeente",
      country: "BE",
      domainIds: ["bbc:1", "bbc:0190"],
      startedOn: "2026-01-01",
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      coordinator: { name: "Genk" },
      abilities: { update: true, manageMembers: true },
    });
    const id = created.data.id;

    const host = await genkEditor.client.post(`/api/collaborations/${id}/members`, {
      organisationId: ids.genk,
      role: "host",
    });
    expect(host.status).toBe(201);
    // Its policy domains come with it in the list and in the host's portfolio.
    const domainIds = (c: { domains: { id: string }[] }) => c.domains.map((d) => d.id);
    const listed = await genkEditor.client.get(`/api/collaborations?q=${encodeURIComponent("GIS-dienst Genk")}`);
    expect(domainIds(listed.data.items.find((c: { id: string }) => c.id === id))).toEqual(["bbc:0190", "bbc:1"]);
    const genkPortfolio = await genkEditor.client.get(`/api/organisations/${ids.genk}/collaborations`);
    const held = genkPortfolio.data.items.find((p: { collaboration: { id: string } }) => p.collaboration.id === id);
    expect(domainIds(held.collaboration)).toEqual(["bbc:0190", "bbc:1"]);
    const client = await genkEditor.client.post(`/api/collaborations/${id}/members`, {
      organisationId: ids.hasselt,
      role: "client",
      shareBasisPoints: 4000,
    });
    const hasseltMembership = client.data.members.find(
      (m: { organisation: { name: string } }) => m.organisation.name === "Hasselt",
    );
    expect(hasseltMembership).toMatchObject({
      confirmed: false,
      shareBasisPoints: 4000,
      abilities: { confirm: false },
    });
    expect(client.data.members.find((m: { role: string }) => m.role === "host").confirmed).toBe(true);

    const duplicate = await genkEditor.client.post(`/api/collaborations/${id}/members`, {
      organisationId: ids.hasselt,
      role: "client",
    });
    expect(duplicate.status).toBe(409);

    const hasseltAdmin = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    expect((await genkEditor.client.post(`/api/memberships/${hasseltMembership.id}/confirm`)).status).toBe(403);
    expect((await hasseltAdmin.client.post(`/api/memberships/${hasseltMembership.id}/confirm`)).status).toBe(204);
    const after = await reader.get(`/api/collaborations/${id}`);
    expect(after.data.members.find((m: { id: string }) => m.id === hasseltMembership.id).confirmed).toBe(true);

    const portfolio = await reader.get(`/api/organisations/${ids.hasselt}/collaborations`);
    expect(names(portfolio.data.items)).toContain("Gedeelde GIS-dienst Genk–Hasselt");
    const byDomain = await reader.get("/api/collaborations?domain=bbc:1");
    expect(byDomain.data.items.map((c: { name: string }) => c.name)).toContain("Gedeelde GIS-dienst Genk–Hasselt");

    const history = await genkEditor.client.get(`/api/audit?entityType=collaboration&entityId=${id}`);
    expect(history.status).toBe(404); // editors do not read the audit trail; administrators do
    const genkAdmin = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71016",
      role: "admin",
    });
    const trail = await genkAdmin.client.get(`/api/audit?entityType=collaboration&entityId=${id}`);
    expect(trail.data.items.map((e: { action: string }) => e.action)).toEqual([
      "confirm-member",
      "add-member",
      "add-member",
      "create",
    ]);
  });

  it("detects concurrent edits, refuses other organisations and bad input, and changes nothing then", async () => {
    const editor = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71016",
      role: "editor",
    });
    const { data, headers } = await editor.client.post("/api/collaborations", {
      name: "Regionaal archief",
      form: "projectnetwerk",
      country: "BE",
    });
    const etag = headers.get("etag") ?? "";
    expect(
      (await editor.client.patch(`/api/collaborations/${data.id}`, { seat: "Genk" }, { "if-match": etag })).status,
    ).toBe(200);
    const stale = await editor.client.patch(
      `/api/collaborations/${data.id}`,
      { seat: "Hasselt" },
      { "if-match": etag },
    );
    expect(stale.status).toBe(412);

    const stranger = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const current = await stranger.client.get(`/api/collaborations/${data.id}`);
    expect(current.data.abilities).toEqual({ update: false, manageMembers: false });
    const refused = await stranger.client.patch(
      `/api/collaborations/${data.id}`,
      { seat: "Hasselt" },
      { "if-match": current.headers.get("etag") ?? "" },
    );
    expect(refused.status).toBe(403);
    expect(
      (
        await stranger.client.post(`/api/collaborations/${data.id}/members`, {
          organisationId: ids.hasselt,
          role: "member",
        })
      ).status,
    ).toBe(403);

    const bad = await editor.client.post("/api/collaborations", {
      name: "",
      form: "vzw",
      country: "FR",
      domainIds: ["bbc:does-not-exist"],
      startedOn: "2026-13-01",
    });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "body.country",
      "body.domainIds.0",
      "body.form",
      "body.name",
      "body.startedOn",
    ]);
    const unknownDomain = await editor.client.post("/api/collaborations", {
      name: "X",
      form: "projectnetwerk",
      country: "BE",
      domainIds: ["bbc:999"],
    });
    expect(unknownDomain.status).toBe(400);
    expect(unknownDomain.data.errors[0]).toEqual({ field: "domainIds", message: "bbc:999 is geen beleidsdomein" });
    const after = await reader.get(`/api/collaborations/${data.id}`);
    expect(after.data).toMatchObject({ seat: "Genk", version: 2 });
  });

  it("a viewer or a read-only token cannot create one", async () => {
    const viewer = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71016",
      role: "viewer",
    });
    expect(
      (await viewer.client.post("/api/collaborations", { name: "X", form: "projectnetwerk", country: "BE" })).status,
    ).toBe(403);
  });
});

describe("mergers", () => {
  it("carry memberships over once, end the old ones, and are for platform administrators only", async () => {
    const [as, genk] = [await organisationId(server.database, "be-municipality-71002"), ids.genk];
    const municipal = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71002",
      role: "admin",
    });
    expect(
      (await municipal.client.post(`/api/organisations/${as}/merge`, { intoId: genk, effectiveDate: "2027-01-01" }))
        .status,
    ).toBe(403);

    const asBefore = names((await reader.get(`/api/organisations/${as}/collaborations`)).data.items);
    const genkBefore = new Set(names((await reader.get(`/api/organisations/${genk}/collaborations`)).data.items));
    const platform = await signedInClient(server.url, server.database, { isPlatformAdmin: true });
    const merged = await platform.client.post(`/api/organisations/${as}/merge`, {
      intoId: genk,
      effectiveDate: "2027-01-01",
    });
    expect(merged.status).toBe(200);
    expect(merged.data).toMatchObject({ status: "merged", validTo: "2026-12-31", mergedInto: { name: "Genk" } });

    const genkAfter = names((await reader.get(`/api/organisations/${genk}/collaborations?asOf=2027-01-01`)).data.items);
    expect(new Set(genkAfter)).toEqual(new Set([...genkBefore, ...asBefore]));
    expect(genkAfter.length).toBe(new Set(genkAfter).size);
    expect((await reader.get(`/api/organisations/${as}/collaborations?asOf=2027-01-01`)).data.items).toEqual([]);
    expect(
      names((await reader.get(`/api/organisations/${as}/collaborations?asOf=2026-06-01`)).data.items).sort(),
    ).toEqual([...asBefore].sort());
    const again = await platform.client.post(`/api/organisations/${as}/merge`, {
      intoId: genk,
      effectiveDate: "2027-01-01",
    });
    expect(again.status).toBe(409);
  });
});
