import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { flushTokenUses } from "../../platform/auth/sessions.ts";
import { apiTokens } from "../../platform/db/schema.ts";

let server: TestServer;
let hasselt: string;

beforeAll(async () => {
  server = await startTestServer();
  hasselt = await organisationId(server.database, "be-municipality-71072");
});
afterAll(() => server.close());

describe("API tokens", () => {
  it("are created by an organisation's administrator, shown once, stored only as a hash, and work as Bearer", async () => {
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const created = await client.post("/api/tokens", {
      name: "Zaaksysteem",
      organisationId: hasselt,
      role: "editor",
      scopes: ["read"],
    });
    expect(created.status).toBe(201);
    expect(created.data.token).toMatch(/^samen_[A-Za-z0-9_-]{43}$/);
    const stored = await server.database.db.select().from(apiTokens);
    expect(stored.some((t) => t.tokenHash === created.data.token)).toBe(false);

    const listed = await client.get(`/api/organisations/${hasselt}/tokens`);
    expect(listed.data.items).toHaveLength(1);
    expect(JSON.stringify(listed.data)).not.toContain(created.data.token);

    const app = new Client(server.url, { authorization: `Bearer ${created.data.token}` });
    const session = await app.get("/api/auth/session");
    expect(session.status).toBe(200);
    expect(session.data).toMatchObject({ via: "token", activeOrganisation: { name: "Hasselt", role: "editor" } });
    expect((await app.get("/api/organisations?q=Hasselt")).status).toBe(200);
  });

  it("with only the read scope cannot change anything", async () => {
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const { data } = await client.post("/api/tokens", {
      name: "Alleen lezen",
      organisationId: hasselt,
      role: "admin",
      scopes: ["read"],
    });
    const app = new Client(server.url, { authorization: `Bearer ${data.token}` });
    const read = await app.get(`/api/organisations/${hasselt}`);
    const attempt = await app.patch(
      `/api/organisations/${hasselt}`,
      { website: "https://x.example" },
      { "if-match": read.headers.get("etag") ?? "" },
    );
    expect(attempt.status).toBe(403);
    expect((await app.get(`/api/organisations/${hasselt}`)).data.website).toBe(read.data.website);
  });

  it("with the write scope and the admin role may change its own organisation", async () => {
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const { data } = await client.post("/api/tokens", {
      name: "Koppeling",
      organisationId: hasselt,
      role: "admin",
      scopes: ["read", "write"],
    });
    const app = new Client(server.url, { authorization: `Bearer ${data.token}` });
    const read = await app.get(`/api/organisations/${hasselt}`);
    const changed = await app.patch(
      `/api/organisations/${hasselt}`,
      { website: "https://www.hasselt.be/koppeling" },
      { "if-match": read.headers.get("etag") ?? "" },
    );
    expect(changed.status).toBe(200);
  });

  it("stop working once revoked", async () => {
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const { data } = await client.post("/api/tokens", { name: "Tijdelijk", organisationId: hasselt, role: "viewer" });
    const app = new Client(server.url, { authorization: `Bearer ${data.token}` });
    expect((await app.get("/api/auth/session")).status).toBe(200);
    expect((await client.delete(`/api/tokens/${data.id}`)).status).toBe(204);
    const after = await app.get("/api/auth/session");
    expect(after.status).toBe(401);
    expect(after.data.code).toBe("unauthenticated");
  });

  it("note their last use at most once a minute, and stop working once expired", async () => {
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const { data } = await client.post("/api/tokens", { name: "Koppeling", organisationId: hasselt, role: "viewer" });
    const lastUsed = async () =>
      (await server.database.db.select().from(apiTokens).where(eq(apiTokens.id, data.id)))[0]?.lastUsedAt ?? null;
    expect(await lastUsed()).toBeNull();
    const app = new Client(server.url, { authorization: `Bearer ${data.token}` });
    // Uses are noted in memory and written together (at the latest a second later, or on close).
    expect((await app.get("/api/auth/session")).status).toBe(200);
    await flushTokenUses(server.database.db);
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    expect((await app.get("/api/auth/session")).status).toBe(200);
    await flushTokenUses(server.database.db);
    expect((await lastUsed())?.getTime()).toBe(first?.getTime());
    // A use more than a minute after the last one is noted again.
    const earlier = new Date(Date.now() - 120_000);
    await server.database.db.update(apiTokens).set({ lastUsedAt: earlier }).where(eq(apiTokens.id, data.id));
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 61_000 });
    try {
      expect((await app.get("/api/auth/session")).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
    await flushTokenUses(server.database.db);
    expect((await lastUsed())?.getTime()).toBeGreaterThan(earlier.getTime() + 60_000);

    await server.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, data.id));
    expect((await app.get("/api/auth/session")).status).toBe(401);
  });

  it("an unknown or malformed bearer token is refused, not treated as anonymous", async () => {
    for (const header of ["Bearer samen_notarealtoken", "Bearer", "Basic dXNlcjpwYXNz"]) {
      const response = await new Client(server.url, { authorization: header }).get("/api/organisations");
      expect(response.status, header).toBe(401);
    }
  });

  it("cannot be created, listed or revoked for another organisation, and the refusal reveals nothing", async () => {
    const owner = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const { data } = await owner.client.post("/api/tokens", {
      name: "Van Hasselt",
      organisationId: hasselt,
      role: "viewer",
    });
    const stranger = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71016",
      role: "admin",
    });
    const viewer = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "viewer",
    });

    expect(
      (await stranger.client.post("/api/tokens", { name: "x", organisationId: hasselt, role: "admin" })).status,
    ).toBe(404);
    expect((await stranger.client.get(`/api/organisations/${hasselt}/tokens`)).status).toBe(404);
    const foreignRevoke = await stranger.client.delete(`/api/tokens/${data.id}`);
    const missingRevoke = await stranger.client.delete("/api/tokens/00000000-0000-4000-8000-000000000000");
    expect(foreignRevoke.status).toBe(404);
    expect(foreignRevoke.data.detail).toBe(missingRevoke.data.detail);
    expect(
      (await viewer.client.post("/api/tokens", { name: "x", organisationId: hasselt, role: "viewer" })).status,
    ).toBe(404);
    expect(
      (await owner.client.get(`/api/organisations/${hasselt}/tokens`)).data.items.map((t: { id: string }) => t.id),
    ).toContain(data.id);
  });

  it("a token cannot mint more tokens", async () => {
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const { data } = await client.post("/api/tokens", {
      name: "Beheer",
      organisationId: hasselt,
      role: "admin",
      scopes: ["read", "write"],
    });
    const app = new Client(server.url, { authorization: `Bearer ${data.token}` });
    expect((await app.post("/api/tokens", { name: "Kind", organisationId: hasselt, role: "admin" })).status).toBe(404);
  });
});
