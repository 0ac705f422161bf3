import { strFromU8, unzipSync } from "fflate";
import readXlsxFile from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { pdfText } from "../../../test/helpers/pdf.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { systemContext } from "../../platform/context.ts";
import { storeSettlement } from "./settlements.ts";

let server: TestServer;
let emmen: Client;
let emmenColleague: Client;
let coevordenCouncil: Client;
let hasselt: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  for (const [name, key] of Object.entries({
    emmen: "nl-municipality-GM0114",
    coevorden: "nl-municipality-GM0109",
    borger: "nl-municipality-GM1681",
  })) {
    ids[name] = await organisationId(server.database, key);
  }
  ({ client: emmen } = await signedInClient(server.url, server.database, {
    organisationKey: "nl-municipality-GM0114",
    role: "editor",
  }));
  ({ client: emmenColleague } = await signedInClient(server.url, server.database, {
    organisationKey: "nl-municipality-GM0114",
    role: "admin",
  }));
  ({ client: coevordenCouncil } = await signedInClient(server.url, server.database, {
    organisationKey: "nl-municipality-GM0109",
    role: "viewer",
  }));
  ({ client: hasselt } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71072",
    role: "admin",
  }));
});
afterAll(() => server.close());

const inhabitants = () => ({
  kind: "inhabitants",
  referenceDate: "2025-01-01",
  inhabitants: { [ids.coevorden as string]: 35_665, [ids.borger as string]: 25_773 },
});

describe("a host building a framework agreement from nothing", () => {
  let framework: string;
  let sub: string;
  let yearEtag: string;

  it("sets up the framework with its clients, and the register shows it as a host-municipality collaboration", async () => {
    const { status, data } = await emmen.post("/api/frameworks", {
      name: "Raamovereenkomst Emmen, Coevorden en Borger-Odoorn",
      clientIds: [ids.coevorden, ids.borger],
      startsOn: "2024-01-01",
      endsOn: "2027-12-31",
      legalRegime: "wgr",
      status: "active",
    });
    expect(status).toBe(201);
    expect(data.host.name).toBe("Emmen");
    expect(data.clients.map((c: { name: string }) => c.name)).toEqual(["Borger-Odoorn", "Coevorden"]);
    framework = data.id;
    const collaboration = await emmen.get(`/api/collaborations/${data.collaborationId}`);
    expect(collaboration.data).toMatchObject({ form: "gastheergemeente", coordinator: { id: ids.emmen } });
    expect(collaboration.data.members.map((m: { role: string }) => m.role).sort()).toEqual([
      "client",
      "client",
      "host",
    ]);
    expect((await coevordenCouncil.get(`/api/frameworks/${framework}`)).data.abilities).toEqual({
      manage: false,
      readAllClients: false,
    });
    expect((await hasselt.get(`/api/frameworks/${framework}`)).status).toBe(404);
    expect((await coevordenCouncil.get("/api/frameworks")).data.items.map((f: { id: string }) => f.id)).toEqual([
      framework,
    ]);
  });

  it("adds a sub-agreement for social affairs and its 2025 budget, allocated per inhabitant to the cent", async () => {
    const created = await emmen.post(`/api/frameworks/${framework}/sub-agreements`, {
      name: "Deelovereenkomst Sociaal domein",
      domain: "social",
      services: [{ name: "Schuldhulpverlening", unit: "traject", description: "" }],
      serviceLevels: [{ indicator: "Aanvragen binnen 8 weken afgehandeld", target: 95, unit: "%", measurements: [] }],
    });
    expect(created.status).toBe(201);
    sub = created.data.id;
    const put = await emmen.request("PUT", `/api/sub-agreements/${sub}/years/2025`, {
      json: {
        budgetCents: 1_000_000_00,
        key: inhabitants(),
        accents: [{ clientId: ids.coevorden, kind: "extra", description: "Loket op zaterdag", cents: 25_000_00 }],
      },
    });
    expect(put.status).toBe(200);
    yearEtag = put.headers.get("etag") as string;
    const lines = put.data.budget as {
      client: { name: string };
      sharedCents: number;
      totalCents: number;
      advancesCents: number[];
    }[];
    expect(lines.reduce((a, l) => a + l.sharedCents, 0)).toBe(1_000_000_00);
    expect(lines.reduce((a, l) => a + l.totalCents, 0)).toBe(1_025_000_00);
    for (const l of lines) expect(l.advancesCents.reduce((a, b) => a + b, 0)).toBe(l.totalCents);
    const coevorden = lines.find((l) => l.client.name === "Coevorden");
    // 100,000,000 × 35,665 / 61,438 = 58,050,392.27 cents exactly (worked out apart); the remainder cent goes to
    // Borger-Odoorn, whose remainder (0.73) is the larger.
    expect(coevorden).toMatchObject({ sharedCents: 58_050_392, totalCents: 60_550_392 });
    expect(put.data.budget[0].explanation.parts[0]).toMatchObject({ kind: "inhabitants", of: 61_438 });

    const seen = await coevordenCouncil.get(`/api/sub-agreements/${sub}/years/2025`);
    expect(seen.data.shownClients).toBe("own");
    expect(seen.data.budget.map((l: { client: { name: string } }) => l.client.name)).toEqual(["Coevorden"]);
    expect(seen.data.key.kind).toBe("inhabitants");
  });

  it("refuses bad figures with the field at fault, and changes nothing", async () => {
    const url = `/api/sub-agreements/${sub}/years/2025`;
    const cases: [Record<string, unknown>, string][] = [
      [{ budgetCents: -5, key: inhabitants() }, "body.budgetCents"],
      [{ budgetCents: "veel", key: inhabitants() }, "body.budgetCents"],
      [{ budgetCents: 10.5, key: inhabitants() }, "body.budgetCents"],
      [
        {
          budgetCents: 100,
          key: { kind: "fixed", sharesBp: { [ids.coevorden as string]: 6000, [ids.borger as string]: 3000 } },
        },
        "body.key.sharesBp",
      ],
      [
        {
          budgetCents: 100,
          key: { kind: "inhabitants", referenceDate: "2025-01-01", inhabitants: { [ids.coevorden as string]: 10 } },
        },
        `body.key.inhabitants.${ids.borger}`,
      ],
      [
        {
          budgetCents: 100,
          key: inhabitants(),
          accents: [{ clientId: ids.emmen, kind: "extra", description: "x", cents: 1 }],
        },
        "body.accents.0.clientId",
      ],
    ];
    for (const [body, field] of cases) {
      const { status, data } = await emmen.request("PUT", url, { json: body, headers: { "if-match": yearEtag } });
      expect(status, JSON.stringify(body)).toBe(400);
      expect(
        data.errors.map((e: { field: string }) => e.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    const outOfTerm = await emmen.request("PUT", `/api/sub-agreements/${sub}/years/2031`, {
      json: { budgetCents: 100, key: inhabitants() },
    });
    expect(outOfTerm.status).toBe(400);
    expect(outOfTerm.data.errors[0].field).toBe("params.year");
    const after = await emmen.get(url);
    expect(after.headers.get("etag")).toBe(yearEtag);
    expect(after.data.budgetCents).toBe(1_000_000_00);
    expect((await coevordenCouncil.request("PUT", url, { json: { budgetCents: 1, key: inhabitants() } })).status).toBe(
      403,
    );
  });

  it("tells a second coordinator editing the same year that it changed, and keeps the first one's figures", async () => {
    const url = `/api/sub-agreements/${sub}/years/2025`;
    const first = await emmen.request("PUT", url, {
      json: { budgetCents: 1_100_000_00, key: inhabitants(), accents: [] },
      headers: { "if-match": yearEtag },
    });
    expect(first.status).toBe(200);
    const second = await emmenColleague.request("PUT", url, {
      json: { budgetCents: 900_000_00, key: inhabitants() },
      headers: { "if-match": yearEtag },
    });
    expect(second.status).toBe(412);
    expect(second.data.detail).toContain("gewijzigd sinds u het las");
    expect((await emmen.get(url)).data.budgetCents).toBe(1_100_000_00);
    const noHeader = await emmenColleague.request("PUT", url, { json: { budgetCents: 1, key: inhabitants() } });
    expect(noHeader.status).toBe(428);
    yearEtag = first.headers.get("etag") as string;
  });

  it("settles the year against the advances, freezes it when approved, and corrects it with a new version", async () => {
    const url = `/api/sub-agreements/${sub}/years/2025`;
    const early = await emmen.post(`${url}/settlements`, {});
    expect(early.status).toBe(400);
    expect(early.data.errors[0].field).toBe("actualCents");
    const actuals = await emmen.request("PUT", url, {
      json: {
        budgetCents: 1_100_000_00,
        key: inhabitants(),
        actualCents: 1_150_000_01,
        actualKey: {
          kind: "mix",
          parts: [
            { weightBp: 5000, key: inhabitants() },
            { weightBp: 5000, key: { kind: "equal" } },
          ],
        },
      },
      headers: { "if-match": yearEtag },
    });
    expect(actuals.status).toBe(200);
    const draft = await emmen.post(`${url}/settlements`, {});
    expect(draft.status).toBe(201);
    expect(draft.data).toMatchObject({ version: 1, status: "draft", actualCents: 1_150_000_01 });
    const lines = draft.data.lines as { totalCents: number; advancesCents: number; balanceCents: number }[];
    expect(lines.reduce((a, l) => a + l.totalCents, 0)).toBe(1_150_000_01);
    expect(lines.reduce((a, l) => a + l.advancesCents, 0)).toBe(1_100_000_00);
    for (const l of lines) expect(l.balanceCents).toBe(l.totalCents - l.advancesCents);

    const approved = await emmen.post(`/api/settlements/${draft.data.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.data.status).toBe("approved");
    expect((await emmen.post(`/api/settlements/${draft.data.id}/approve`)).status).toBe(409);
    const withoutReason = await emmen.post(`${url}/settlements`, {});
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.data.errors[0].field).toBe("body.note");

    // The approved year's budget is frozen: the advances were paid on it. Its actual figures stay open to correct.
    const settledYear = await emmen.get(url);
    expect(settledYear.data).toMatchObject({ settled: true, abilities: { changeBudget: false, changeActuals: true } });
    const { budgetCents, key, accents, actualKey, actualAccents } = settledYear.data;
    const etag = settledYear.headers.get("etag") as string;
    const newBudget = await emmen.request("PUT", url, {
      json: { budgetCents: 1_200_000_00, key, accents, actualCents: 1_150_000_01, actualKey },
      headers: { "if-match": etag },
    });
    expect(newBudget.status).toBe(409);
    expect(newBudget.data.errors).toEqual([
      { field: "body.budgetCents", message: "ligt vast door de goedgekeurde afrekening" },
    ]);
    const newAccent = await emmen.request("PUT", url, {
      json: {
        budgetCents,
        key,
        accents: [{ clientId: ids.borger, kind: "extra", description: "Extra loket", cents: 100 }],
        actualCents: 1_150_000_01,
        actualKey,
      },
      headers: { "if-match": etag },
    });
    expect(newAccent.status).toBe(409);
    expect(newAccent.data.errors[0].field).toBe("body.accents");
    expect((await emmen.get(url)).data.version).toBe(settledYear.data.version);

    const correction = await emmen.post(`${url}/settlements`, { note: "Factuur december nagekomen" });
    expect(correction.data).toMatchObject({ version: 2, status: "draft", note: "Factuur december nagekomen" });
    // Correcting the actual costs recomputes the draft correction, never the approved version.
    const corrected = await emmen.request("PUT", url, {
      json: { budgetCents, key, accents, actualCents: 1_160_000_00, actualKey, actualAccents },
      headers: { "if-match": etag },
    });
    expect(corrected.status).toBe(200);
    const versions = (await emmen.get(`${url}/settlements`)).data.items;
    expect(versions[0]).toMatchObject({ version: 2, status: "draft", actualCents: 1_160_000_00 });
    expect(versions[1]).toMatchObject({ version: 1, status: "approved", actualCents: 1_150_000_01 });
    expect(versions[1].lines).toEqual(approved.data.lines);
    const list = await coevordenCouncil.get(`${url}/settlements`);
    expect(list.data.items.map((s: { version: number; status: string }) => [s.version, s.status])).toEqual([
      [2, "draft"],
      [1, "approved"],
    ]);
    expect(list.data.items[1].lines.map((l: { client: { name: string } }) => l.client.name)).toEqual(["Coevorden"]);
  });

  it("stores a settlement only as it was read: after any change it stores and records nothing", async () => {
    const url = `/api/sub-agreements/${sub}/years/2025`;
    type Version = { id: string; version: number; status: string; lines: unknown[]; note: string | null };
    const versions = async () => (await emmen.get(`${url}/settlements`)).data.items as Version[];
    const events = async () =>
      (
        (await server.database.raw("SELECT count(*)::int AS n FROM audit_events WHERE entity_type = 'settlement'")) as {
          n: number;
        }[]
      )[0]?.n;
    const [draft, approved] = await versions();
    if (!draft || !approved) throw new Error("the previous test leaves a correction and an approved version");
    const figures = await emmen.get(url);
    const ctx = systemContext("test");
    const read = {
      subId: sub,
      year: 2025,
      yearVersion: figures.data.version as number,
      hostId: ids.emmen as string,
      lines: [],
      actualCents: 1,
      note: "Vervalst",
    };
    const before = { versions: await versions(), events: await events() };
    const stale = [
      // the year's figures changed since they were read
      { ...read, yearVersion: read.yearVersion - 1, latest: draft },
      // the draft read was approved since
      { ...read, latest: { ...approved, status: "draft" } },
      // another version took the number after the one read
      { ...read, latest: approved },
    ];
    for (const input of stale) expect(await storeSettlement(server.database.db, ctx, input)).toBeUndefined();
    expect({ versions: await versions(), events: await events() }).toEqual(before);

    // Several coordinators computing the draft at once: each is stored, none fails, one draft stays.
    const at = await Promise.all(
      Array.from({ length: 6 }, () => emmen.post(`${url}/settlements`, { note: "Factuur december nagekomen" })),
    );
    expect(at.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(at.map((r) => r.data.id))).toEqual(new Set([draft.id]));
    const after = await versions();
    expect(after.map((v) => [v.version, v.status])).toEqual([
      [2, "draft"],
      [1, "approved"],
    ]);
    expect(after[0]?.lines).toEqual(draft.lines);
    // Computed again without a note, the correction keeps its reason.
    const again = await emmen.post(`${url}/settlements`, {});
    expect(again.status).toBe(201);
    expect(again.data.note).toBe("Factuur december nagekomen");
    expect(await events()).toBe((before.events ?? 0) + 7);
  });

  it("tells the second of two first saves of a year that it was entered meanwhile, and keeps the first", async () => {
    const url = `/api/sub-agreements/${sub}/years/2026`;
    const [a, b] = await Promise.all([
      emmen.request("PUT", url, { json: { budgetCents: 500_00, key: inhabitants() } }),
      emmenColleague.request("PUT", url, { json: { budgetCents: 700_00, key: inhabitants() } }),
    ]);
    // Whichever comes second is refused and told why: 412 when both were in flight at once (PostgreSQL), 428 when
    // the first was stored before the second was read (the embedded database runs one at a time). Never 500.
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(won.status).toBe(200);
    expect([412, 428]).toContain(lost.status);
    expect(lost.headers.get("content-type")).toContain("application/problem+json");
    const kept = [a, b].find((r) => r.status === 200);
    expect((await emmen.get(url)).data.budgetCents).toBe(kept?.data.budgetCents);
  });

  it("gives the host an overview of the year as CSV, and not the clients", async () => {
    const csv = await emmen.request("GET", `/api/frameworks/${framework}/overview.csv?year=2025`);
    expect(csv.status).toBe(200);
    const rows = String(csv.data).trim().split("\r\n");
    expect(rows[0]).toBe(
      "framework,sub_agreement,year,client,budget_shared,budget_accents,budget_total,advances,actual_total,balance,settlement",
    );
    expect(rows).toHaveLength(3);
    expect(rows.some((r) => r.includes("Coevorden") && r.includes("versie 2, ontwerp"))).toBe(true);
    expect((await coevordenCouncil.get(`/api/frameworks/${framework}/overview.csv?year=2025`)).status).toBe(403);
  });
});

describe("statements and the overview as files", () => {
  it("gives each client its statement as a PDF whose figures add up, and the host a spreadsheet", async () => {
    const [framework] = (await emmen.get("/api/frameworks")).data.items as { id: string }[];
    // A name beyond Latin-1 (it answered 500 with the standard PDF fonts).
    const named = await emmen.post(`/api/frameworks/${framework?.id}/sub-agreements`, {
      name: "Inkoop ≥ € 50.000 → Łódź-model",
      domain: "purchasing",
    });
    expect(named.status).toBe(201);
    expect(
      (
        await emmen.request("PUT", `/api/sub-agreements/${named.data.id}/years/2025`, {
          json: { budgetCents: 10_000_00, key: inhabitants() },
        })
      ).status,
    ).toBe(200);
    const pdf = await emmen.download(`/api/frameworks/${framework?.id}/statements/${ids.coevorden}?year=2025`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe("application/pdf");
    expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf.bytes).replace(/\s+/g, " ");
    expect(text).toContain("Afrekening 2025");
    expect(text).toMatch(/Van Emmen \(GM0114\)/);
    expect(text).toMatch(/Aan Coevorden \(GM0109\)/);
    expect(text).toContain("Kenmerk 2025-GM0114-GM0109");
    expect(text).toContain("Deelovereenkomst Sociaal domein");
    expect(text).toContain("Inkoop ≥ € 50.000 → Łódź-model");
    expect(text).toContain("versie 2, ontwerp");
    expect(text).toMatch(/(Te betalen aan|Terug te krijgen van) Emmen: € [\d.]+,\d\d, binnen 30 dagen/);
    expect(text).toContain("Pagina 1 van 1");
    expect(
      (await coevordenCouncil.download(`/api/frameworks/${framework?.id}/statements/${ids.coevorden}?year=2025`))
        .status,
    ).toBe(200);
    expect(
      (await coevordenCouncil.download(`/api/frameworks/${framework?.id}/statements/${ids.borger}?year=2025`)).status,
    ).toBe(404);
    expect(
      (await hasselt.download(`/api/frameworks/${framework?.id}/statements/${ids.coevorden}?year=2025`)).status,
    ).toBe(404);

    const xlsx = await emmen.download(`/api/frameworks/${framework?.id}/overview.xlsx?year=2025`);
    expect(xlsx.status).toBe(200);
    const sheet = strFromU8(unzipSync(new Uint8Array(xlsx.bytes))["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet).toContain("Coevorden");
    expect(sheet).toContain("Borger-Odoorn");
    expect(sheet).toMatch(/<c r="E2" s="2"><v>[\d.]+<\/v><\/c>/);
    // Read back by a spreadsheet library: every column in place, amounts as numbers, Dutch throughout.
    const [overview] = await readXlsxFile(Buffer.from(xlsx.bytes));
    expect(overview?.data[0]).toEqual([
      "Raamovereenkomst",
      "Deelovereenkomst",
      "Jaar",
      "Afnemer",
      "Begroot gedeeld",
      "Accenten",
      "Begroot totaal",
      "Voorschotten",
      "Werkelijk",
      "Saldo",
      "Afrekening",
    ]);
    for (const row of overview?.data.slice(1) ?? []) {
      expect(typeof row[6]).toBe("number");
      expect(String(row[10] ?? "")).not.toMatch(/approved|draft/);
    }
    // In English when the interface is.
    const english = await emmen.download(`/api/frameworks/${framework?.id}/overview.xlsx?year=2025&lang=en`);
    const [inEnglish] = await readXlsxFile(Buffer.from(english.bytes));
    expect(inEnglish?.sheet).toBe("Overview 2025");
    expect(inEnglish?.data[0]?.slice(0, 4)).toEqual(["Framework agreement", "Sub-agreement", "Year", "Client"]);
    expect(
      inEnglish?.data
        .slice(1)
        .some((row) => /^version \d+, (approved on \d{4}-\d{2}-\d{2}|draft)$/.test(String(row[10]))),
    ).toBe(true);
    expect((await coevordenCouncil.download(`/api/frameworks/${framework?.id}/overview.xlsx?year=2025`)).status).toBe(
      403,
    );
  });
});
