import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCipal } from "../../src/modules/demo/demo-mandates.ts";
import { alwaysUnderMandate, mandateScopes, scopeOperations } from "../../src/modules/mandates/policy.ts";
import { auditEvents, mandates } from "../../src/platform/db/schema.ts";
import { organisationId, signedInClient } from "../factories.ts";
import { type Client, startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * What a mandate opens, over every operation of the API: someone acting for Hasselt under a mandate to answer its
 * surveys reaches the operations of that scope (and their own session), and is refused every other one before
 * anything runs. A route added tomorrow is refused under a mandate the day it is added, until a scope names it.
 */
let server: TestServer;
let underMandate: Client;
let operations: string[];
const outOfScope = "Onder dit mandaat mag u dit niet. Wissel terug naar uw eigen organisatie.";

beforeAll(async () => {
  server = await startTestServer();
  const cipal = await server.database.db.transaction((tx) => ensureDemoCipal(tx));
  const hasselt = await organisationId(server.database, "be-municipality-71072");
  const [mandate] = await server.database.db
    .insert(mandates)
    .values({ grantorId: hasselt, receiverId: cipal, scopes: ["surveys"], startsOn: "2020-01-01", status: "accepted" })
    .returning({ id: mandates.id });
  ({ client: underMandate } = await signedInClient(server.url, server.database, {
    organisationKey: "be-intermunicipal-0219395192",
    role: "admin",
  }));
  const switched = await underMandate.put("/api/auth/session/organisation", {
    organisationId: hasselt,
    mandateId: mandate?.id,
  });
  expect(switched.status).toBe(200);
  const spec = (await underMandate.get("/api/openapi.json")).data as { paths: Record<string, object> };
  operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
  );
}, 120_000);
afterAll(() => server.close());

describe("acting under a mandate", () => {
  it("names only operations the API has", () => {
    const named = [...alwaysUnderMandate, ...mandateScopes.flatMap((s) => scopeOperations[s])];
    expect(named.filter((op) => !operations.includes(op))).toEqual([]);
  });

  it("refuses every operation outside its scopes, before anything runs", async () => {
    const open = new Set([...alwaysUnderMandate, ...scopeOperations.surveys]);
    const before = (await server.database.db.select({ id: auditEvents.id }).from(auditEvents)).length;
    const passed: string[] = [];
    let asked = 0;
    for (const operation of operations) {
      if (open.has(operation)) continue;
      const [method, template] = operation.split(" ") as [string, string];
      // Any value does: the refusal comes before the parameters are read.
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === "year" ? "2026" : "00000000-0000-4000-8000-000000000000",
      );
      const response = await underMandate.request(method, path, method === "GET" ? {} : { json: {} });
      asked++;
      if (response.status !== 403 || response.data?.detail !== outOfScope)
        passed.push(`${operation}: ${response.status}`);
    }
    expect(passed).toEqual([]);
    expect(asked).toBeGreaterThan(150);
    const after = (await server.database.db.select({ id: auditEvents.id }).from(auditEvents)).length;
    expect(after).toBe(before);
  });
});
