import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { decodeQuotedPrintable, startSmtpServer } from "../../../test/helpers/smtp.ts";
import { userRoles } from "../../platform/db/schema.ts";
import { createJobRunner } from "../../platform/jobs.ts";
import { calendarRemindersJob } from "./reminders.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let server: TestServer;
const ids: Record<string, string> = {};
let emmen: Client;
let emmenUser: { id: string; email: string };
let coevorden: Client;
let coevordenUser: { email: string };
let hasselt: Client;
let framework: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url });
  ids.emmen = await organisationId(server.database, "nl-municipality-GM0114");
  ids.coevorden = await organisationId(server.database, "nl-municipality-GM0109");
  ({ client: emmen, user: emmenUser } = await signedInClient(server.url, server.database, {
    organisationKey: "nl-municipality-GM0114",
    role: "editor",
  }));
  ({ client: coevorden, user: coevordenUser } = await signedInClient(server.url, server.database, {
    organisationKey: "nl-municipality-GM0109",
    role: "editor",
  }));
  ({ client: hasselt } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71072",
    role: "editor",
  }));
  const created = await emmen.post("/api/frameworks", {
    name: "Raamovereenkomst Emmen en Coevorden",
    clientIds: [ids.coevorden],
    startsOn: "2024-01-01",
    endsOn: "2027-12-31",
    legalRegime: "wgr",
    status: "active",
  });
  framework = created.data.id;
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});

const mailsTo = (address: string) =>
  smtp.received.filter((m) => m.to.includes(address)).map((m) => decodeQuotedPrintable(m.raw));

describe("a framework's governance calendar", () => {
  it("shows a year's deadlines with their legal sources, to the parties only", async () => {
    const { status, data } = await coevorden.get(`/api/frameworks/${framework}/calendar?year=2025`);
    expect(status).toBe(200);
    expect(data.template).toMatchObject({
      id: null,
      name: expect.stringContaining("Wet gemeenschappelijke regelingen"),
    });
    const kaderbrief = data.deadlines.find(
      (d: { ruleKey: string; budgetYear: number }) => d.ruleKey === "kaderbrief" && d.budgetYear === 2026,
    );
    expect(kaderbrief).toMatchObject({ dueOn: "2025-04-30", source: { setBy: "law", citation: "Wgr art. 34b" } });
    expect(data.deadlines.every((d: { dueOn: string }) => d.dueOn.startsWith("2025-"))).toBe(true);
    expect((await hasselt.get(`/api/frameworks/${framework}/calendar?year=2025`)).status).toBe(404);
  });

  it("follows the host's own template once chosen, after checking its steps hold together", async () => {
    const copy = await emmen.post("/api/calendar-templates", { name: "Cyclus EC", from: "wgr" });
    expect(copy.status).toBe(201);
    const rules = copy.data.rules;
    const broken = rules.map((r: { key: string; when: object }) =>
      r.key === "ontwerpbegroting" ? { ...r, when: { kind: "after", rule: "algemeen-bestuur", days: -84 } } : r,
    );
    const refused = await emmen.request("PATCH", `/api/calendar-templates/${copy.data.id}`, {
      json: { rules: broken },
      headers: { "if-match": '"v1"' },
    });
    expect(refused.status).toBe(400);
    expect(refused.data.errors).toEqual([
      { field: "rules.2.when.rule", message: "deze kalender heeft geen stap algemeen-bestuur" },
    ]);
    const earlier = rules.map((r: { key: string; when: object }) =>
      r.key === "begroting-vastgesteld" ? { ...r, when: { kind: "date", yearOffset: -1, month: 6, day: 12 } } : r,
    );
    const saved = await emmen.request("PATCH", `/api/calendar-templates/${copy.data.id}`, {
      json: { rules: earlier },
      headers: { "if-match": '"v1"' },
    });
    expect(saved.status).toBe(200);
    expect(
      (
        await coevorden.request("PATCH", `/api/calendar-templates/${copy.data.id}`, {
          json: { name: "x" },
          headers: { "if-match": '"v2"' },
        })
      ).status,
    ).toBe(404);

    const flemish = await hasselt.post("/api/calendar-templates", { name: "Interlokaal", from: "dlb" });
    const current = await emmen.get(`/api/frameworks/${framework}`);
    const notOurs = await emmen.request("PATCH", `/api/frameworks/${framework}`, {
      json: { calendarTemplateId: flemish.data.id },
      headers: { "if-match": current.headers.get("etag") ?? "" },
    });
    expect(notOurs.status).toBe(400);
    expect(notOurs.data.errors[0].field).toBe("calendarTemplateId");
    const chosen = await emmen.request("PATCH", `/api/frameworks/${framework}`, {
      json: { calendarTemplateId: copy.data.id },
      headers: { "if-match": current.headers.get("etag") ?? "" },
    });
    expect(chosen.status).toBe(200);
    const { data } = await coevorden.get(`/api/frameworks/${framework}/calendar?year=2025`);
    expect(data.template).toMatchObject({ id: copy.data.id, name: "Cyclus EC" });
    const due = (key: string) =>
      data.deadlines.find((d: { ruleKey: string; budgetYear: number }) => d.ruleKey === key && d.budgetYear === 2026)
        ?.dueOn;
    expect([due("ontwerpbegroting"), due("begroting-vastgesteld"), due("begroting-gs")]).toEqual([
      "2025-03-20",
      "2025-06-12",
      "2025-06-26",
    ]);
  });
});

describe("the calendar feed for calendar apps", () => {
  it("serves the parties' deadlines at a secret address, without a session, until it is replaced or the role ends", async () => {
    const first = await coevorden.post("/api/me/calendar-feed");
    expect(first.status).toBe(201);
    const path = new URL(first.data.url).pathname;
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const ics = (await response.text()).replace(/\r\n /g, "");
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("SUMMARY:Raamovereenkomst Emmen en Coevorden: ");
    expect(ics).toMatch(/UID:[0-9a-f-]{36}-[a-z-]+-\d{4}@samen/);
    expect((await coevorden.get("/api/me/calendar-feed")).data).toMatchObject({ active: true });

    const second = await coevorden.post("/api/me/calendar-feed");
    expect((await fetch(`${server.url}${path}`)).status).toBe(404);
    const secondPath = new URL(second.data.url).pathname;
    expect((await fetch(`${server.url}${secondPath}`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/calendar/not-a-token.ics`)).status).toBe(400);

    const outsider = await hasselt.post("/api/me/calendar-feed");
    const theirs = await (await fetch(`${server.url}${new URL(outsider.data.url).pathname}`)).text();
    expect(theirs).not.toContain("Emmen");

    const { user } = await signedInClient(server.url, server.database, {
      organisationKey: "nl-municipality-GM0109",
      role: "viewer",
    }).then(async ({ client, user }) => {
      const feed = await client.post("/api/me/calendar-feed");
      await server.database.db
        .delete(userRoles)
        .where(and(eq(userRoles.userId, user.id), eq(userRoles.organisationId, ids.coevorden as string)));
      expect((await fetch(`${server.url}${new URL(feed.data.url).pathname}`)).status).toBe(404);
      return { user };
    });
    expect(user.id).toBeTruthy();
  });
});

describe("reminders by e-mail", () => {
  it("mails the host's editors what is due, the clients' editors the councils' steps, each reminder once", async () => {
    let today = new Date("2025-03-13T06:00:00Z");
    const deps = {
      db: server.database.db,
      mailer: server.app.platform.mailer,
      publicUrl: server.url,
      now: () => today,
      secret: "x".repeat(40),
      newsletterRate: 10,
    };
    const runner = createJobRunner(
      {
        databaseUrl: undefined,
        onError: (error) => {
          throw error;
        },
      },
      deps,
      [calendarRemindersJob],
    );
    await runner.runNow("calendar-reminders");
    // 2025-03-13: the draft budget (due 20 March with this template) is a week off.
    const toEmmen = mailsTo(emmenUser.email);
    expect(toEmmen).toHaveLength(1);
    expect(toEmmen[0]).toContain("Ontwerpbegroting naar de raden: over 7 dagen, op 2025-03-20");
    expect(toEmmen[0]).toContain("Bron: Wgr art. 35 lid 1 (twaalf weken voordat het algemeen bestuur beslist)");
    expect(mailsTo(coevordenUser.email)).toHaveLength(0);

    await runner.runNow("calendar-reminders");
    expect(mailsTo(emmenUser.email)).toHaveLength(1);

    // Four weeks before the councils' views are due (12 June), Coevorden's editors hear of it too.
    today = new Date("2025-05-15T06:00:00Z");
    await runner.runNow("calendar-reminders");
    const toCoevorden = mailsTo(coevordenUser.email);
    expect(toCoevorden).toHaveLength(1);
    expect(toCoevorden[0]).toContain("Zienswijzen van de raden op de ontwerpbegroting");
    await runner.stop();
  });
});
