import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestServer } from "../helpers/server.ts";
import { routeTable } from "./route-table.ts";
import { partiesOf, type RouteCase } from "./rules.ts";
import { clientFor, type Persona, type Standing, startWorld, type World } from "./world.ts";

/**
 * Every PATCH of the API, sent one field at a time with the value the thing already has: it must answer 200 and
 * leave every other field as it was (a partial edit that resets what it did not name loses people's work).
 */
let server: TestServer;
let world: World;
let spec: Awaited<ReturnType<typeof startWorld>>["spec"];

beforeAll(async () => {
  ({ server, world, spec } = await startWorld());
}, 180_000);
afterAll(() => server?.close());

const patches = Object.entries(routeTable).filter(([operation]) => operation.startsWith("PATCH "));
const preference: Standing[] = ["hr", "admin", "editor"];

/** The person who may make the edit: a signed-in HR officer, administrator or editor of a party it concerns. */
function editor(c: RouteCase): Persona | undefined {
  for (const relation of ["own", "served"] as const)
    for (const standing of preference) {
      const persona: Persona = { kind: "member", relation, standing };
      if (c.allow(persona)) return persona;
    }
  return undefined;
}

/** The fields a PATCH body takes, from the OpenAPI document. */
function fieldsOf(path: string): string[] {
  let schema = spec.paths[path]?.patch?.requestBody?.content?.["application/json"]?.schema;
  if (schema?.$ref) schema = spec.components.schemas[String(schema.$ref).split("/").pop() as string];
  return Object.keys(schema?.properties ?? {});
}

describe("every PATCH, one field at a time", () => {
  it("has a way to read back what it changes", () => {
    expect(patches.filter(([, c]) => !c.edit).map(([operation]) => operation)).toEqual([]);
  });

  it.each(patches)("%s changes only the field it names", async (operation, c) => {
    const edit = c.edit;
    if (!edit) return;
    const persona = editor(c);
    if (persona?.kind !== "member") throw new Error(`nobody may ${operation}`);
    const client = await clientFor(server.database, world.org[partiesOf(c)[persona.relation]], persona.standing);
    const template = operation.slice("PATCH ".length);
    const params = (edit.params ?? c.params)?.(world) ?? {};
    const url = template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
    const read = async () => {
      const response = await client.get(edit.read(world));
      expect(response.status, `reading ${edit.read(world)}`).toBe(200);
      const thing = edit.item ? edit.item(response.data, world) : response.data;
      const etag = edit.item
        ? thing.version === undefined
          ? null
          : `"v${thing.version}"`
        : response.headers.get("etag");
      return { thing, etag };
    };
    const fields = fieldsOf(template);
    expect(fields.length, `${operation} names its fields`).toBeGreaterThan(0);
    const wrong: string[] = [];
    // Each field alone; fields that only change together as one; transitions are tested where they are named.
    const groups = [
      ...(edit.together ?? []),
      ...fields
        .filter((f) => !edit.together?.some((g) => g.includes(f)) && !(f in (edit.transitions ?? {})))
        .map((f) => [f]),
    ];
    for (const group of groups) {
      const field = group.join("+");
      const before = await read();
      const samples = edit.samples?.(world, before.thing) ?? {};
      const body: Record<string, unknown> = {};
      for (const name of group) body[name] = name in samples ? samples[name] : before.thing[name];
      const missing = group.filter((name) => body[name] === undefined);
      if (missing.length) {
        wrong.push(`${missing.join(", ")}: no value to send (add it to the route table's samples)`);
        continue;
      }
      const response = await client.request("PATCH", url, {
        json: body,
        headers: before.etag ? { "if-match": before.etag } : {},
      });
      if (response.status < 200 || response.status > 299) {
        wrong.push(`${field}: ${response.status} ${JSON.stringify(response.data?.errors ?? response.data?.detail)}`);
        continue;
      }
      const after = await read();
      const ignored = new Set([
        ...group,
        ...group.map((name) => edit.shownAs?.[name] ?? name),
        "version",
        "updatedAt",
        ...(edit.derived ?? []),
      ]);
      for (const key of new Set([...Object.keys(before.thing), ...Object.keys(after.thing)])) {
        if (ignored.has(key)) continue;
        if (!isDeepStrictEqual(before.thing[key], after.thing[key]))
          wrong.push(
            `${field} changed ${key}: ${JSON.stringify(before.thing[key])} → ${JSON.stringify(after.thing[key])}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });
});
