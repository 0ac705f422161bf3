import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { auditEvents } from "../../platform/db/schema.ts";

let server: TestServer;
const ids: Record<string, string> = {};
const as: Record<string, Client> = {};
let framework: string;

const people = {
  emmenHr: { organisationKey: "nl-municipality-GM0114", role: "editor", hr: true },
  emmenEditor: { organisationKey: "nl-municipality-GM0114", role: "editor" },
  emmenAdmin: { organisationKey: "nl-municipality-GM0114", role: "admin" },
  emmenHrAdmin: { organisationKey: "nl-municipality-GM0114", role: "admin", hr: true },
  coevordenHr: { organisationKey: "nl-municipality-GM0109", role: "editor", hr: true },
  coevordenCouncil: { organisationKey: "nl-municipality-GM0109", role: "viewer" },
  borgerHr: { organisationKey: "nl-municipality-GM1681", role: "editor", hr: true },
  platformAdmin: { isPlatformAdmin: true },
} as const;

beforeAll(async () => {
  server = await startTestServer();
  for (const [name, key] of Object.entries({
    emmen: "nl-municipality-GM0114",
    coevorden: "nl-municipality-GM0109",
    borger: "nl-municipality-GM1681",
  })) {
    ids[name] = await organisationId(server.database, key);
  }
  for (const [name, options] of Object.entries(people)) {
    as[name] = (await signedInClient(server.url, server.database, options)).client;
  }
  const created = await as.emmenEditor?.post("/api/frameworks", {
    name: "Raamovereenkomst EBC",
    clientIds: [ids.coevorden, ids.borger],
    startsOn: "2024-01-01",
    endsOn: "2027-12-31",
    legalRegime: "wgr",
    status: "active",
  });
  framework = created?.data.id;
});
afterAll(() => server.close());

const transfer = (over: Record<string, unknown> = {}) => ({
  reference: "CO-2024-001",
  function: "Klantmanager Participatie",
  fte: 0.89,
  fromOrganisationId: ids.coevorden,
  transferOn: "2024-01-01",
  person: { name: "Ans de Vries", personnelNumber: "C1234", email: "a.devries@coevorden.example" },
  ...over,
});

describe("staff moving to the host", () => {
  let coevordenTransfer: string;

  it("lets HR of the origin register its own people, and not another client's", async () => {
    const own = await as.coevordenHr?.post(`/api/frameworks/${framework}/staff-transfers`, transfer());
    expect(own?.status).toBe(201);
    coevordenTransfer = own?.data.id;
    const other = await as.coevordenHr?.post(
      `/api/frameworks/${framework}/staff-transfers`,
      transfer({ reference: "BO-1", fromOrganisationId: ids.borger }),
    );
    expect(other?.status).toBe(403);
    const hostHr = await as.emmenHr?.post(
      `/api/frameworks/${framework}/staff-transfers`,
      transfer({ reference: "BO-2024-007", fromOrganisationId: ids.borger, fte: 1, person: { name: "Piet Jansen" } }),
    );
    expect(hostHr?.status).toBe(201);
    const notHr = await as.emmenEditor?.post(
      `/api/frameworks/${framework}/staff-transfers`,
      transfer({ reference: "CO-9" }),
    );
    expect(notHr?.status).toBe(403);
  });

  it("shows the people to HR of the host (all) and of the origin (its own); others see totals only", async () => {
    const host = await as.emmenHr?.get(`/api/frameworks/${framework}/staff`);
    expect(host?.data.transfers.map((t: { person: { name: string } }) => t.person.name).sort()).toEqual([
      "Ans de Vries",
      "Piet Jansen",
    ]);
    const origin = await as.coevordenHr?.get(`/api/frameworks/${framework}/staff`);
    expect(origin?.data.transfers.map((t: { reference: string }) => t.reference)).toEqual(["CO-2024-001"]);
    expect(origin?.data.abilities.addTransferFrom).toEqual([ids.coevorden]);
    for (const who of ["emmenEditor", "coevordenCouncil", "platformAdmin", "borgerHr"] as const) {
      const { status, data } = (await as[who]?.get(`/api/frameworks/${framework}/staff`)) ?? {};
      expect(status).toBe(200);
      if (who === "borgerHr") {
        expect(data.transfers.map((t: { reference: string }) => t.reference)).toEqual(["BO-2024-007"]);
      } else {
        expect(data.transfers).toBeNull();
      }
      expect(JSON.stringify(data)).not.toContain("Ans de Vries");
      expect(data.totals).toMatchObject({ count: 2, fte: 1.89 });
      expect(data.totals.byOrigin).toEqual([
        { organisation: { id: ids.borger, name: "Borger-Odoorn" }, count: 1, fte: 1 },
        { organisation: { id: ids.coevorden, name: "Coevorden" }, count: 1, fte: 0.89 },
      ]);
    }
  });

  it("keeps names out of the audit trail", async () => {
    const events = await server.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, coevordenTransfer));
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toMatch(/Ans de Vries|C1234|devries/);
    expect(JSON.stringify(events)).toContain("Klantmanager Participatie");
  });

  it("refuses bad transfers with the field at fault, and changes nothing", async () => {
    const cases: [Record<string, unknown>, string, number][] = [
      [{ fte: 0 }, "fte", 400],
      [{ fte: "0,8" }, "fte", 400],
      [{ fte: 0.333 }, "fte", 400],
      [{ reference: "Ans de Vries" }, "reference", 400],
      [{ transferOn: "2023-06-01" }, "transferOn", 400],
      [{ fromOrganisationId: ids.emmen }, "fromOrganisationId", 400],
      [{ reference: "CO-2024-001" }, "reference", 409],
    ];
    for (const [over, field, status] of cases) {
      const response = await as.emmenHr?.post(`/api/frameworks/${framework}/staff-transfers`, transfer(over));
      expect(response?.status, JSON.stringify(over)).toBe(status);
      const fields = response?.data.errors.map((e: { field: string }) => e.field.replace(/^body\./, ""));
      expect(fields).toContain(field);
    }
    expect((await as.emmenHr?.get(`/api/frameworks/${framework}/staff`))?.data.totals.count).toBe(2);
  });

  it("tells the second of two HR officers changing one transfer, and keeps the first one's change", async () => {
    const first = await as.emmenHr?.request("PATCH", `/api/staff-transfers/${coevordenTransfer}`, {
      json: { status: "agreed" },
      headers: { "if-match": '"v1"' },
    });
    expect(first?.status).toBe(200);
    const second = await as.coevordenHr?.request("PATCH", `/api/staff-transfers/${coevordenTransfer}`, {
      json: { status: "withdrawn" },
      headers: { "if-match": '"v1"' },
    });
    expect(second?.status).toBe(412);
    const staff = await as.coevordenHr?.get(`/api/frameworks/${framework}/staff`);
    expect(staff?.data.transfers[0]).toMatchObject({ status: "agreed", version: 2 });
    const byOutsider = await as.borgerHr?.request("PATCH", `/api/staff-transfers/${coevordenTransfer}`, {
      json: { status: "withdrawn" },
      headers: { "if-match": '"v2"' },
    });
    expect(byOutsider?.status).toBe(404);
  });

  it("records the works councils' consultations, kept by the host and by the consulted organisation", async () => {
    const asked = await as.coevordenHr?.post(`/api/frameworks/${framework}/consultations`, {
      organisationId: ids.coevorden,
      body: "works_council",
      requestedOn: "2023-09-01",
      adviceDueOn: "2023-10-15",
    });
    expect(asked?.status).toBe(201);
    const notTheirs = await as.coevordenHr?.post(`/api/frameworks/${framework}/consultations`, {
      organisationId: ids.borger,
      body: "works_council",
      requestedOn: "2023-09-01",
    });
    expect(notTheirs?.status).toBe(403);
    const backwards = await as.emmenEditor?.request("PATCH", `/api/consultations/${asked?.data.id}`, {
      json: { advisedOn: "2023-08-01", outcome: "positive" },
      headers: { "if-match": '"v1"' },
    });
    expect(backwards?.status).toBe(400);
    expect(backwards?.data.errors[0].field).toBe("advisedOn");
    const advised = await as.emmenEditor?.request("PATCH", `/api/consultations/${asked?.data.id}`, {
      json: { advisedOn: "2023-10-10", outcome: "positive_with_conditions", note: "Behoud van reiskostenregeling" },
      headers: { "if-match": '"v1"' },
    });
    expect(advised?.status).toBe(200);
    const seen = await as.coevordenCouncil?.get(`/api/frameworks/${framework}/staff`);
    expect(seen?.data.consultations).toEqual([
      expect.objectContaining({ outcome: "positive_with_conditions", advisedOn: "2023-10-10", mayKeep: false }),
    ]);
  });
});

describe("the HR standing of a user", () => {
  it("is given by an administrator who works in HR, never by oneself or an API token, and then shows the people", async () => {
    const { client, user } = await signedInClient(server.url, server.database, {
      organisationKey: "nl-municipality-GM0114",
      role: "viewer",
    });
    expect((await client.get(`/api/frameworks/${framework}/staff`)).data.transfers).toBeNull();
    const bySelf = await client.patch(`/api/organisations/${ids.emmen}/users/${user.id}`, { hr: true });
    expect(bySelf.status).toBe(403);
    // An administrator outside HR cannot open the names of staff, to a colleague or to themselves.
    const byAdmin = await as.emmenAdmin?.patch(`/api/organisations/${ids.emmen}/users/${user.id}`, { hr: true });
    expect(byAdmin?.status).toBe(403);
    const admin = await server.database.raw(
      `select u.id from users u join user_roles r on r.user_id = u.id where r.organisation_id = $1 and r.role = 'admin' and not r.hr limit 1`,
      [ids.emmen],
    );
    const adminId = (admin[0] as { id: string }).id;
    expect((await as.emmenAdmin?.patch(`/api/organisations/${ids.emmen}/users/${adminId}`, { hr: true }))?.status).toBe(
      403,
    );
    // An API token of the organisation, even an administrator's with write scope, changes nobody's role.
    const token = await as.emmenHrAdmin?.post("/api/tokens", {
      name: "koppeling",
      organisationId: ids.emmen,
      role: "admin",
      scopes: ["read", "write"],
    });
    const app = new Client(server.url, { authorization: `Bearer ${token?.data.token}` });
    expect((await app.patch(`/api/organisations/${ids.emmen}/users/${user.id}`, { hr: true })).status).toBe(403);
    expect((await app.patch(`/api/organisations/${ids.emmen}/users/${user.id}`, { role: "admin" })).status).toBe(403);
    // A token does not reach its maker's personal calendar feed either.
    expect((await app.get("/api/me/calendar-feed")).status).toBe(403);
    expect((await app.request("DELETE", "/api/me/calendar-feed")).status).toBe(403);

    const byHrAdmin = await as.emmenHrAdmin?.patch(`/api/organisations/${ids.emmen}/users/${user.id}`, { hr: true });
    expect(byHrAdmin?.data).toEqual({ role: "viewer", hr: true });
    const users = await as.emmenAdmin?.get(`/api/organisations/${ids.emmen}/users`);
    expect(users?.data.items.find((u: { id: string }) => u.id === user.id).hr).toBe(true);
    const staff = await client.get(`/api/frameworks/${framework}/staff`);
    expect(staff.data.transfers).toHaveLength(2);
    expect(staff.data.abilities.addTransferFrom).toEqual([]);
  });
});
