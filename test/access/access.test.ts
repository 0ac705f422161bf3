import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../src/platform/db/schema.ts";
import type { Client, TestServer } from "../helpers/server.ts";
import { routeTable, tableGaps } from "./route-table.ts";
import { partiesOf, type RouteCase } from "./rules.ts";
import {
  clientFor,
  nameOf,
  type Persona,
  personas,
  platformAdmin,
  standings,
  startWorld,
  type World,
} from "./world.ts";

/**
 * Every operation of the API, asked by every persona (anonymous; a platform administrator; a viewer, editor,
 * administrator, HR officer, read token and write token of the organisation that owns the thing, of the one it
 * serves or that takes part, and of one that has nothing to do with it): let through or refused as the route
 * table says, refusals as problem+json that change nothing.
 */
let server: TestServer;
let world: World;
let spec: Awaited<ReturnType<typeof startWorld>>["spec"];

beforeAll(async () => {
  ({ server, world, spec } = await startWorld());
  // Every persona signs in before anything is counted: signing in is recorded in the audit trail too.
  await platformAdmin(server.database);
  for (const organisation of Object.values(world.org))
    for (const standing of standings) await clientFor(server.database, organisation, standing);
}, 180_000);
const tally = { asked: 0, refused: 0, passed: 0 };
afterAll(async () => {
  // The figures docs/security.md quotes.
  console.info(
    `access matrix: ${Object.keys(routeTable).length} operations, ${tally.asked} requests, ${tally.refused} refused as the table says, ${tally.passed} let through`,
  );
  await server?.close();
});

const refusals = new Set([401, 403, 404]);

async function clientOf(persona: Persona, c: RouteCase): Promise<Client | null> {
  if (persona.kind === "anonymous") return null;
  if (persona.kind === "platform") return platformAdmin(server.database);
  return clientFor(server.database, world.org[partiesOf(c)[persona.relation]], persona.standing);
}

async function ask(operation: string, c: RouteCase, client: Client | null) {
  const [method, template] = operation.split(" ") as [string, string];
  const params = c.params?.(world) ?? {};
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const url = `${path}${c.query ? `?${c.query(world)}` : ""}`;
  const body = c.body?.(world);
  const headers: Record<string, string> = {};
  if (c.effect === "versioned") headers["if-match"] = '"v999999"';
  if (body !== undefined) headers["content-type"] = c.contentType ?? "application/json";
  const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  if (client) return client.request(method, url, { ...(payload !== undefined ? { body: payload } : {}), headers });
  const response = await fetch(`${server.url}${url}`, { method, headers, body: payload ?? null });
  const text = await response.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {}
  return { status: response.status, headers: response.headers, data };
}

const auditCount = async () => (await server.database.db.select({ id: auditEvents.id }).from(auditEvents)).length;

describe("the route table", () => {
  it("names every operation of the API, and no operation that is gone", () => {
    expect(tableGaps(spec)).toEqual({ missing: [], stale: [] });
  });

  it("fails when a route is added without an entry", () => {
    const withNew = { paths: { ...spec.paths, "/api/things/{id}": { delete: {} } } };
    expect(tableGaps(withNew).missing).toEqual(["DELETE /api/things/{id}"]);
  });
});

describe("every operation, asked by every persona", () => {
  const operations = Object.entries(routeTable).filter(([, c]) => c.effect !== "public");
  it.each(operations)("%s", async (operation, c) => {
    const wrong: string[] = [];
    // Refusals first: a refused write that got through would change the world the others are asked in.
    const ordered = [...personas].sort((a, b) => Number(c.allow(a)) - Number(c.allow(b)));
    for (const persona of ordered) {
      const allowed = c.allow(persona);
      const writes = c.effect !== "read";
      if (allowed && c.effect === "transition") continue;
      const unchanged = writes && (!allowed || c.effect === "versioned");
      const before = unchanged ? await auditCount() : 0;
      const response = await ask(operation, c, await clientOf(persona, c));
      tally.asked++;
      if (refusals.has(response.status)) tally.refused++;
      else tally.passed++;
      const who = nameOf(persona);
      if (response.status >= 500) wrong.push(`${who}: ${response.status}`);
      else if (allowed) {
        if (refusals.has(response.status)) wrong.push(`${who}: refused with ${response.status}, should pass`);
        if (c.effect === "versioned" && !(response.status >= 400 && response.status < 500))
          wrong.push(`${who}: ${response.status} to a stale If-Match, expected it refused with a reason`);
      } else {
        if (!refusals.has(response.status)) wrong.push(`${who}: ${response.status}, should be refused`);
        else if (!String(response.headers.get("content-type")).includes("application/problem+json"))
          wrong.push(`${who}: a refusal that is not problem+json`);
      }
      if (unchanged && (await auditCount()) !== before) {
        wrong.push(`${who}: a write that was not to happen changed the audit trail`);
        break;
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("what the web app offers", () => {
  // Each ability the session sends, and the operation whose rule it must follow.
  const offers = {
    createCollaboration: "POST /api/collaborations",
    createFramework: "POST /api/frameworks",
    createSurvey: "POST /api/surveys",
    openBundle: "POST /api/purchase-bundles",
    startScan: "POST /api/scans",
    importRegister: "POST /api/imports/{kind}",
  } as const;
  it("follows the same rules as the API, for every persona", async () => {
    const wrong: string[] = [];
    for (const persona of personas.filter((p) => p.kind !== "anonymous")) {
      const c = routeTable["GET /api/auth/session"] as RouteCase;
      const client = await clientOf(persona, c);
      const session = await client?.get("/api/auth/session");
      for (const [ability, operation] of Object.entries(offers)) {
        const expected = (routeTable[operation] as RouteCase).allow(persona);
        if (session?.data.abilities[ability] !== expected)
          wrong.push(
            `${nameOf(persona)}: ${ability} is ${session?.data.abilities[ability]}, ${operation} says ${expected}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });
});
