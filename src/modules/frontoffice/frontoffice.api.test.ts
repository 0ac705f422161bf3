import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, organisationId, signedInClient, withDemoCatalogue } from "../../../test/factories.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { decodeQuotedPrintable, startSmtpServer } from "../../../test/helpers/smtp.ts";
import { rowsOf } from "../../platform/db/client.ts";
import { addWorkingDays, todayIn } from "../../platform/working-days.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let server: TestServer;
let limburg: string;
let desk: Client;
let deskUser: { id: string; email: string };
let colleague: { id: string; email: string };
let genk: Client;
let genkUser: { id: string; email: string };
let genkViewer: Client;
let hasselt: Client;
let emmen: Client;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url });
  limburg = await withDemoCatalogue(server.database);
  ({ client: desk, user: deskUser } = await signedInClient(server.url, server.database, {
    organisationKey: "be-province-70000",
    role: "editor",
    name: "Wim Desk",
  }));
  colleague = await buildUser(server.database, { organisationKey: "be-province-70000", role: "admin", name: "Lotte" });
  ({ client: genk, user: genkUser } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71016",
    role: "editor",
    name: "Ann Genk",
  }));
  ({ client: genkViewer } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71016",
    role: "viewer",
  }));
  ({ client: hasselt } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71072",
    role: "admin",
  }));
  ({ client: emmen } = await signedInClient(server.url, server.database, {
    organisationKey: "nl-municipality-GM0114",
    role: "admin",
  }));
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});

const mailsTo = (address: string) =>
  smtp.received.filter((m) => m.to.includes(address)).map((m) => decodeQuotedPrintable(m.raw));
const pdf = Buffer.from("%PDF-1.4\n% plan van de speelpleinen\n").toString("base64");

describe("a question the catalogue did not answer", () => {
  let ticket: { id: string; number: number; version: number };

  it("becomes a ticket with a service level in working days, and both sides get mail", async () => {
    const { status, data, headers } = await genk.post("/api/tickets", {
      providerId: limburg,
      subject: "Subsidie voor een speelplein in een sociale woonwijk",
      question: "Welke toelagen kunnen we combineren voor het speelplein in Kolderbos?",
      domainId: "bbc:075",
      urgency: "normal",
      attachments: [{ filename: "plan.pdf", contentType: "application/pdf", data: pdf }],
    });
    expect(status).toBe(201);
    expect(data).toMatchObject({
      status: "new",
      urgency: "normal",
      provider: { id: limburg, name: "Provincie Limburg" },
      asker: { name: "Genk" },
      askedBy: "Ann Genk",
      domain: { id: "bbc:075" },
      assignee: null,
      overdue: false,
    });
    expect(data.dueOn).toBe(addWorkingDays(todayIn("BE"), 5, "BE"));
    expect(data.attachments).toEqual([expect.objectContaining({ filename: "plan.pdf", size: 36 })]);
    expect(headers.get("etag")).toBe(`"v${data.version}"`);
    ticket = data;
    expect(mailsTo(genkUser.email).join()).toContain(`vraag ${data.number} ontvangen`);
    const deskMail = mailsTo(deskUser.email).join();
    expect(deskMail).toContain("nieuwe vraag");
    expect(deskMail).toContain(`/frontoffice/${data.id}`);
    // Dates and words as people write them, in Dutch and then in English: no "2026-12-09", no "normal".
    const day = new Intl.DateTimeFormat("nl-BE", { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(`${data.dueOn}T00:00:00Z`),
    );
    expect(deskMail).toContain(`Antwoord uiterlijk op ${day} (dringendheid: normaal)`);
    expect(deskMail).toContain("(urgency: normal)");
    expect(deskMail).not.toContain(data.dueOn);
    expect(mailsTo(colleague.email)).toHaveLength(1);
  });

  it("is seen by the asking organisation and the provider's desk, and by nobody else", async () => {
    expect((await genkViewer.get(`/api/tickets/${ticket.id}`)).status).toBe(200);
    expect((await desk.get(`/api/tickets/${ticket.id}`)).status).toBe(200);
    expect((await hasselt.get(`/api/tickets/${ticket.id}`)).status).toBe(404);
    expect((await emmen.get(`/api/tickets/${ticket.id}`)).status).toBe(404);
    const asked = await genk.get("/api/tickets?scope=asked");
    expect(asked.data.items.map((t: { id: string }) => t.id)).toEqual([ticket.id]);
    expect((await hasselt.get("/api/tickets?scope=asked")).data.items).toEqual([]);
    expect((await hasselt.get("/api/tickets?scope=desk")).data.items).toEqual([]);
    const deskList = await desk.get("/api/tickets?scope=desk&status=open");
    expect(deskList.data.items.map((t: { id: string }) => t.id)).toContain(ticket.id);
    const file = await hasselt.request(
      "GET",
      `/api/tickets/${ticket.id}/attachments/${(await desk.get(`/api/tickets/${ticket.id}`)).data.attachments[0].id}`,
    );
    expect(file.status).toBe(404);
  });

  it("may be asked only by editors of an organisation the provider serves", async () => {
    const body = { providerId: limburg, subject: "Vraag", question: "Een vraag" };
    expect((await genkViewer.post("/api/tickets", body)).status).toBe(403);
    expect((await emmen.post("/api/tickets", body)).status).toBe(404);
    expect((await desk.post("/api/tickets", body)).status).toBe(403);
    const bad = await genk.post("/api/tickets", {
      ...body,
      subject: "",
      urgency: "morgen",
      attachments: [{ filename: "../x", contentType: "pdf", data: "@@" }],
    });
    expect(bad.status).toBe(400);
    const fields = bad.data.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "body.subject",
        "body.urgency",
        "body.attachments.0.filename",
        "body.attachments.0.contentType",
        "body.attachments.0.data",
      ]),
    );
    const unknownDomain = await genk.post("/api/tickets", { ...body, domainId: "bbc:nope" });
    expect(unknownDomain.status).toBe(400);
    expect(unknownDomain.data.errors[0].field).toBe("domainId");
    expect((await genk.get("/api/tickets?scope=asked")).data.items).toHaveLength(1);
  });

  it("is assigned, discussed with an internal note the asker never sees, and answered", async () => {
    const read = await desk.get(`/api/tickets/${ticket.id}`);
    expect(read.data.staff.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(["Lotte", "Wim Desk"]));
    const assigned = await desk.patch(
      `/api/tickets/${ticket.id}`,
      { assigneeUserId: colleague.id, theme: "Subsidies" },
      { "if-match": read.headers.get("etag") as string },
    );
    expect(assigned.status).toBe(200);
    expect(assigned.data).toMatchObject({ status: "assigned", assignee: { name: "Lotte" }, theme: "Subsidies" });
    expect(mailsTo(colleague.email).join()).toContain("toegewezen");
    const stale = await desk.patch(
      `/api/tickets/${ticket.id}`,
      { theme: "Welzijn" },
      {
        "if-match": read.headers.get("etag") as string,
      },
    );
    expect(stale.status).toBe(412);
    const outsider = await buildUser(server.database, { organisationKey: "be-municipality-71072", role: "admin" });
    const wrongAssignee = await desk.patch(
      `/api/tickets/${ticket.id}`,
      { assigneeUserId: outsider.id },
      {
        "if-match": assigned.headers.get("etag") as string,
      },
    );
    expect(wrongAssignee.status).toBe(400);
    expect(wrongAssignee.data.errors[0].field).toBe("assigneeUserId");

    const note = await desk.post(`/api/tickets/${ticket.id}/messages`, {
      kind: "note",
      body: "Intern: combineren met het Fietsfonds kan niet.",
      attachments: [
        { filename: "intern.txt", contentType: "text/plain", data: Buffer.from("intern").toString("base64") },
      ],
    });
    expect(note.status).toBe(201);
    expect(note.data.messages.map((m: { kind: string }) => m.kind)).toEqual(["note"]);
    const seenByAsker = await genk.get(`/api/tickets/${ticket.id}`);
    expect(seenByAsker.data.messages).toEqual([]);
    expect(seenByAsker.data.attachments.map((a: { filename: string }) => a.filename)).toEqual(["plan.pdf"]);
    const noteFile = note.data.attachments.find((a: { filename: string }) => a.filename === "intern.txt");
    expect((await genk.request("GET", `/api/tickets/${ticket.id}/attachments/${noteFile.id}`)).status).toBe(404);
    expect((await genk.post(`/api/tickets/${ticket.id}/messages`, { kind: "note", body: "x" })).status).toBe(403);

    // The ticket's history: the desk's administrators read all of it, the asker's without the desk's notes.
    const history = `/api/audit?entityType=ticket&entityId=${ticket.id}`;
    const { client: deskAdmin } = await signedInClient(server.url, server.database, {
      organisationKey: "be-province-70000",
      role: "admin",
    });
    const { client: genkAdmin } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71016",
      role: "admin",
    });
    const actionsOf = (r: { data: { items: { action: string }[] } }) => r.data.items.map((e) => e.action);
    const deskHistory = await deskAdmin.get(history);
    expect(deskHistory.status).toBe(200);
    expect(actionsOf(deskHistory)).toContain("message:note");
    const askerHistory = await genkAdmin.get(history);
    expect(askerHistory.status).toBe(200);
    expect(actionsOf(askerHistory)).toContain("create");
    expect(actionsOf(askerHistory)).not.toContain("message:note");
    expect((await hasselt.get(history)).status).toBe(404);
    expect((await genk.get(history)).status).toBe(404);

    const question = await desk.post(`/api/tickets/${ticket.id}/messages`, {
      kind: "question",
      body: "Is de huisvestingsmaatschappij mede-eigenaar van het terrein?",
    });
    expect(question.data.status).toBe("waiting");
    expect(mailsTo(genkUser.email).join()).toContain("wacht op u");
    const reply = await genk.post(`/api/tickets/${ticket.id}/messages`, { kind: "reply", body: "Ja, voor de helft." });
    expect(reply.data.status).toBe("assigned");
    expect(mailsTo(colleague.email).join()).toContain("reageerde");
    expect((await genk.post(`/api/tickets/${ticket.id}/messages`, { kind: "answer", body: "x" })).status).toBe(403);

    const answer = await desk.post(`/api/tickets/${ticket.id}/messages`, {
      kind: "answer",
      body: "U kunt de **provinciale projectsubsidie** combineren met de toelage voor speelruimte van Vlaanderen.",
    });
    expect(answer.data).toMatchObject({ status: "answered", overdue: false });
    expect(answer.data.answeredAt).not.toBeNull();
    expect(answer.data.abilities.makeEntry).toBe(true);
    expect(mailsTo(genkUser.email).join()).toContain("antwoord op vraag");
    const file = await genk.request("GET", `/api/tickets/${ticket.id}/attachments/${answer.data.attachments[0].id}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe("attachment; filename*=UTF-8''plan.pdf");
    expect(file.headers.get("content-type")).toBe("application/pdf");
    // A file someone sent never runs in Samen's origin, whatever it holds.
    expect(file.headers.get("content-security-policy")).toBe("sandbox");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    ticket = answer.data;
  });

  it("turns the answer into a draft catalogue entry, which clients find once it is published", async () => {
    expect((await genk.post(`/api/tickets/${ticket.id}/catalogue-entry`)).status).toBe(403);
    const made = await desk.post(`/api/tickets/${ticket.id}/catalogue-entry`);
    expect(made.status).toBe(201);
    const entry = await desk.get(`/api/catalogue-entries/${made.data.id}`);
    expect(entry.data).toMatchObject({
      question: "Subsidie voor een speelplein in een sociale woonwijk?",
      theme: "Subsidies",
      status: "draft",
      sourceTicketId: ticket.id,
      domains: [{ id: "bbc:075" }],
    });
    expect(entry.data.answer).toContain("provinciale projectsubsidie");
    expect((await desk.post(`/api/tickets/${ticket.id}/catalogue-entry`)).status).toBe(403);
    expect((await genk.get(`/api/catalogue-entries/${made.data.id}`)).status).toBe(404);
    const published = await desk.patch(
      `/api/catalogue-entries/${made.data.id}`,
      { status: "published" },
      {
        "if-match": entry.headers.get("etag") as string,
      },
    );
    expect(published.status).toBe(200);
    const found = await genk.get(`/api/catalogues/${limburg}/entries?q=speelplein%20subsidie&limit=3`);
    expect(found.data.items[0].id).toBe(made.data.id);
    expect((await genk.get(`/api/tickets/${ticket.id}`)).data.entryId).toBe(made.data.id);
  });

  it("is closed by the asker, after which nobody writes in it until the desk reopens it", async () => {
    const read = await genk.get(`/api/tickets/${ticket.id}`);
    const closed = await genk.patch(
      `/api/tickets/${ticket.id}`,
      { status: "closed" },
      {
        "if-match": read.headers.get("etag") as string,
      },
    );
    expect(closed.status).toBe(200);
    expect(closed.data.status).toBe("closed");
    expect((await genk.post(`/api/tickets/${ticket.id}/messages`, { kind: "reply", body: "Nog iets" })).status).toBe(
      403,
    );
    expect(
      (
        await genk.patch(
          `/api/tickets/${ticket.id}`,
          { status: "assigned" },
          { "if-match": closed.headers.get("etag") as string },
        )
      ).status,
    ).toBe(403);
    const reopened = await desk.patch(
      `/api/tickets/${ticket.id}`,
      { status: "assigned" },
      {
        "if-match": closed.headers.get("etag") as string,
      },
    );
    expect(reopened.data.status).toBe("assigned");
  });
});

describe("the coordinator's figures", () => {
  it("count open tickets, the median answer time and missed service levels per theme", async () => {
    const genkId = await organisationId(server.database, "be-municipality-71016");
    // Three earlier tickets, written as they were: one answered in 10 hours, one in 30 hours but a day late,
    // one still open and past its due day.
    await rowsOf(
      server.database.db,
      sql`INSERT INTO tickets (provider_id, asker_organisation_id, subject, question, theme, status, due_on, created_at, answered_at)
          VALUES (${limburg}, ${genkId}, 'A', 'A', 'Energie en klimaat', 'answered', '2026-03-02', '2026-03-02 08:00+01', '2026-03-02 18:00+01'),
                 (${limburg}, ${genkId}, 'B', 'B', 'Energie en klimaat', 'answered', '2026-03-02', '2026-03-02 08:00+01', '2026-03-03 14:00+01'),
                 (${limburg}, ${genkId}, 'C', 'C', 'Energie en klimaat', 'assigned', '2026-03-02', '2026-03-01 08:00+01', NULL)`,
    );
    const { status, data } = await desk.get(`/api/catalogues/${limburg}/desk-stats`);
    expect(status).toBe(200);
    const energy = data.themes.find((t: { theme: string }) => t.theme === "Energie en klimaat");
    expect(energy).toEqual({
      theme: "Energie en klimaat",
      open: 1,
      answered: 2,
      medianAnswerHours: 20,
      missedServiceLevel: 2,
    });
    expect(data.total.open).toBeGreaterThanOrEqual(1);
    expect(data.total.answered).toBeGreaterThanOrEqual(3);
    const overdue = await desk.get("/api/tickets?scope=desk&status=assigned");
    expect(overdue.data.items.find((t: { subject: string }) => t.subject === "C").overdue).toBe(true);
    expect((await genk.get(`/api/catalogues/${limburg}/desk-stats`)).status).toBe(403);
    expect((await emmen.get(`/api/catalogues/${limburg}/desk-stats`)).status).toBe(404);
  });
});
