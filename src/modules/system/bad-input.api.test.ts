import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { loadConfig } from "../../platform/config.ts";
import { auditEvents } from "../../platform/db/schema.ts";
import { buildServer } from "../../server.ts";

/**
 * Every route in the OpenAPI document, tried with bad input: no credentials, broken JSON, unknown fields, huge
 * bodies, malformed ids. Each gets a 4xx problem+json, and nothing is written.
 */
let server: TestServer;
let admin: Client;
let operations: {
  method: string;
  path: string;
  security: boolean;
  optionalSignIn: boolean;
  hasBody: boolean;
  params: string[];
}[];
const publicPaths = new Set([
  "/api/health",
  "/api/ready",
  "/api/auth/providers",
  "/api/auth/sign-in",
  "/api/auth/sign-out",
  "/api/auth/password-reset",
  "/api/auth/password-reset/confirm",
]);

beforeAll(async () => {
  server = await startTestServer({ SIGN_IN_RATE_LIMIT: "1000" });
  ({ client: admin } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71072",
    role: "admin",
  }));
  const { data } = await new Client(server.url).get("/api/openapi.json");
  operations = Object.entries(
    data.paths as Record<string, Record<string, { requestBody?: unknown; security?: unknown[] }>>,
  ).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      security: !(Array.isArray(op.security) && op.security.length === 0),
      // `{}` among the requirements: anyone may call it; the policy decides what they see (a public catalogue).
      optionalSignIn: Array.isArray(op.security) && op.security.some((s) => Object.keys(s as object).length === 0),
      hasBody: op.requestBody !== undefined,
      params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string),
    })),
  );
});
afterAll(() => server.close());

const auditCount = async () => (await server.database.db.select().from(auditEvents)).length;
const concrete = (path: string, id: string) => path.replace(/\{\w+\}/g, id);
/** The largest body a route takes: imports take files, questions take attachments, the rest 1 MiB. */
const bodyLimitOf = (path: string) =>
  path.startsWith("/api/imports")
    ? 25 * 1024 * 1024
    : path.endsWith("/import")
      ? 10 * 1024 * 1024
      : path.startsWith("/api/tickets")
        ? 9 * 1024 * 1024
        : 1024 * 1024;
const expectProblem = (response: { status: number; headers: Headers; data: any }, label: string) => {
  expect(response.status, label).toBeGreaterThanOrEqual(400);
  expect(response.status, label).toBeLessThan(500);
  expect(response.headers.get("content-type"), label).toContain("application/problem+json");
  expect(typeof response.data.code, label).toBe("string");
};

describe("bad input on every route", () => {
  it("the OpenAPI document lists the routes this test walks", () => {
    expect(operations.length).toBeGreaterThanOrEqual(15);
    expect(operations.some((o) => o.method === "PATCH" && o.path === "/api/organisations/{id}")).toBe(true);
  });

  it("without credentials, every protected route answers 401", async () => {
    const hasselt = await organisationId(server.database, "be-municipality-71072");
    const anonymous = new Client(server.url);
    for (const op of operations.filter(
      (o) => o.security && !publicPaths.has(o.path) && !o.path.startsWith("/api/auth/oidc"),
    )) {
      const response = await anonymous.request(op.method, concrete(op.path, hasselt), op.hasBody ? { json: {} } : {});
      expectProblem(response, `${op.method} ${op.path}`);
      // Hasselt has no public catalogue: where signing in is optional, the anonymous caller finds nothing.
      expect(response.status, `${op.method} ${op.path}`).toBe(op.optionalSignIn ? 404 : 401);
    }
  });

  it("broken JSON, unknown fields, wrong types and huge bodies are refused and change nothing", async () => {
    const hasselt = await organisationId(server.database, "be-municipality-71072");
    const before = await auditCount();
    const etag = (await admin.get(`/api/organisations/${hasselt}`)).headers.get("etag") ?? "";
    for (const op of operations.filter((o) => o.hasBody)) {
      const url = concrete(op.path, hasselt);
      const label = `${op.method} ${op.path}`;
      const headers = { "content-type": "application/json", "if-match": etag };
      expectProblem(await admin.request(op.method, url, { body: "{ not json", headers }), `${label} broken JSON`);
      expectProblem(
        await admin.request(op.method, url, { body: JSON.stringify({ unexpectedField: 1 }), headers }),
        `${label} unknown field`,
      );
      expectProblem(
        await admin.request(op.method, url, { body: JSON.stringify([1, 2, 3]), headers }),
        `${label} wrong type`,
      );
      // 100,000 levels of nesting: refused as a problem, never a stack overflow.
      const deep = await admin.request(op.method, url, {
        body: `{"x":${"[".repeat(100_000)}${"]".repeat(100_000)}}`,
        headers,
      });
      expectProblem(deep, `${label} deep nesting`);
      const size = bodyLimitOf(op.path) + 100_000;
      const huge = await admin.request(op.method, url, { body: JSON.stringify({ x: "y".repeat(size) }), headers });
      expectProblem(huge, `${label} huge body`);
      expect(huge.status, `${label} huge body`).toBe(413);
    }
    expect(await auditCount()).toBe(before);
  });

  it("malformed ids are refused with the field at fault", async () => {
    for (const op of operations.filter((o) => o.params.some((p) => p === "id" || p.endsWith("Id")))) {
      const response = await admin.request(
        op.method,
        concrete(op.path, "1%27%20OR%201=1"),
        op.hasBody ? { json: {}, headers: { "if-match": '"v1"' } } : {},
      );
      expectProblem(response, `${op.method} ${op.path}`);
      expect(response.data.errors?.[0]?.field, `${op.method} ${op.path}`).toBe(`params.${op.params[0]}`);
    }
  });

  it("input that looks like something else is refused with its field, not read as something else", async () => {
    const hasselt = await organisationId(server.database, "be-municipality-71072");
    for (const limit of ["0x10", "1e1", " 5", "", "5.0"]) {
      const response = await admin.get(`/api/organisations?limit=${encodeURIComponent(limit)}`);
      expect(response.status, `limit=${limit}`).toBe(400);
      expect(response.data.errors[0].field).toBe("querystring.limit");
    }
    const read = await admin.get(`/api/organisations/${hasselt}`);
    const before = await auditCount();
    for (const website of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd"]) {
      const response = await admin.patch(
        `/api/organisations/${hasselt}`,
        { website },
        {
          "if-match": read.headers.get("etag") as string,
        },
      );
      expect(response.status, website).toBe(400);
      expect(response.data.errors[0].field).toBe("body.website");
    }
    for (const populationDate of ["0000-01-01", "2024-02-30", "10000-01-01"]) {
      const response = await admin.patch(
        `/api/organisations/${hasselt}`,
        { population: 1, populationDate },
        {
          "if-match": read.headers.get("etag") as string,
        },
      );
      expect(response.status, populationDate).toBe(400);
      expect(response.data.errors[0].field).toBe("body.populationDate");
    }
    expect(await auditCount()).toBe(before);
  });

  it("unknown routes answer a problem, not an HTML page", async () => {
    const response = await admin.get("/api/does-not-exist");
    expectProblem(response, "unknown route");
    expect(response.status).toBe(404);
  });
});

describe("system routes", () => {
  it("report health and readiness with the migrations", async () => {
    const client = new Client(server.url);
    expect((await client.get("/api/health")).data).toEqual({ status: "ok" });
    const ready = await client.get("/api/ready");
    expect(ready.status).toBe(200);
    expect(ready.data).toMatchObject({ status: "ready", migrations: { pending: 0 } });
    expect(ready.data.migrations.applied).toBeGreaterThan(0);
  });

  it("serve an OpenAPI 3.1 document and a readable reference", async () => {
    const client = new Client(server.url);
    const spec = await client.get("/api/openapi.json");
    expect(spec.data.openapi).toBe("3.1.0");
    expect(spec.data.components.schemas.Problem).toBeDefined();
    const docs = await client.get("/api/docs/");
    expect(docs.status).toBe(200);
    expect(String(docs.data)).toContain("swagger");
  });

  it("answer with a request id and security headers", async () => {
    const response = await new Client(server.url, { "x-request-id": "trace-123" }).get("/api/health");
    expect(response.headers.get("x-request-id")).toBe("trace-123");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self';");
    expect(response.headers.get("content-security-policy")).not.toMatch(/script-src[^;]*unsafe/);
    // Nothing the API answers is kept by a cache on the way; no transport security over plain http in tests.
    expect((await admin.get("/api/auth/session")).headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("strict-transport-security")).toBeNull();
    // The API reference has a policy of its own, as strict for scripts.
    const docs = await new Client(server.url).get("/api/docs/");
    expect(docs.headers.get("content-security-policy")).toMatch(/script-src 'self'/);
    expect(docs.headers.get("content-security-policy")).not.toContain("unsafe-inline");
  });

  it("in production over https, tell browsers to use https only", async () => {
    const config = loadConfig({
      NODE_ENV: "production",
      SESSION_SECRET: "x".repeat(40),
      PUBLIC_URL: "https://samen.example.org",
      SAMEN_DATA_DIR: server.config.dataDir,
      LOG_LEVEL: "silent",
    });
    const app = await buildServer({ config, database: server.database, logger: false });
    const response = await app.inject({ method: "GET", url: "/api/health" });
    expect(response.headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    await app.close();
  });

  it("answer addresses the router cannot take as problems, with the same headers", async () => {
    for (const [path, status] of [
      [`/api/organisations/${"a".repeat(500)}`, 414],
      ["/api/organisations/%ZZ", 400],
    ] as const) {
      const response = await admin.get(path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get("content-type"), path).toContain("application/problem+json");
      expect(response.headers.get("content-security-policy"), path).toContain("default-src 'self'");
    }
  });

  it("refuse a change that a page of another site sends with the session (cross-site request forgery)", async () => {
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const before = await auditCount();
    for (const headers of [
      { origin: "https://evil.example" } as Record<string, string>,
      { origin: "null" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ]) {
      // A form that posts itself: text/plain, no body the route needs.
      const response = await client.request("POST", "/api/me/calendar-feed", {
        body: "x=1",
        headers: { ...headers, "content-type": "text/plain" },
      });
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect((await client.request("POST", "/api/auth/sign-out", { headers })).status).toBe(403);
    }
    expect(await auditCount()).toBe(before);
    // From Samen's own pages it goes through, and so does a client that is not a browser.
    const own = await client.request("POST", "/api/me/calendar-feed", {
      headers: { origin: server.url, "sec-fetch-site": "same-origin" },
    });
    expect(own.status).toBe(201);
    expect((await client.get("/api/auth/session")).status).toBe(200);
  });

  it("keep the outbox for platform administrators when the demo is off", async () => {
    const viewer = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71016",
      role: "viewer",
    });
    expect((await viewer.client.get("/api/mails")).status).toBe(403);
    const platform = await signedInClient(server.url, server.database, { isPlatformAdmin: true });
    expect((await platform.client.get("/api/mails")).status).toBe(200);
  });
});
