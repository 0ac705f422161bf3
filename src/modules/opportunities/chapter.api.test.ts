import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { pdfText } from "../../../test/helpers/pdf.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { estimatedSavingEuro } from "../../platform/saving-estimate.ts";
import { loadDemoCouncil } from "../demo/demo-council.ts";
import { loadDemoProcurement } from "../demo/demo-procurement.ts";
import { loadDemoProjects } from "../demo/demo-projects.ts";
import { compare, loadSlice } from "./comparison.ts";

let server: TestServer;
let diepenbeek: string;
let editor: Client;
const asOf = "2026-12-02";

beforeAll(async () => {
  server = await startTestServer();
  await server.database.db.transaction(async (tx) => {
    await loadDemoProcurement(tx);
    await loadDemoProjects(tx);
    await loadDemoCouncil(tx);
  });
  diepenbeek = await organisationId(server.database, "be-municipality-71011");
  ({ client: editor } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71011",
    role: "editor",
  }));
});
afterAll(() => server.close());

describe("a Limburg municipality's opportunities", () => {
  it("name the task areas most of its neighbours or peers share and it does not, as the register says", async () => {
    const { status, data } = await editor.get(`/api/organisations/${diepenbeek}/opportunities?asOf=${asOf}`);
    expect(status).toBe(200);
    const slice = await loadSlice(server.database.db, asOf, "all");
    const expected = compare(slice, diepenbeek);
    expect(data.gaps.map((g: { area: { id: string } }) => g.area.id)).toEqual(expected.gaps.map((g) => g.area));
    expect(data.gaps.length).toBeGreaterThan(0);
    for (const g of data.gaps) {
      expect(data.taskAreas.map((a: { id: string }) => a.id)).not.toContain(g.area.id);
      expect(g.area.name).not.toBe(g.area.id);
      expect(g.neighbours.sharing * 2 > g.neighbours.of || g.peers.sharing * 2 > g.peers.of).toBe(true);
    }
  });

  it("offer what it could join, each with an estimate that follows from its stated assumptions", async () => {
    const { data } = await editor.get(`/api/organisations/${diepenbeek}/opportunities?asOf=${asOf}`);
    const kinds = new Set(data.joinable.map((j: { kind: string }) => j.kind));
    expect(kinds.has("collaboration")).toBe(true);
    for (const j of data.joinable) {
      expect(j.estimate.savingEuro).toBe(estimatedSavingEuro(j.estimate));
      if (j.estimate.basis.kind === "perInhabitant") expect(j.estimate.basis.population).toBe(data.population);
    }
    // Changing an assumption changes the saving, as the page does it.
    const first = data.joinable[0].estimate;
    const doubled = { ...first, savingPercent: first.savingPercent * 2 };
    expect(estimatedSavingEuro(doubled)).toBeGreaterThan(first.savingEuro);
  });
});

describe("matchmaking", () => {
  it("shows who wants to co-create on a theme, and starts a scan with them in one step", async () => {
    const list = await editor.get("/api/co-creation-themes");
    const smart = list.data.items.find((t: { theme: string }) => t.theme === "smartCity");
    expect(smart.mine).toBe(true);
    const others = smart.organisations.filter((o: { id: string }) => o.id !== diepenbeek);
    expect(others.length).toBeGreaterThan(1);
    const started = await editor.post("/api/co-creation-themes/smartCity/start", {
      kind: "scan",
      partnerIds: [others[0].id],
    });
    expect(started.status).toBe(201);
    expect(started.data.kind).toBe("scan");
    expect((await editor.get(`/api/scans/${started.data.id}`)).status).toBe(200);
    const project = await editor.post("/api/co-creation-themes/smartCity/start", {
      kind: "project",
      partnerIds: others.map((o: { id: string }) => o.id).slice(0, 2),
    });
    expect(project.status).toBe(201);
    const made = await editor.get(`/api/projects/${project.data.id}`);
    expect(made.data.title).toBe("Samen rond smart city");
  });

  it("refuses partners that did not mark the theme, and a theme not marked by itself", async () => {
    const emmen = await organisationId(server.database, "nl-municipality-GM0114");
    const wrong = await editor.post("/api/co-creation-themes/smartCity/start", { kind: "scan", partnerIds: [emmen] });
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors[0].field).toBe("partnerIds");
    const notMine = await editor.post("/api/co-creation-themes/housing/start", { kind: "scan", partnerIds: [emmen] });
    expect(notMine.status).toBe(400);
    expect(notMine.data.errors[0].field).toBe("theme");
    expect((await editor.request("PUT", `/api/organisations/${diepenbeek}/co-creation-themes/housing`)).status).toBe(
      204,
    );
    expect(
      (await editor.get("/api/co-creation-themes")).data.items.find((t: { theme: string }) => t.theme === "housing")
        .mine,
    ).toBe(true);
    expect((await editor.delete(`/api/organisations/${diepenbeek}/co-creation-themes/housing`)).status).toBe(204);
    expect((await editor.delete(`/api/organisations/${diepenbeek}/co-creation-themes/housing`)).status).toBe(404);
  });
});

describe("the chapter for the council programme", () => {
  it("is a Dutch draft ordered by the three goals, with the municipality's figures and sources", async () => {
    const { status, data, headers } = await editor.get(`/api/organisations/${diepenbeek}/chapter?asOf=${asOf}`);
    expect(status).toBe(200);
    expect(headers.get("etag")).toBe('"v0"');
    expect(data.saved).toBe(false);
    const goals = [
      "## Een leefomgeving waar de samenleving het voortouw neemt",
      "## Een sterk, flexibel en veerkrachtig sociaal domein",
      "## Een toekomstbestendig bestuur",
      "## Bronnen",
    ].map((h) => data.body.indexOf(h));
    expect(goals.every((i: number) => i > 0)).toBe(true);
    expect(goals).toEqual([...goals].sort((a, b) => a - b));
    expect(data.body).toContain("# Intergemeentelijke samenwerking in Diepenbeek");
    expect(data.body).toMatch(/geraamde besparing € [\d.]+ per jaar/);
  });

  it("is saved as edited, with the version read", async () => {
    const { data } = await editor.get(`/api/organisations/${diepenbeek}/chapter?asOf=${asOf}`);
    const body = `${data.body}\n## Onze keuze\n\nWe sluiten aan bij **Erfgoed** en bij de energieaankoop.\n`;
    const put = (b: unknown, version: string) =>
      editor.request("PUT", `/api/organisations/${diepenbeek}/chapter`, { json: b, headers: { "if-match": version } });
    expect((await put({ body: "   " }, '"v0"')).status).toBe(400);
    expect((await put({ body }, '"v0"')).data.version).toBe(1);
    expect((await put({ body }, '"v0"')).status).toBe(412);
    const after = await editor.get(`/api/organisations/${diepenbeek}/chapter?asOf=${asOf}`);
    expect(after.data).toMatchObject({ saved: true, version: 1, body: body.trim() });
  });

  it("downloads as DOCX that a real reader opens, as PDF and as Markdown", async () => {
    const docx = await editor.download(`/api/organisations/${diepenbeek}/chapter.docx?asOf=${asOf}`);
    expect(docx.status).toBe(200);
    expect(docx.type).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const html = (await mammoth.convertToHtml({ buffer: docx.bytes })).value;
    expect(html).toContain("<h1>Intergemeentelijke samenwerking in Diepenbeek</h1>");
    expect(html).toContain("<h2>Een toekomstbestendig bestuur</h2>");
    expect(html).toContain("<strong>Erfgoed</strong>");
    expect(html).toMatch(/<ul><li>/);
    const pdf = await editor.download(`/api/organisations/${diepenbeek}/chapter.pdf?asOf=${asOf}`);
    expect(pdf.type).toBe("application/pdf");
    const text = pdfText(pdf.bytes);
    expect(text).toContain("Een sterk, flexibel en veerkrachtig sociaal domein");
    expect(text).toContain("Onze keuze");
    const md = await editor.download(`/api/organisations/${diepenbeek}/chapter.md?asOf=${asOf}`);
    expect(md.type).toBe("text/markdown; charset=utf-8");
    expect(md.bytes.toString("utf8")).toContain("## Onze keuze");
  });

  it("is not another organisation's to read", async () => {
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    expect((await client.get(`/api/organisations/${diepenbeek}/chapter`)).status).toBe(404);
    expect((await client.download(`/api/organisations/${diepenbeek}/chapter.docx`)).status).toBe(404);
  });
});
