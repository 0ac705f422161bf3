import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { expectedStage } from "./queries.ts";

let server: TestServer;
let limburg: Client;
let hasselt: Client;
let genk: Client;
let emmen: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  const as = async (organisationKey: string, role: "viewer" | "editor" = "editor") =>
    (await signedInClient(server.url, server.database, { organisationKey, role })).client;
  limburg = await as("be-province-70000");
  hasselt = await as("be-municipality-71072");
  genk = await as("be-municipality-71016");
  emmen = await as("nl-municipality-GM0114");
  ids.hasselt = await organisationId(server.database, "be-municipality-71072");
  ids.genk = await organisationId(server.database, "be-municipality-71016");
  ids.limburg = await organisationId(server.database, "be-province-70000");
});
afterAll(() => server.close());

describe("a partner project", () => {
  it("is started by a provider, enrolled in by one side and confirmed by the other", async () => {
    const created = await limburg.post("/api/projects", {
      title: "Lokale ouderenzorgbeleidsplanning",
      goal: "Samen de lokale dossiers over ouderenzorg bestuderen.",
      domainId: "bbc:095",
      status: "running",
      startsOn: "2025-01-06",
      endsOn: "2027-06-30",
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ provider: { id: ids.limburg }, participants: 0, status: "running" });
    ids.project = created.data.id;

    // Hasselt enrols itself; Limburg confirms. Genk is invited; Genk confirms.
    const enrolled = await hasselt.post(`/api/projects/${ids.project}/participants`, { organisationId: ids.hasselt });
    expect(enrolled.status).toBe(201);
    const mine = enrolled.data.participantList.find((p: any) => p.organisation.id === ids.hasselt);
    expect(mine).toMatchObject({ confirmed: false, stage: "intake", abilities: { confirm: false, recordStep: false } });
    ids.hasseltParticipant = mine.id;
    expect((await hasselt.post(`/api/project-participants/${mine.id}/confirm`)).status).toBe(403);
    expect((await limburg.post(`/api/project-participants/${mine.id}/confirm`)).status).toBe(204);
    expect((await limburg.post(`/api/project-participants/${mine.id}/confirm`)).status).toBe(403);

    const invited = await limburg.post(`/api/projects/${ids.project}/participants`, { organisationId: ids.genk });
    const genkParticipant = invited.data.participantList.find((p: any) => p.organisation.id === ids.genk);
    ids.genkParticipant = genkParticipant.id;
    expect((await genk.post(`/api/project-participants/${genkParticipant.id}/confirm`)).status).toBe(204);

    // Twice is told, and Hasselt cannot invite Genk in the provider's place.
    expect(
      (await hasselt.post(`/api/projects/${ids.project}/participants`, { organisationId: ids.hasselt })).status,
    ).toBe(409);
    expect((await hasselt.post(`/api/projects/${ids.project}/participants`, { organisationId: ids.genk })).status).toBe(
      403,
    );
    expect(
      (await limburg.post(`/api/projects/${ids.project}/participants`, { organisationId: ids.limburg })).status,
    ).toBe(400);
  });

  it("keeps each participant's track with its history, seen by its own people and the provider's only", async () => {
    const step = await hasselt.post(`/api/project-participants/${ids.hasseltParticipant}/steps`, {
      stage: "analysis",
      reachedOn: "2025-05-12",
      note: "Dossiers woonzorg en thuiszorg doorgenomen.",
    });
    expect(step.status).toBe(201);
    expect(step.data.stage).toBe("analysis");
    expect(step.data.steps).toHaveLength(1);
    expect(step.data.steps[0]).toMatchObject({
      stage: "analysis",
      note: "Dossiers woonzorg en thuiszorg doorgenomen.",
    });
    const later = await limburg.post(`/api/project-participants/${ids.hasseltParticipant}/steps`, {
      stage: "draft",
      reachedOn: "2025-11-17",
    });
    expect(later.data.stage).toBe("draft");
    // An earlier step recorded afterwards does not move the track back.
    const earlier = await hasselt.post(`/api/project-participants/${ids.hasseltParticipant}/steps`, {
      stage: "intake",
      reachedOn: "2025-02-03",
    });
    expect(earlier.data.stage).toBe("draft");
    expect(earlier.data.steps.map((s: any) => s.stage)).toEqual(["intake", "analysis", "draft"]);

    // Genk sees that Hasselt takes part, not its track; Emmen may not keep it.
    const seenByGenk = await genk.get(`/api/projects/${ids.project}`);
    expect(seenByGenk.data.participantList.find((p: any) => p.organisation.id === ids.hasselt)).toMatchObject({
      stage: null,
      behind: null,
    });
    expect((await genk.get(`/api/project-participants/${ids.hasseltParticipant}`)).status).toBe(404);
    expect(
      (
        await emmen.post(`/api/project-participants/${ids.hasseltParticipant}/steps`, {
          stage: "adopted",
          reachedOn: "2025-12-01",
        })
      ).status,
    ).toBe(403);
  });

  it("refuses dates outside the project, in the future or the wrong way round, and changes nothing", async () => {
    const before = await hasselt.get(`/api/project-participants/${ids.hasseltParticipant}`);
    for (const [body, field] of [
      [{ stage: "adopted", reachedOn: "2024-12-31" }, "reachedOn"],
      [{ stage: "adopted", reachedOn: "2099-01-01" }, "reachedOn"],
      [{ stage: "finished", reachedOn: "2025-06-01" }, "body.stage"],
      [{ stage: "adopted", reachedOn: "2025-02-30" }, "body.reachedOn"],
    ] as const) {
      const refused = await hasselt.post(`/api/project-participants/${ids.hasseltParticipant}/steps`, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.data.errors.map((e: any) => e.field)).toContain(field);
    }
    const milestone = await limburg.post(`/api/projects/${ids.project}/milestones`, {
      title: "Na het project",
      dueOn: "2028-01-01",
    });
    expect(milestone.status).toBe(400);
    expect(milestone.data.errors[0].field).toBe("dueOn");
    const read = await limburg.get(`/api/projects/${ids.project}`);
    const backwards = await limburg.patch(
      `/api/projects/${ids.project}`,
      { endsOn: "2024-01-01" },
      { "if-match": read.headers.get("etag") ?? "" },
    );
    expect(backwards.status).toBe(400);
    expect(backwards.data.errors[0]).toEqual({ field: "endsOn", message: "eindigt voor het begint" });
    expect((await hasselt.get(`/api/project-participants/${ids.hasseltParticipant}`)).data).toEqual(before.data);
    expect((await limburg.get(`/api/projects/${ids.project}`)).data).toEqual(read.data);
  });

  it("gives the coordinator a dashboard: who is behind, what is due this month", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const added = await limburg.post(`/api/projects/${ids.project}/milestones`, {
      title: "Ontwerpplannen voorgelegd",
      dueOn: today,
    });
    expect(added.status).toBe(201);
    const { status, data } = await limburg.get("/api/projects/dashboard");
    expect(status).toBe(200);
    const project = data.projects.find((p: any) => p.id === ids.project);
    expect(project.stages).toEqual({ intake: 1, analysis: 0, draft: 1, adopted: 0 });
    expect(project.dueThisMonth.map((m: any) => m.title)).toContain("Ontwerpplannen voorgelegd");
    const expected = expectedStage({ startsOn: "2025-01-06", endsOn: "2027-06-30" }, today);
    // Genk is still at its intake; behind whenever the schedule expects more by now.
    expect(project.behind.some((b: any) => b.id === ids.genk)).toBe(expected !== "intake");
    expect((await hasselt.get(`/api/projects/dashboard?providerId=${ids.limburg}`)).status).toBe(403);
  });

  it("reads its schedule as quarters: intake, analysis, draft, adopted at its end", () => {
    const project = { startsOn: "2025-01-01", endsOn: "2025-12-31" };
    expect(expectedStage(project, "2025-02-01")).toBe("intake");
    expect(expectedStage(project, "2025-05-01")).toBe("analysis");
    expect(expectedStage(project, "2025-08-01")).toBe("draft");
    expect(expectedStage(project, "2026-01-01")).toBe("adopted");
    expect(expectedStage({ startsOn: "2025-01-01", endsOn: null }, "2025-07-03")).toBe("draft");
  });
});

describe("progress updates", () => {
  it("are posted by the team and by participants about their own track, edited with their history kept", async () => {
    const byTeam = await limburg.post(`/api/projects/${ids.project}/updates`, {
      title: "Tweede ronde ter plaatse",
      body: "We bezochten **alle** deelnemers.\n\n<script>alert(1)</script>",
    });
    expect(byTeam.status).toBe(201);
    expect(byTeam.data).toMatchObject({ participant: null, author: { organisation: { id: ids.limburg } } });
    // Stored as written; it is shown without raw HTML.
    expect(byTeam.data.body).toContain("<script>");
    const byHasselt = await hasselt.post(`/api/projects/${ids.project}/updates`, {
      title: "Ontwerp klaar",
      body: "Het ontwerp gaat naar het college.",
    });
    expect(byHasselt.status).toBe(201);
    expect(byHasselt.data.participant).toEqual({ id: ids.hasseltParticipant, name: "Hasselt" });
    const aboutGenk = await hasselt.post(`/api/projects/${ids.project}/updates`, {
      title: "Over Genk",
      body: "x",
      participantId: ids.genkParticipant,
    });
    expect(aboutGenk.status).toBe(400);
    expect((await emmen.post(`/api/projects/${ids.project}/updates`, { title: "x", body: "y" })).status).toBe(403);

    const edited = await hasselt.patch(
      `/api/progress-updates/${byHasselt.data.id}`,
      { body: "Het ontwerp gaat op 12 mei naar het college." },
      { "if-match": byHasselt.headers.get("etag") ?? "" },
    );
    expect(edited.data).toMatchObject({ title: "Ontwerp klaar", edited: true, version: 2 });
    const history = await genk.get(`/api/progress-updates/${byHasselt.data.id}/history`);
    expect(history.data.items).toMatchObject([{ version: 1, body: "Het ontwerp gaat naar het college." }]);
    expect(
      (await limburg.patch(`/api/progress-updates/${byHasselt.data.id}`, { title: "x" }, { "if-match": '"v2"' }))
        .status,
    ).toBe(403);

    const dashboard = await limburg.get("/api/projects/dashboard");
    const project = dashboard.data.projects.find((p: { id: string }) => p.id === ids.project);
    expect(project.latestUpdates.map((u: { title: string }) => u.title)).toEqual([
      "Ontwerp klaar",
      "Tweede ronde ter plaatse",
    ]);
  });
});

describe("documents", () => {
  const pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
  const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");
  const upload = (client: Client, body: string | Buffer, type: string, query = "title=Plan&filename=plan.pdf") =>
    client.request("POST", `/api/projects/${ids.project}/documents?${query}`, {
      body: body as string,
      headers: { "content-type": type },
    });

  it("are attached when their bytes are what their type says, and refused with the reason otherwise", async () => {
    const stored = await upload(limburg, pdf, "application/pdf");
    expect(stored.status).toBe(201);
    const ownTrack = await upload(
      hasselt,
      "naam;stap\nHasselt;ontwerp\n",
      "text/csv",
      "title=Stand&filename=stand.csv",
    );
    expect(ownTrack.status).toBe(201);
    const before = await limburg.get(`/api/projects/${ids.project}/documents`);
    const refused: [string | Buffer, string, number, string][] = [
      [png, "application/pdf", 422, "Het bestand is geen application/pdf (de inhoud is image/png)."],
      ["gewoon tekst", "application/pdf", 422, "Het bestand is geen application/pdf (de inhoud is ?)."],
      [pdf, "text/plain", 422, "Het bestand is geen text/plain (de inhoud is application/pdf)."],
      [Buffer.from([0x61, 0x62, 0xc3, 0x28, 0x64]), "text/plain", 422, "Het bestand is geen tekst in UTF-8."],
    ];
    for (const [body, type, status, message] of refused) {
      const response = await upload(limburg, body, type);
      expect(response.status, `${type}: ${message}`).toBe(status);
      expect(response.data.errors).toEqual([{ field: "file", message }]);
    }
    expect((await upload(limburg, "MZ", "application/x-msdownload")).status).toBe(415);
    expect((await upload(limburg, pdf, "application/pdf", "title=Plan&filename=../../etc/passwd")).status).toBe(400);
    expect((await upload(emmen, pdf, "application/pdf")).status).toBe(403);
    expect((await limburg.get(`/api/projects/${ids.project}/documents`)).data).toEqual(before.data);

    // A participant's document is seen by its own people and the provider's; the project's by everyone.
    const seenByGenk = await genk.get(`/api/projects/${ids.project}/documents`);
    expect(seenByGenk.data.items.map((d: { id: string }) => d.id)).toEqual([stored.data.id]);
    expect((await genk.get(`/api/project-documents/${ownTrack.data.id}`)).status).toBe(404);
    const download = await hasselt.download(`/api/project-documents/${ownTrack.data.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toContain("stand.csv");
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("the provider's team and where a project comes from", () => {
  it("takes the provider's people on its team, and grows from a question to the provider's desk", async () => {
    const colleague = await signedInClient(server.url, server.database, {
      organisationKey: "be-province-70000",
      role: "viewer",
      name: "Els Jansen",
    });
    const put = (userId: string, role: string) =>
      limburg.request("PUT", `/api/projects/${ids.project}/team/${userId}`, { json: { role } });
    expect((await put(colleague.user.id, "member")).status).toBe(204);
    expect((await put(colleague.user.id, "lead")).status).toBe(204);
    const hasseltPerson = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
    });
    const notStaff = await put(hasseltPerson.user.id, "member");
    expect(notStaff.status).toBe(400);
    expect(notStaff.data.errors).toEqual([{ field: "userId", message: "werkt niet bij uw organisatie" }]);
    const project = await limburg.get(`/api/projects/${ids.project}`);
    expect(project.data.team).toEqual([{ id: colleague.user.id, name: "Els Jansen", role: "lead" }]);
    expect(
      (
        await hasselt.request("PUT", `/api/projects/${ids.project}/team/${colleague.user.id}`, {
          json: { role: "member" },
        })
      ).status,
    ).toBe(403);
    expect((await limburg.delete(`/api/projects/${ids.project}/team/${colleague.user.id}`)).status).toBe(204);
    expect((await limburg.delete(`/api/projects/${ids.project}/team/${colleague.user.id}`)).status).toBe(404);

    // A question Hasselt asked Limburg's desk becomes a project; a question to another desk cannot.
    await server.database.db.transaction(async (tx) => {
      const { loadDemoCatalogue } = await import("../demo/demo-catalogue.ts");
      await loadDemoCatalogue(tx, (await import("../../platform/context.ts")).systemContext("test"));
    });
    const asked = await hasselt.post("/api/tickets", {
      providerId: ids.limburg,
      subject: "Hulp bij ons klimaatplan",
      question: "Kan de provincie ons helpen met een klimaatplan?",
    });
    expect(asked.status).toBe(201);
    const grown = await limburg.post("/api/projects", {
      title: "Klimaatplannen",
      goal: "Een klimaatplan voor elk bestuur dat erom vraagt.",
      startsOn: "2026-02-02",
      ticketId: asked.data.id,
    });
    expect(grown.status).toBe(201);
    expect(grown.data.ticket).toMatchObject({ id: asked.data.id, subject: "Hulp bij ons klimaatplan" });
    expect((await genk.get(`/api/projects/${grown.data.id}`)).data.ticket).toBeNull();
    const elsewhere = await emmen.post("/api/projects", {
      title: "Elders",
      goal: "Niet van hier.",
      startsOn: "2026-02-02",
      ticketId: asked.data.id,
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.data.errors[0].field).toBe("ticketId");
  });
});
