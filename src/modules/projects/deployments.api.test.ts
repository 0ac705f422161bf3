import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { zonedInstant } from "../../platform/ical.ts";

let server: TestServer;
let planner: Client;
let worker: Client;
let hasselt: Client;
let emmen: Client;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  ({ client: planner } = await signedInClient(server.url, server.database, {
    organisationKey: "be-province-70000",
    role: "editor",
  }));
  const staff = await signedInClient(server.url, server.database, {
    organisationKey: "be-province-70000",
    role: "viewer",
    name: "Wim Peeters",
  });
  worker = staff.client;
  ids.worker = staff.user.id;
  ({ client: hasselt } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71072",
    role: "editor",
  }));
  ({ client: emmen } = await signedInClient(server.url, server.database, {
    organisationKey: "nl-municipality-GM0114",
    role: "editor",
  }));
  ids.hasselt = await organisationId(server.database, "be-municipality-71072");
  ids.genk = await organisationId(server.database, "be-municipality-71016");
  const project = await planner.post("/api/projects", {
    title: "Lokale ouderenzorgbeleidsplanning",
    goal: "Samen de lokale dossiers bestuderen.",
    status: "running",
    startsOn: "2026-01-05",
    endsOn: "2027-06-30",
  });
  ids.project = project.data.id;
  const invited = await planner.post(`/api/projects/${ids.project}/participants`, { organisationId: ids.hasselt });
  const participant = invited.data.participantList[0].id;
  expect((await hasselt.post(`/api/project-participants/${participant}/confirm`)).status).toBe(204);
});
afterAll(() => server.close());

const plan = (body: Record<string, unknown>) =>
  planner.post("/api/deployments", {
    staffUserId: ids.worker,
    organisationId: ids.hasselt,
    projectId: ids.project,
    startsAt: "09:00",
    endsAt: "12:30",
    ...body,
  });

describe("deployments on site", () => {
  it("are planned for the provider's staff at a participant, and a double booking is refused", async () => {
    const planned = await plan({ day: "2026-03-03", note: "Intake woonzorg" });
    expect(planned.status).toBe(201);
    expect(planned.data).toMatchObject({
      staff: { id: ids.worker, name: "Wim Peeters" },
      organisation: { id: ids.hasselt },
      project: { id: ids.project },
      status: "planned",
      plannedMinutes: 210,
      conflicts: [],
    });
    ids.deployment = planned.data.id;
    const before = await planner.get(`/api/deployments?staffUserId=${ids.worker}&from=2026-01-01&to=2026-12-31`);
    const overlap = await plan({ day: "2026-03-03", startsAt: "12:00", endsAt: "15:00" });
    expect(overlap.status).toBe(409);
    expect(overlap.data.errors).toEqual([
      { field: "startsAt", message: "deze persoon is op dat uur al elders ingezet" },
    ]);
    // Two plans for the same hours at once: one is made, the other told.
    const both = await Promise.all([
      plan({ day: "2026-03-05", startsAt: "13:00", endsAt: "16:00" }),
      plan({ day: "2026-03-05", startsAt: "14:00", endsAt: "17:00" }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const after = await planner.get(`/api/deployments?staffUserId=${ids.worker}&from=2026-01-01&to=2026-12-31`);
    expect(after.data.items).toHaveLength(before.data.items.length + 1);
    // Back to back is not an overlap.
    expect((await plan({ day: "2026-03-03", startsAt: "12:30", endsAt: "15:00", projectId: null })).status).toBe(201);
  });

  it("refuses spans that end before they start, days outside the project and organisations not taking part", async () => {
    const cases: [Record<string, unknown>, string, number][] = [
      [{ day: "2026-04-07", startsAt: "12:00", endsAt: "09:00" }, "endsAt", 400],
      [{ day: "2028-01-04" }, "day", 400],
      [{ day: "2026-04-07", organisationId: ids.genk }, "organisationId", 400],
      [{ day: "2026-04-07", startsAt: "9:00" }, "body.startsAt", 400],
      [{ day: "2026-04-07", staffUserId: ids.hasselt }, "staffUserId", 400],
    ];
    for (const [body, field, status] of cases) {
      const refused = await plan(body);
      expect(refused.status, JSON.stringify(body)).toBe(status);
      expect(refused.data.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(
      (
        await hasselt.post("/api/deployments", {
          staffUserId: ids.worker,
          organisationId: ids.hasselt,
          day: "2026-04-07",
          startsAt: "09:00",
          endsAt: "10:00",
        })
      ).status,
    ).toBe(400);
  });

  it("flags a day the organisation is closed and a day the person is on leave", async () => {
    const easterMonday = await plan({ day: "2026-04-06", projectId: null, dossier: "Archief" });
    expect(easterMonday.data.conflicts).toEqual(["closed"]);
    // The person enters their own leave; another organisation cannot enter it for them.
    const leave = { userId: ids.worker, fromDay: "2026-07-13", toDay: "2026-07-31" };
    expect((await hasselt.post("/api/staff-absences", leave)).status).toBe(400);
    expect((await worker.post("/api/staff-absences", leave)).status).toBe(201);
    const later = { userId: ids.worker, fromDay: "2027-08-02", toDay: "2027-08-06", reason: "verlof" };
    expect((await planner.post("/api/staff-absences", later)).status).toBe(201);
    const listed = await planner.get("/api/staff-absences");
    expect(listed.data.items).toMatchObject([{ staff: { id: ids.worker }, fromDay: "2027-08-02" }]);
    const onLeave = await plan({ day: "2026-07-14" });
    expect(onLeave.data.conflicts).toEqual(["leave"]);
  });

  it("is reported done by the staff member, who may not move it; hours per participant add up", async () => {
    const read = await worker.get(`/api/deployments/${ids.deployment}`);
    expect(read.data.abilities).toEqual({ plan: false, report: true });
    const moved = await worker.patch(
      `/api/deployments/${ids.deployment}`,
      { day: "2026-03-04" },
      { "if-match": read.headers.get("etag") ?? "" },
    );
    expect(moved.status).toBe(403);
    const done = await worker.patch(
      `/api/deployments/${ids.deployment}`,
      { status: "done", doneMinutes: 240, note: "Uitgelopen: ook de thuiszorg besproken." },
      { "if-match": read.headers.get("etag") ?? "" },
    );
    expect(done.status).toBe(200);
    expect(done.data).toMatchObject({ status: "done", doneMinutes: 240, day: "2026-03-03", startsAt: "09:00" });
    const hours = await planner.get(`/api/projects/${ids.project}/hours`);
    expect(hours.status).toBe(200);
    const atHasselt = hours.data.participants.find((p: { id: string }) => p.id === ids.hasselt);
    expect(atHasselt.doneMinutes).toBe(240);
    expect(atHasselt.plannedMinutes).toBe(hours.data.plannedMinutes);
    expect((await hasselt.get(`/api/projects/${ids.project}/hours`)).status).toBe(403);
  });

  it("shows each side its own calendar, and gives calendar apps a feed in the organisation's time", async () => {
    const atHasselt = await hasselt.get(`/api/deployments?organisationId=${ids.hasselt}&from=2026-01-01&to=2026-12-31`);
    expect(atHasselt.data.items.length).toBeGreaterThan(0);
    expect(
      (await emmen.get(`/api/deployments?organisationId=${ids.hasselt}&from=2026-01-01&to=2026-12-31`)).data.items,
    ).toEqual([]);
    expect((await emmen.get(`/api/deployments/${ids.deployment}`)).status).toBe(404);
    expect((await planner.get("/api/deployments?from=2026-01-01&to=2027-12-31")).status).toBe(400);

    const winter = await plan({ day: "2027-02-02", startsAt: "09:00", endsAt: "11:00" });
    const summer = await plan({ day: "2027-06-15", startsAt: "09:00", endsAt: "11:00" });
    expect([winter.status, summer.status]).toEqual([201, 201]);
    const feed = await worker.post("/api/deployment-feeds", { kind: "staff", subjectId: ids.worker });
    expect(feed.status).toBe(201);
    const path = new URL(feed.data.url).pathname;
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/calendar");
    const ics = await response.text();
    const stamp = (d: Date) => `${d.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;
    // 09:00 in Hasselt is 08:00 UTC in winter time and 07:00 UTC in summer time.
    expect(zonedInstant("2027-02-02", "09:00").toISOString()).toBe("2027-02-02T08:00:00.000Z");
    expect(zonedInstant("2027-06-15", "09:00").toISOString()).toBe("2027-06-15T07:00:00.000Z");
    expect(ics).toContain(`DTSTART:${stamp(zonedInstant("2027-02-02", "09:00"))}`);
    expect(ics).toContain("DTSTART:20270615T070000Z");
    expect(ics.replace(/\r\n /g, "")).toContain("SUMMARY:Wim Peeters · Hasselt · Lokale ouderenzorgbeleidsplanning");
    expect((await fetch(`${server.url}/api/deployment-feeds/${"x".repeat(32)}.ics`)).status).toBe(404);
  });
});

describe("an organisation's own closing days", () => {
  it("flag a deployment on them, and are kept by the organisation's editors only", async () => {
    expect(
      (await planner.post(`/api/organisations/${ids.hasselt}/closing-days`, { day: "2027-05-07", reason: "Brugdag" }))
        .status,
    ).toBe(403);
    expect(
      (await hasselt.post(`/api/organisations/${ids.hasselt}/closing-days`, { day: "2027-05-07", reason: "Brugdag" }))
        .status,
    ).toBe(204);
    expect((await emmen.get(`/api/organisations/${ids.hasselt}/closing-days`)).data.items).toEqual([
      { day: "2027-05-07", reason: "Brugdag" },
    ]);
    const onBridgeDay = await plan({ day: "2027-05-07" });
    expect(onBridgeDay.status).toBe(201);
    expect(onBridgeDay.data.conflicts).toEqual(["closed"]);
  });
});
