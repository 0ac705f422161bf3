import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, organisationId, signedInClient } from "../../../test/factories.ts";
import { Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";

let server: TestServer;
let hasseltId: string;
let genkId: string;

beforeAll(async () => {
  server = await startTestServer();
  hasseltId = await organisationId(server.database, "be-municipality-71072");
  genkId = await organisationId(server.database, "be-municipality-71016");
});
afterAll(() => server.close());

describe("the organisation list", () => {
  it("finds Hasselt by name, with its 2025 NIS code and province", async () => {
    const { client } = await signedInClient(server.url, server.database, { organisationKey: "be-municipality-71016" });
    const { status, data } = await client.get("/api/organisations?q=Hasselt");
    expect(status).toBe(200);
    expect(data.items[0]).toMatchObject({
      name: "Hasselt",
      kind: "municipality",
      country: "BE",
      identifiers: { nis: "71072" },
      province: { name: "Provincie Limburg" },
      populationDate: "2020-01-01",
    });
  });

  it("finds Emmen by its CBS code and by a misspelt name", async () => {
    const { client } = await signedInClient(server.url, server.database, { organisationKey: "be-municipality-71016" });
    const byCode = await client.get("/api/organisations?q=GM0114");
    expect(byCode.data.items[0]).toMatchObject({ name: "Emmen", country: "NL", identifiers: { cbs: "GM0114" } });
    const byTypo = await client.get("/api/organisations?q=Emmmen&kind=municipality");
    expect(byTypo.data.items.map((o: { name: string }) => o.name)).toContain("Emmen");
  });

  it("finds municipalities by misspelt, old, French and Dutch names, today's first", async () => {
    const { client } = await signedInClient(server.url, server.database, { organisationKey: "be-municipality-71016" });
    const first = async (q: string, extra = "") => {
      const { status, data } = await client.get(
        `/api/organisations?q=${encodeURIComponent(q)}&kind=municipality${extra}`,
      );
      expect(status, q).toBe(200);
      return data.items.map((o: { name: string }) => o.name);
    };
    for (const [q, name] of [
      ["Hasslt", "Hasselt"],
      ["Genck", "Genk"],
      ["Tongren", "Tongeren-Borgloon"],
      ["Neimegen", "Nijmegen"],
      ["Nymegen", "Nijmegen"],
      ["Anvers", "Antwerpen"],
      ["Liege", "Luik"],
      ["Liège", "Luik"],
      ["Mons", "Bergen"],
    ] as const)
      expect((await first(q)).slice(0, 3), q).toContain(name);
    // An old name finds the municipality it merged into, among those of today.
    expect(await first("Kortessem", "&status=active")).toEqual(["Hasselt"]);
    expect(await first("Borgloon", "&status=active")).toContain("Tongeren-Borgloon");
    expect((await first("As"))[0]).toBe("As");
    expect(await first("qqqqxz")).toEqual([]);
    // A name merely alike is not a misspelling: "Voorne aan Zee" is not offered for "Atlantis-aan-Zee".
    expect(await first("Atlantis-aan-Zee")).toEqual([]);
  });

  it("holds all 565 Belgian and 342 Dutch municipalities and one OCMW per Flemish municipality", async () => {
    const { client } = await signedInClient(server.url, server.database, { organisationKey: "be-municipality-71016" });
    const count = async (query: string) => {
      let total = 0;
      let cursor: string | null = null;
      const seen = new Set<string>();
      do {
        const { data } = await client.get(`/api/organisations?${query}&limit=200${cursor ? `&cursor=${cursor}` : ""}`);
        for (const item of data.items) seen.add(item.id);
        total += data.items.length;
        cursor = data.nextCursor;
      } while (cursor);
      expect(seen.size).toBe(total);
      return total;
    };
    expect(await count("kind=municipality&country=BE&status=active")).toBe(565);
    expect(await count("kind=municipality&country=BE&status=merged")).toBe(29);
    expect(await count("kind=municipality&country=NL&sort=-name")).toBe(342);
    expect(await count("kind=ocmw")).toBe(285);
    expect(await count("kind=province")).toBe(22);
  });

  it("pages by population without losing or repeating a row", async () => {
    const { client } = await signedInClient(server.url, server.database, { organisationKey: "be-municipality-71016" });
    const limburg = await client.get("/api/organisations?q=Provincie%20Limburg&kind=province&country=BE");
    const province = limburg.data.items[0].id;
    const names: string[] = [];
    const populations: number[] = [];
    let cursor: string | null = null;
    do {
      const { data } = await client.get(
        `/api/organisations?province=${province}&kind=municipality&status=active&sort=-population&limit=7${cursor ? `&cursor=${cursor}` : ""}`,
      );
      for (const item of data.items) {
        names.push(item.name);
        populations.push(item.population);
      }
      cursor = data.nextCursor;
    } while (cursor);
    expect(names).toHaveLength(38);
    expect(new Set(names).size).toBe(38);
    expect(names[0]).toBe("Hasselt");
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  it("refuses unknown filters, bad values and forged cursors with the field at fault", async () => {
    const { client } = await signedInClient(server.url, server.database, { organisationKey: "be-municipality-71016" });
    const unknown = await client.get("/api/organisations?colour=red");
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("content-type")).toContain("application/problem+json");
    expect(unknown.data.errors).toEqual([{ field: "querystring.colour", message: "is geen bekend veld" }]);
    const badKind = await client.get("/api/organisations?kind=castle");
    expect(badKind.data.errors[0].field).toBe("querystring.kind.0");
    const badLimit = await client.get("/api/organisations?limit=100000");
    expect(badLimit.data.errors[0].field).toBe("querystring.limit");
    const forged = await client.get("/api/organisations?cursor=eyJub3QiOiJhIGN1cnNvciJ9");
    expect(forged.status).toBe(400);
    expect(forged.data.errors[0].field).toBe("cursor");
  });

  it("asks for sign-in without credentials", async () => {
    const anonymous = new Client(server.url);
    const { status, data } = await anonymous.get("/api/organisations");
    expect(status).toBe(401);
    expect(data.code).toBe("unauthenticated");
  });
});

describe("one organisation", () => {
  it("is read with an ETag, and a matching If-None-Match gets 304", async () => {
    const { client } = await signedInClient(server.url, server.database, { organisationKey: "be-municipality-71016" });
    const first = await client.get(`/api/organisations/${hasseltId}`);
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ name: "Hasselt", partners: { servedBy: [{ name: "Provincie Limburg" }] } });
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"v\d+"$/);
    const again = await client.get(`/api/organisations/${hasseltId}`, { "if-none-match": etag ?? "" });
    expect(again.status).toBe(304);
  });

  it("shows that Hasselt was formed on 1 January 2025 from Hasselt and Kortessem, which point to it", async () => {
    const { client } = await signedInClient(server.url, server.database, { organisationKey: "be-municipality-71016" });
    const { data } = await client.get(`/api/organisations/${hasseltId}`);
    expect(data.validFrom).toBe("2025-01-01");
    expect(data.predecessors.map((p: { name: string; code: string }) => `${p.name} ${p.code}`)).toEqual([
      "Hasselt 71022",
      "Kortessem 73040",
    ]);
    const kortessem = await client.get(`/api/organisations?q=Kortessem`);
    expect(kortessem.data.items[0]).toMatchObject({ name: "Kortessem", status: "merged", validTo: "2024-12-31" });
    const page = await client.get(`/api/organisations/${kortessem.data.items[0].id}`);
    expect(page.data.mergedInto).toEqual({ id: hasseltId, name: "Hasselt" });
  });

  it("answers 404 for an id that does not exist and 400 for one that is not a UUID", async () => {
    const { client } = await signedInClient(server.url, server.database, { organisationKey: "be-municipality-71016" });
    expect((await client.get("/api/organisations/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const bad = await client.get("/api/organisations/hasselt");
    expect(bad.status).toBe(400);
    expect(bad.data.errors[0].field).toBe("params.id");
  });

  it("tells the web app what the actor may do", async () => {
    const admin = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const viewer = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "viewer",
    });
    expect((await admin.client.get(`/api/organisations/${hasseltId}`)).data.abilities).toEqual({
      update: true,
      readUsers: true,
      readAudit: true,
      manageTokens: true,
    });
    expect((await viewer.client.get(`/api/organisations/${hasseltId}`)).data.abilities).toEqual({
      update: false,
      readUsers: false,
      readAudit: false,
      manageTokens: false,
    });
  });
});

describe("changing an organisation", () => {
  it("needs If-Match, applies a current one, and refuses a stale one without changing anything", async () => {
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const read = await client.get(`/api/organisations/${hasseltId}`);
    const etag = read.headers.get("etag") ?? "";

    const missing = await client.patch(`/api/organisations/${hasseltId}`, { website: "https://www.hasselt.be" });
    expect(missing.status).toBe(428);

    const applied = await client.patch(
      `/api/organisations/${hasseltId}`,
      { website: "https://www.hasselt.be" },
      { "if-match": etag },
    );
    expect(applied.status).toBe(200);
    expect(applied.data.website).toBe("https://www.hasselt.be");
    expect(applied.headers.get("etag")).not.toBe(etag);

    const stale = await client.patch(
      `/api/organisations/${hasseltId}`,
      { website: "https://stale.example" },
      { "if-match": etag },
    );
    expect(stale.status).toBe(412);
    expect(stale.data.code).toBe("precondition_failed");
    expect((await client.get(`/api/organisations/${hasseltId}`)).data.website).toBe("https://www.hasselt.be");

    // A postal address keeps its lines, trimmed, without empty ones; none is null.
    const addressed = await client.patch(
      `/api/organisations/${hasseltId}`,
      { postalAddress: "  Limburgplein 1 \r\n\r\n3500 Hasselt  " },
      { "if-match": applied.headers.get("etag") ?? "" },
    );
    expect(addressed.status).toBe(200);
    expect(addressed.data.postalAddress).toBe("Limburgplein 1\n3500 Hasselt");
    const cleared = await client.patch(
      `/api/organisations/${hasseltId}`,
      { postalAddress: " \n " },
      { "if-match": addressed.headers.get("etag") ?? "" },
    );
    expect(cleared.data.postalAddress).toBeNull();
  });

  it("refuses bad input with the field at fault and changes nothing", async () => {
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const before = await client.get(`/api/organisations/${hasseltId}`);
    const etag = before.headers.get("etag") ?? "";
    const cases: [unknown, string][] = [
      [{ population: "many", populationDate: "2024-01-01" }, "body.population"],
      [{ kboNumber: "12" }, "body.kboNumber"],
      [{ name: "Hasselt", mayor: "someone" }, "body.mayor"],
      [{ population: 80000 }, "body.populationDate"],
      [{ website: "not a url" }, "body.website"],
      [{ postalAddress: "1\n2\n3\n4\n5\n6\n7" }, "body.postalAddress"],
      [{ postalAddress: "Straat 1\u0007" }, "body.postalAddress"],
    ];
    for (const [body, field] of cases) {
      const response = await client.patch(`/api/organisations/${hasseltId}`, body, { "if-match": etag });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.data.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const broken = await client.request("PATCH", `/api/organisations/${hasseltId}`, {
      body: '{"name": "Hass',
      headers: { "content-type": "application/json", "if-match": etag },
    });
    expect(broken.status).toBe(400);
    expect(broken.data.code).toBe("malformed_request");
    const wrongType = await client.request("PATCH", `/api/organisations/${hasseltId}`, {
      body: "name=Hasselt",
      headers: { "content-type": "application/x-www-form-urlencoded", "if-match": etag },
    });
    expect(wrongType.status).toBe(415);
    const huge = await client.patch(
      `/api/organisations/${hasseltId}`,
      { name: "x".repeat(2 * 1024 * 1024) },
      { "if-match": etag },
    );
    expect(huge.status).toBe(413);
    expect(huge.data.code).toBe("payload_too_large");
    const after = await client.get(`/api/organisations/${hasseltId}`);
    expect(after.headers.get("etag")).toBe(etag);
    expect(after.data).toEqual(before.data);
  });

  it("is refused to a viewer of the organisation and to an administrator of another", async () => {
    const viewer = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "viewer",
    });
    const otherAdmin = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71016",
      role: "admin",
    });
    const etag = (await viewer.client.get(`/api/organisations/${hasseltId}`)).headers.get("etag") ?? "";
    expect(
      (
        await viewer.client.patch(
          `/api/organisations/${hasseltId}`,
          { website: "https://x.example" },
          { "if-match": etag },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await otherAdmin.client.patch(
          `/api/organisations/${hasseltId}`,
          { website: "https://x.example" },
          { "if-match": etag },
        )
      ).status,
    ).toBe(403);
  });
});

describe("an organisation's people", () => {
  it("are listed for its administrators, and a crafted request from another organisation reads as not found", async () => {
    const admin = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71016",
      role: "admin",
    });
    const colleague = await buildUser(server.database, {
      organisationKey: "be-municipality-71016",
      role: "editor",
      name: "Collega Genk",
    });
    const own = await admin.client.get(`/api/organisations/${genkId}/users`);
    expect(own.status).toBe(200);
    expect(own.data.items.map((u: { email: string }) => u.email)).toContain(colleague.email);

    const foreign = await admin.client.get(`/api/organisations/${hasseltId}/users`);
    const missing = await admin.client.get("/api/organisations/00000000-0000-4000-8000-000000000000/users");
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.data.detail).toBe(missing.data.detail);
  });
});
