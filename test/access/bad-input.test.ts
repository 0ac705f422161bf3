import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "../../src/platform/db/schema.ts";
import type { Client, TestServer } from "../helpers/server.ts";
import { routeTable } from "./route-table.ts";
import { partiesOf, type RouteCase } from "./rules.ts";
import { clientFor, type Persona, platformAdmin, type Standing, startWorld, type World } from "./world.ts";

/**
 * Bad input in every field of every operation, sent by someone the operation lets through (so it reaches the
 * use case, not only the door): every path parameter, every query parameter the OpenAPI document names, and
 * every field of a valid body, replaced by text no field takes (NUL, lone surrogates), text that looks like
 * something else (right-to-left marks, "0x10", "1e309"), dates at and past the edges, huge and deep values.
 * No answer is a 5xx; every refusal is problem+json; a refused request changes nothing.
 */
let server: TestServer;
let world: World;
let spec: Awaited<ReturnType<typeof startWorld>>["spec"];

beforeAll(async () => {
  ({ server, world, spec } = await startWorld());
}, 180_000);
const tally = { requests: 0, refused: 0, accepted: 0 };
afterAll(async () => {
  // The figures docs/security.md quotes.
  console.info(
    `bad input: ${tally.requests} requests over ${Object.keys(routeTable).length} operations, ${tally.refused} refused as problems, ${tally.accepted} accepted`,
  );
  await server?.close();
});

let deep: unknown = "bottom";
for (let i = 0; i < 1_000; i++) deep = { d: deep };

/** What people (and attackers) type into fields: each kind of trouble once, then fast-check's own strings. */
/**
 * Each kind of trouble once: every field gets every one of them in the long run (`npm run test:long`), and the
 * first of each kind in the quick one that `npm test` runs.
 */
const allTroubles: unknown[] = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\u202eevil\u202c",
  "\u200f\u200e",
  "0000-01-01",
  "0000-00-00",
  "9999-12-31",
  "10000-01-01",
  "2024-02-30",
  "-000001-01-01",
  "+275760-09-13",
  "1970-01-01T00:00:00Z",
  "0x10",
  "1e309",
  "-1",
  "NaN",
  "",
  " ",
  "../../etc/passwd",
  "' OR 1=1 --",
  '=HYPERLINK("https://evil.example")',
  "javascript:alert(1)",
  "x".repeat(70_000),
  -1,
  0,
  2 ** 53,
  1e308,
  -1e308,
  0.1,
  true,
  null,
  [],
  {},
  ["\u0000"],
  { "\u0000": 1 },
  deep,
];

const long = process.env.SAMEN_TESTS === "long";
const quickTroubles: unknown[] = [
  "a\u0000b",
  "\ud800",
  "\u202eevil\u202c",
  "0000-01-01",
  "0x10",
  "x".repeat(70_000),
  0,
  null,
  deep,
];
const troubles = long ? allTroubles : quickTroubles;

/** And then what fast-check makes up. */
const nasty = fc.oneof(
  fc.constantFrom<unknown>(...allTroubles),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.integer(),
  fc.double(),
);

/** Path and query values are text: the same trouble, written in an address. */
const asText = (v: unknown) => (typeof v === "string" ? v : (JSON.stringify(v) ?? "")).slice(0, 3000);
const nastyText = nasty.map(asText);

/** A value written into an address as a browser would: percent-encoded UTF-8 (a lone surrogate as U+FFFD). */
const inAddress = (value: string) =>
  [...Buffer.from(value, "utf8")]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, "0")}`,
    )
    .join("");

const auditCount = async () => (await server.database.db.select({ id: auditEvents.id }).from(auditEvents)).length;

async function allowedClient(c: RouteCase): Promise<Client | null> {
  const order: Standing[] = ["hr", "admin", "editor", "viewer", "tokenWrite"];
  for (const relation of ["own", "served", "foreign"] as const)
    for (const standing of order) {
      const persona: Persona = { kind: "member", relation, standing };
      if (c.allow(persona)) return clientFor(server.database, world.org[partiesOf(c)[relation]], standing);
    }
  if (c.allow({ kind: "platform" })) return platformAdmin(server.database);
  return null;
}

/** Every leaf of a value with its path, to replace one at a time; an object's or array's own place too. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [path];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [path, ...entries.flatMap(([key, v]) => leaves(v, [...path, key]))];
}

function replaced(value: unknown, path: (string | number)[], by: unknown): unknown {
  if (!path.length) return by;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[head] = replaced(copy[head], rest, by);
  return copy;
}

// Sign-out and what deletes the world's things go last, so the others are asked in the world as it was.
const last = ["POST /api/auth/sign-out", "POST /api/organisations/{id}/merge", "DELETE /api/tokens/{id}"];
const operations = Object.entries(routeTable).sort(([a], [b]) => Number(last.includes(a)) - Number(last.includes(b)));

describe("bad input in every field of every operation", () => {
  it.each(operations)("%s", async (operation, c) => {
    const [method, template] = operation.split(" ") as [string, string];
    const client = c.allow({ kind: "anonymous" }) ? null : await allowedClient(c);
    const params = c.params?.(world) ?? {};
    const query = new URLSearchParams(c.query?.(world) ?? "");
    const queryNames = [
      ...new Set([
        ...query.keys(),
        ...(
          (spec.paths[template.replace(/^\/api/, "/api")]?.[method.toLowerCase()]?.parameters ?? []) as {
            in: string;
            name: string;
          }[]
        )
          .filter((p) => p.in === "query")
          .map((p) => p.name),
      ]),
    ];
    const body = c.body?.(world);
    const wrong: string[] = [];

    const send = async (what: string, path: Record<string, unknown>, q: URLSearchParams, b: unknown) => {
      const url =
        template.replace(/\{(\w+)\}/g, (_, name: string) => inAddress(String(path[name]))) + (q.size ? `?${q}` : "");
      const headers: Record<string, string> = {};
      if (c.effect === "versioned") headers["if-match"] = '"v999999"';
      let payload: string | undefined;
      if (b !== undefined) {
        headers["content-type"] = c.contentType ?? "application/json";
        payload = typeof b === "string" ? b : JSON.stringify(b);
      }
      const before = await auditCount();
      const response = client
        ? await client.request(method, url, { ...(payload !== undefined ? { body: payload } : {}), headers })
        : await fetch(`${server.url}${url}`, { method, headers, body: payload ?? null }).then(async (r) => ({
            status: r.status,
            headers: r.headers,
            data: await r.text(),
          }));
      tally.requests++;
      if (response.status >= 400) tally.refused++;
      else tally.accepted++;
      if (response.status >= 500) wrong.push(`${what}: ${response.status}`);
      if (response.status >= 400) {
        if (!String(response.headers.get("content-type")).includes("application/problem+json"))
          wrong.push(`${what}: ${response.status} not as problem+json`);
        if ((await auditCount()) !== before) wrong.push(`${what}: refused with ${response.status} but changed`);
      }
    };

    const inPathAndQuery = async (value: string) => {
      for (const name of Object.keys(params)) await send(`path ${name}`, { ...params, [name]: value }, query, body);
      for (const name of queryNames) {
        const q = new URLSearchParams(query);
        q.set(name, value);
        await send(`query ${name}`, params, q, body);
      }
    };
    const places = body !== undefined && typeof body === "object" ? leaves(body) : [];
    const inBody = async (place: (string | number)[], value: unknown) =>
      send(`body ${place.join(".") || "(whole)"}`, params, query, replaced(body, place, value));
    // Every trouble in every place, then as many made-up values as there are places.
    for (const trouble of troubles) {
      await inPathAndQuery(asText(trouble));
      for (const place of places) await inBody(place, trouble);
    }
    await fc.assert(fc.asyncProperty(nastyText, inPathAndQuery), { numRuns: long ? 40 : 2 });
    if (places.length)
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...places), nasty, (place, value) => inBody(place, value)),
        { numRuns: long ? places.length * 30 : places.length * 2 },
      );
    expect(wrong).toEqual([]);
  });
});
