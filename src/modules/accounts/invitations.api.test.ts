import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, organisationId, signedInClient, testPassword } from "../../../test/factories.ts";
import { Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { mails } from "../../platform/db/schema.ts";

let server: TestServer;
let admin: Client;
let hasselt: string;

beforeAll(async () => {
  server = await startTestServer();
  hasselt = await organisationId(server.database, "be-municipality-71072");
  ({ client: admin } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71072",
    role: "admin",
  }));
});
afterAll(() => server.close());

/** The token in the newest mail to an address. */
async function tokenMailedTo(email: string) {
  const [mail] = await server.database.db
    .select()
    .from(mails)
    .where(eq(mails.to, email))
    .orderBy(desc(mails.createdAt))
    .limit(1);
  const token = /#token=([\w-]+)/.exec(mail?.text ?? "")?.[1];
  if (!token) throw new Error(`no invitation mailed to ${email}`);
  return { token, mail };
}

describe("inviting a colleague", () => {
  it("mails a link; the colleague chooses a name and password, and is signed in with the role", async () => {
    const sent = await admin.post(`/api/organisations/${hasselt}/invitations`, {
      email: "Nieuwe.Collega@Example.test",
      role: "editor",
    });
    expect(sent.status).toBe(201);
    const { token, mail } = await tokenMailedTo("nieuwe.collega@example.test");
    expect(mail?.subject).toContain("Hasselt");
    expect(mail?.text).toContain("als redacteur");
    const open = await admin.get(`/api/organisations/${hasselt}/invitations`);
    expect(open.data.items.map((i: { email: string }) => i.email)).toContain("nieuwe.collega@example.test");

    const colleague = new Client(server.url);
    const about = await colleague.post("/api/auth/invitation", { token });
    expect(about.data).toMatchObject({ organisation: "Hasselt", role: "editor", hasAccount: false });
    const short = await colleague.post("/api/auth/invitation/accept", {
      token,
      name: "Nieuwe Collega",
      password: "kort",
    });
    expect(short.status).toBe(400);
    expect(short.data.errors[0]).toEqual({ field: "password", message: "Kies een wachtwoord van minstens 12 tekens." });
    const nameless = await colleague.post("/api/auth/invitation/accept", { token, password: testPassword });
    expect(nameless.status).toBe(400);
    expect(nameless.data.errors[0].field).toBe("name");
    const accepted = await colleague.post("/api/auth/invitation/accept", {
      token,
      name: "Nieuwe Collega",
      password: testPassword,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.data.activeOrganisation).toMatchObject({ id: hasselt, role: "editor" });
    expect((await colleague.get("/api/auth/session")).status).toBe(200);
    // Once only.
    const again = await new Client(server.url).post("/api/auth/invitation/accept", {
      token,
      name: "Iemand",
      password: testPassword,
    });
    expect(again.status).toBe(400);
    expect(again.data.errors[0].field).toBe("token");
    const people = await admin.get(`/api/organisations/${hasselt}/users`);
    const person = people.data.items.find((p: { email: string }) => p.email === "nieuwe.collega@example.test");
    expect(person).toMatchObject({ name: "Nieuwe Collega", role: "editor", disabled: false });
    expect(person.lastSignInAt).not.toBeNull();
    expect((await admin.get(`/api/organisations/${hasselt}/invitations`)).data.items).toEqual([]);
  });

  it("gives someone with an account the role once their own password confirms it", async () => {
    const existing = await buildUser(server.database, { organisationKey: "be-municipality-71016", role: "viewer" });
    await admin.post(`/api/organisations/${hasselt}/invitations`, { email: existing.email, role: "viewer" });
    const { token } = await tokenMailedTo(existing.email);
    const someone = new Client(server.url);
    expect((await someone.post("/api/auth/invitation", { token })).data.hasAccount).toBe(true);
    const wrong = await someone.post("/api/auth/invitation/accept", { token, password: "niet het wachtwoord" });
    expect(wrong.status).toBe(400);
    expect(wrong.data.errors[0].field).toBe("password");
    const right = await someone.post("/api/auth/invitation/accept", { token, password: testPassword });
    expect(right.status).toBe(200);
    expect(right.data.organisations.map((o: { id: string }) => o.id)).toContain(hasselt);
    // Now a member: a second invitation is refused.
    const twice = await admin.post(`/api/organisations/${hasselt}/invitations`, {
      email: existing.email,
      role: "viewer",
    });
    expect(twice.status).toBe(409);
    expect(twice.data.errors[0].field).toBe("email");
  });

  it("is accepted once when two tabs accept it at the same moment", async () => {
    await admin.post(`/api/organisations/${hasselt}/invitations`, { email: "twee.tabs@example.test", role: "viewer" });
    const { token } = await tokenMailedTo("twee.tabs@example.test");
    const accept = () =>
      new Client(server.url).post("/api/auth/invitation/accept", { token, name: "Twee Tabs", password: testPassword });
    const statuses = (await Promise.all([accept(), accept(), accept()])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 400, 400]);
  });

  it("is withdrawn by the administrator, and its link stops working", async () => {
    const sent = await admin.post(`/api/organisations/${hasselt}/invitations`, {
      email: "weg@example.test",
      role: "viewer",
    });
    const { token } = await tokenMailedTo("weg@example.test");
    expect((await admin.delete(`/api/invitations/${sent.data.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/invitations/${sent.data.id}`)).status).toBe(409);
    expect((await new Client(server.url).post("/api/auth/invitation", { token })).status).toBe(400);
  });

  it("is for administrators signed in, of their own organisation", async () => {
    const { client: editor } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "editor",
    });
    expect(
      (await editor.post(`/api/organisations/${hasselt}/invitations`, { email: "x@example.test", role: "viewer" }))
        .status,
    ).toBe(404);
    const { client: other } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71016",
      role: "admin",
    });
    expect(
      (await other.post(`/api/organisations/${hasselt}/invitations`, { email: "x@example.test", role: "viewer" }))
        .status,
    ).toBe(404);
    const bad = await admin.post(`/api/organisations/${hasselt}/invitations`, { email: "geen adres", role: "koning" });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.map((e: { field: string }) => e.field).sort()).toEqual(["body.email", "body.role"]);
  });
});

describe("switching a colleague's account off and on, and one's own sessions", () => {
  it("ends the colleague's sessions and refuses their sign-in until switched on again", async () => {
    const colleague = await buildUser(server.database, { organisationKey: "be-municipality-71072", role: "viewer" });
    const theirs = new Client(server.url);
    expect((await theirs.post("/api/auth/sign-in", { email: colleague.email, password: testPassword })).status).toBe(
      200,
    );
    const off = await admin.request("PUT", `/api/organisations/${hasselt}/users/${colleague.id}/active`, {
      json: { active: false },
    });
    expect(off.data).toEqual({ active: false });
    expect((await theirs.get("/api/auth/session")).status).toBe(401);
    expect(
      (await new Client(server.url).post("/api/auth/sign-in", { email: colleague.email, password: testPassword }))
        .status,
    ).toBe(401);
    const listed = (await admin.get(`/api/organisations/${hasselt}/users`)).data.items.find(
      (p: { id: string }) => p.id === colleague.id,
    );
    expect(listed.disabled).toBe(true);
    await admin.request("PUT", `/api/organisations/${hasselt}/users/${colleague.id}/active`, {
      json: { active: true },
    });
    expect(
      (await new Client(server.url).post("/api/auth/sign-in", { email: colleague.email, password: testPassword }))
        .status,
    ).toBe(200);
  });

  it("leaves an account that works elsewhere too, and one's own, to others", async () => {
    const shared = await buildUser(server.database, {
      organisationKey: "be-municipality-71072",
      role: "viewer",
      moreRoles: [{ organisationKey: "be-municipality-71016", role: "viewer" }],
    });
    const refused = await admin.request("PUT", `/api/organisations/${hasselt}/users/${shared.id}/active`, {
      json: { active: false },
    });
    expect(refused.status).toBe(409);
    const session = await admin.get("/api/auth/session");
    const self = await admin.request("PUT", `/api/organisations/${hasselt}/users/${session.data.user.id}/active`, {
      json: { active: false },
    });
    expect(self.status).toBe(400);
  });

  it("lists one's own sessions and ends another one of them", async () => {
    const person = await buildUser(server.database, { organisationKey: "be-municipality-71072", role: "viewer" });
    const laptop = new Client(server.url);
    const phone = new Client(server.url);
    await laptop.post("/api/auth/sign-in", { email: person.email, password: testPassword });
    await phone.post("/api/auth/sign-in", { email: person.email, password: testPassword });
    const mine = await laptop.get("/api/auth/sessions");
    expect(mine.data.items).toHaveLength(2);
    const other = mine.data.items.find((s: { current: boolean }) => !s.current);
    expect((await laptop.delete(`/api/auth/sessions/${other.id}`)).status).toBe(204);
    expect((await phone.get("/api/auth/session")).status).toBe(401);
    expect((await laptop.get("/api/auth/session")).status).toBe(200);
    // Someone else's session is not one's own to end.
    const adminSessions = await admin.get("/api/auth/sessions");
    expect((await laptop.delete(`/api/auth/sessions/${adminSessions.data.items[0].id}`)).status).toBe(404);
  });
});

describe("the sign-in page in the demo", () => {
  it("lists every demo account with who each is, in Dutch and English, and none outside the demo", async () => {
    expect((await new Client(server.url).get("/api/auth/providers")).data.demoAccounts).toEqual([]);
    const demo = await startTestServer({ SAMEN_DEMO: "true" });
    try {
      const { data } = await new Client(demo.url).get("/api/auth/providers");
      expect(data.demoAccounts).toHaveLength(9);
      expect(data.demoAccounts).toContainEqual({
        email: "ledendienst@cipal.demo",
        persona: {
          nl: "ledendienst, Cipal (werkt onder mandaat voor Hasselt)",
          en: "member services, Cipal (acts for Hasselt under a mandate)",
        },
      });
      expect(data.demoAccounts).toContainEqual({
        email: "raadslid@hasselt.demo",
        persona: { nl: "gemeenteraadslid, Hasselt (alleen lezen)", en: "council member, Hasselt (read only)" },
      });
    } finally {
      await demo.close();
    }
  });
});
