import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient } from "../../../test/factories.ts";
import { Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { auditEvents, organisations } from "../../platform/db/schema.ts";

let server: TestServer;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  ({ client: admin } = await signedInClient(server.url, server.database, { isPlatformAdmin: true }));
});
afterAll(() => server.close());

const upload = (kind: string, body: string | Buffer, type = "text/csv", query = "") =>
  admin.request("POST", `/api/imports/${kind}${query}`, { body: body as string, headers: { "content-type": type } });
const counts = async () => ({
  organisations: (await server.database.db.select().from(organisations)).length,
  audit: (await server.database.db.select().from(auditEvents)).length,
});

describe("importing into the register", () => {
  it("refuses broken files with a report of every bad row and changes nothing", async () => {
    const before = await counts();
    const cases: [string, string | Buffer, string, string][] = [
      ["wrong columns", "naam,soort\nAs,gemeente\n", "text/csv", "line 1: header"],
      [
        "bad codes",
        "key,kind,country,name,nis_code\nbe-x-1,municipality,BE,Ergens,7107\n",
        "text/csv",
        "line 2: nis_code",
      ],
      [
        "duplicates",
        "key,kind,country,name\nbe-x-2,municipality,BE,Een\nbe-x-2,municipality,BE,Twee\n",
        "text/csv",
        "line 3: key",
      ],
      [
        "wrong encoding",
        Buffer.from("key,kind,country,name\nbe-x-3,municipality,BE,Caf\xe9\n", "latin1"),
        "text/csv",
        "file",
      ],
      ["an empty file", "", "text/csv", "file"],
      [
        "unknown province",
        "key,kind,country,name,province_key\nbe-x-4,municipality,BE,Vier,be-province-99999\n",
        "text/csv",
        "line 2: province_key",
      ],
      ["broken JSON", '[{"key": "be-x-5",', "application/json", "file"],
    ];
    for (const [label, body, type, field] of cases) {
      const response = await upload("organisations", body, type);
      expect(response.status, label).toBe(422);
      expect(response.headers.get("content-type"), label).toContain("application/problem+json");
      expect(
        response.data.errors.map((e: { field: string }) => e.field),
        label,
      ).toContain(field);
    }
    expect(await counts()).toEqual(before);
  });

  it("writes a valid file, and with skipInvalid writes the good rows and reports the rest", async () => {
    const good = await upload(
      "organisations",
      "key,kind,country,name,kbo_number\nbe-vzw-1,nonprofit,BE,Vzw Samen Sterk,0412345678\n",
    );
    expect(good.status).toBe(200);
    expect(good.data).toMatchObject({ rows: 1, written: 1, skipped: 0, problems: [] });
    const mixed = await upload(
      "collaborations",
      JSON.stringify([
        {
          key: "be-proj-1",
          name: "Project Zorgzame Buurten",
          form: "projectnetwerk",
          country: "BE",
          domains: "bbc:9;iv3:6",
        },
        { key: "be-proj-2", name: "Kapot", form: "kasteel", country: "BE" },
      ]),
      "application/json",
      "?skipInvalid=true",
    );
    expect(mixed.status).toBe(200);
    expect(mixed.data).toMatchObject({ rows: 2, written: 1, skipped: 1 });
    expect(mixed.data.problems[0]).toMatchObject({ line: 2, field: "form" });
    const members = await upload(
      "memberships",
      "collaboration_key,organisation_key,role,share_basis_points,valid_from\nbe-proj-1,be-municipality-71072,member,5000,2026-01-01\nbe-proj-1,be-vzw-1,partner,,\n",
    );
    expect(members.data).toMatchObject({ written: 2 });
    const found = await admin.get("/api/collaborations?q=Zorgzame%20Buurten");
    expect(found.data.items[0]).toMatchObject({ memberCount: 2, domains: [{ id: "bbc:9" }, { id: "iv3:6" }] });
  });

  it("is only for platform administrators", async () => {
    const municipalAdmin = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const refused = await municipalAdmin.client.request("POST", "/api/imports/organisations", {
      body: "key,kind,country,name\nbe-x-9,municipality,BE,Negen\n",
      headers: { "content-type": "text/csv" },
    });
    expect(refused.status).toBe(403);
  });
});

describe("exporting the register", () => {
  it("gives CSV and JSON that import again unchanged", async () => {
    const csv = await admin.get("/api/exports/memberships");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(String(csv.data).split("\r\n")[0]).toBe(
      "collaboration_key,organisation_key,role,share_basis_points,valid_from,valid_to,source,source_date",
    );
    const json = await admin.get("/api/exports/collaborations?format=json");
    expect(json.data.find((c: { key: string }) => c.key === "be-igs-0214533712")).toMatchObject({
      name: "Limburg.net",
      form: "opdrachthoudende_vereniging",
    });
    const imported = json.data.find((c: { key: string }) => c.key === "be-proj-1");
    expect(imported?.domains).toBe("bbc:9;iv3:6");
    const again = await upload("collaborations", JSON.stringify(json.data), "application/json", "?dryRun=true");
    expect(again.data).toMatchObject({ problems: [], skipped: 0 });
    expect(again.data.valid).toBe(json.data.length);
  });

  it("gives the CSV Dutch Excel opens in columns, and takes it back as Excel saves it", async () => {
    const file = await admin.download("/api/exports/collaborations?dialect=excel-nl");
    // A byte order mark first, so Excel reads UTF-8 ("Súdwest-Fryslân", "€").
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const excel = file.bytes.toString("utf8");
    expect(excel.startsWith("\ufeffkey;name;form;")).toBe(true);
    // A field holding the delimiter is quoted: the policy domains' own list separator is a semicolon too.
    expect(excel).toContain(';"bbc:9;iv3:6";');
    const rows = excel.trim().split("\r\n").length - 1;
    const again = await upload("collaborations", excel, "text/csv", "?dryRun=true");
    expect(again.data).toMatchObject({ problems: [], skipped: 0, valid: rows });
    // Every problem in the language the page asks for, naming the delimiter the file was read with.
    const header = "\ufeffsleutel;naam\r\nx;y\r\n";
    const wrong = await upload("organisations", header, "text/csv", "?dryRun=true");
    expect(wrong.data.problems[0].message).toBe(
      "mist de kolom(men) key, kind, country, name (gelezen met puntkomma als scheidingsteken)",
    );
    const inEnglish = await admin.request("POST", "/api/imports/organisations?dryRun=true", {
      body: header,
      headers: { "content-type": "text/csv", "accept-language": "en-GB,en;q=0.9" },
    });
    expect(inEnglish.data.problems[0].message).toContain("(read with semicolon as delimiter)");
    const badRow = await upload("organisations", "key;kind;country;name;nis_code\r\nbe-x;municipality;BE;X;71\r\n");
    expect(badRow.data.errors).toContainEqual({ field: "line 2: nis_code", message: "moet uit 5 cijfers bestaan" });
  });

  it("gives JSON-LD in the W3C Organization ontology with dated memberships", async () => {
    const { data } = await admin.get("/api/exports/jsonld");
    expect(data["@context"].org).toBe("http://www.w3.org/ns/org#");
    const graph = data["@graph"] as Record<string, any>[];
    const hasselt = graph.find(
      (n) =>
        n["@type"] === "org:Organization" &&
        n["skos:prefLabel"] === "Hasselt" &&
        n["adms:identifier"][0]["skos:notation"] === "71072",
    );
    expect(hasselt).toBeDefined();
    const membership = graph.find(
      (n) => n["@type"] === "org:Membership" && n["org:member"]["@id"] === hasselt?.["@id"] && n["org:memberDuring"],
    );
    expect(membership?.["org:role"]["@id"]).toMatch(/rol\/member$/);
    expect(membership?.["org:memberDuring"]["time:hasBeginning"]["time:inXSDDate"]["@value"]).toBe("2025-01-01");
    expect(
      graph.some((n) => n["@type"] === "org:OrganizationalCollaboration" && n["skos:prefLabel"] === "Limburg.net"),
    ).toBe(true);
  });

  it("needs sign-in", async () => {
    expect((await new Client(server.url).get("/api/exports/organisations")).status).toBe(401);
  });
});
