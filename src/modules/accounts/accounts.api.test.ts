import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, organisationId, signedInClient, testPassword } from "../../../test/factories.ts";
import { Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { decodeQuotedPrintable, startSmtpServer } from "../../../test/helpers/smtp.ts";
import { sessions, userRoles } from "../../platform/db/schema.ts";

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url, SIGN_IN_RATE_LIMIT: "5" });
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});

describe("signing in", () => {
  it("gives a new httpOnly, SameSite session cookie, and a different one at every sign-in", async () => {
    const user = await buildUser(server.database, { organisationKey: "be-municipality-71016", role: "editor" });
    const client = new Client(server.url);
    const first = await client.post("/api/auth/sign-in", { email: user.email, password: testPassword });
    expect(first.status).toBe(200);
    const header = first.headers.get("set-cookie") ?? "";
    expect(header).toMatch(/samen_session=/);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=Lax/i);
    const firstToken = client.cookie("samen_session");
    expect(first.data.activeOrganisation).toMatchObject({ name: "Genk", role: "editor" });

    const again = await client.post("/api/auth/sign-in", { email: user.email.toUpperCase(), password: testPassword });
    expect(again.status).toBe(200);
    expect(client.cookie("samen_session")).not.toBe(firstToken);
    // The session that was replaced no longer works.
    const stale = new Client(server.url, { cookie: `samen_session=${firstToken}` });
    expect((await stale.get("/api/auth/session")).status).toBe(401);
    // Only a hash of the token is stored.
    const stored = await server.database.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.id, client.cookie("samen_session") ?? ""));
    expect(stored).toEqual([]);
  });

  it("answers a wrong password and an unknown address alike", async () => {
    const user = await buildUser(server.database);
    const client = new Client(server.url);
    const wrong = await client.post("/api/auth/sign-in", { email: user.email, password: "wrong password!" });
    const unknown = await client.post("/api/auth/sign-in", {
      email: "nobody@example.test",
      password: "wrong password!",
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.data.detail).toBe(unknown.data.detail);
  });

  it("is rate limited per address and account", async () => {
    const user = await buildUser(server.database);
    const client = new Client(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push(
        (await client.post("/api/auth/sign-in", { email: user.email, password: `guess number ${i}` })).status,
      );
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await client.post("/api/auth/sign-in", { email: user.email, password: testPassword });
    expect(limited.status).toBe(429);
    expect(limited.data.code).toBe("rate_limited");
  });

  it("is rate limited per address over many accounts (password spraying), counting failures only", async () => {
    // A server of its own: this one's address has failures of the other tests on it.
    const own = await startTestServer({ SIGN_IN_RATE_LIMIT: "5" });
    try {
      const client = new Client(own.url);
      const accounts = await Promise.all(Array.from({ length: 16 }, () => buildUser(own.database)));
      // Correct sign-ins from the same address count for nothing.
      for (const account of accounts.slice(0, 8))
        expect((await client.post("/api/auth/sign-in", { email: account.email, password: testPassword })).status).toBe(
          200,
        );
      const statuses: number[] = [];
      for (const account of accounts)
        statuses.push(
          (await client.post("/api/auth/sign-in", { email: account.email, password: "Welkom2026!" })).status,
        );
      // 5 a minute per address and account; 15 failures a minute per address over all accounts.
      expect(statuses.slice(0, 15)).toEqual(Array(15).fill(401));
      expect(statuses[15]).toBe(429);
    } finally {
      await own.close();
    }
  });

  it("refuses malformed sign-in bodies with the field at fault", async () => {
    const client = new Client(server.url);
    const bad = await client.post("/api/auth/sign-in", { email: "not-an-address", password: "x", remember: true });
    expect(bad.status).toBe(400);
    expect(bad.data.errors.map((e: { field: string }) => e.field).sort()).toEqual(["body.email", "body.remember"]);
  });

  it("ends the session at sign-out", async () => {
    const { client } = await signedInClient(server.url, server.database, { organisationKey: "be-municipality-71016" });
    expect((await client.get("/api/auth/session")).status).toBe(200);
    const token = client.cookie("samen_session");
    expect((await client.post("/api/auth/sign-out")).status).toBe(204);
    const replay = new Client(server.url, { cookie: `samen_session=${token}` });
    expect((await replay.get("/api/auth/session")).status).toBe(401);
  });
});

describe("switching organisation", () => {
  it("works for an organisation the user has a role in, and reads as not found for any other", async () => {
    const { client, user } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const ocmw = await organisationId(server.database, "be-ocmw-71072");
    await server.database.db.insert(userRoles).values({ userId: user.id, organisationId: ocmw, role: "viewer" });
    const switched = await client.put("/api/auth/session/organisation", { organisationId: ocmw });
    expect(switched.status).toBe(200);
    expect(switched.data.activeOrganisation).toMatchObject({ name: "OCMW Hasselt", role: "viewer" });

    const genk = await organisationId(server.database, "be-municipality-71016");
    const foreign = await client.put("/api/auth/session/organisation", { organisationId: genk });
    const missing = await client.put("/api/auth/session/organisation", {
      organisationId: "00000000-0000-4000-8000-000000000000",
    });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.data.detail).toBe(missing.data.detail);
    expect((await client.get("/api/auth/session")).data.activeOrganisation.name).toBe("OCMW Hasselt");
  });
});

describe("password reset", () => {
  it("mails a link over SMTP, sets the new password with it once, and ends old sessions", async () => {
    const { client, user } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71016",
    });
    const anonymous = new Client(server.url);
    const before = smtp.received.length;
    expect((await anonymous.post("/api/auth/password-reset", { email: user.email })).status).toBe(202);
    expect(smtp.received.length).toBe(before + 1);
    const mail = smtp.received.at(-1);
    expect(mail?.to).toEqual([user.email]);
    const body = decodeQuotedPrintable(mail?.raw ?? "");
    const token = /#token=([A-Za-z0-9_-]+)/.exec(body)?.[1];
    expect(token).toBeTruthy();
    expect(body).toContain(`${server.url}/wachtwoord-herstellen#token=`);
    expect(body).toContain("één uur geldig");

    // A second link asked for in the meantime: once the first is used, it opens nothing.
    expect((await anonymous.post("/api/auth/password-reset", { email: user.email })).status).toBe(202);
    const secondToken = /#token=([A-Za-z0-9_-]+)/.exec(decodeQuotedPrintable(smtp.received.at(-1)?.raw ?? ""))?.[1];
    expect(secondToken).toBeTruthy();
    expect(secondToken).not.toBe(token);

    const tooShort = await anonymous.post("/api/auth/password-reset/confirm", { token, password: "short" });
    expect(tooShort.status).toBe(400);
    expect(tooShort.data.errors[0].field).toBe("body.password");

    const newPassword = "a brand new passphrase";
    expect((await anonymous.post("/api/auth/password-reset/confirm", { token, password: newPassword })).status).toBe(
      204,
    );
    expect((await client.get("/api/auth/session")).status).toBe(401);
    expect(
      (await anonymous.post("/api/auth/password-reset/confirm", { token, password: "yet another passphrase" })).status,
    ).toBe(400);
    const second = await anonymous.post("/api/auth/password-reset/confirm", {
      token: secondToken,
      password: "a passphrase from the second link",
    });
    expect(second.status).toBe(400);
    expect(second.data.errors[0].field).toBe("token");
    expect((await anonymous.post("/api/auth/sign-in", { email: user.email, password: testPassword })).status).toBe(401);
    expect((await anonymous.post("/api/auth/sign-in", { email: user.email, password: newPassword })).status).toBe(200);
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const before = smtp.received.length;
    const response = await new Client(server.url).post("/api/auth/password-reset", { email: "nobody@example.test" });
    expect(response.status).toBe(202);
    expect(smtp.received.length).toBe(before);
  });
});
