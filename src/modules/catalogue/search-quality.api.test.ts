import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInClient, withDemoCatalogue } from "../../../test/factories.ts";
import type { Client, TestServer } from "../../../test/helpers/server.ts";
import { startTestServer } from "../../../test/helpers/server.ts";

/** The search-quality set: realistic searches with the entry each should find (test/search-quality/queries.json). */
const { queries } = JSON.parse(
  readFileSync(new URL("../../../test/search-quality/queries.json", import.meta.url), "utf8"),
) as { queries: { q: string; expect: string; kind: string }[] };

let server: TestServer;
let limburg: string;
let genk: Client;

beforeAll(async () => {
  server = await startTestServer();
  limburg = await withDemoCatalogue(server.database);
  ({ client: genk } = await signedInClient(server.url, server.database, { organisationKey: "be-municipality-71016" }));
});
afterAll(() => server.close());

describe("the catalogue's search quality", () => {
  it("has at least 40 queries of every kind, each expecting an entry that exists", async () => {
    expect(queries.length).toBeGreaterThanOrEqual(40);
    const kinds = new Set(queries.map((q) => q.kind));
    for (const kind of ["typo", "inflection", "synonym", "short", "long", "compound"]) expect(kinds).toContain(kind);
    const { data } = await genk.get(`/api/catalogues/${limburg}/entries?limit=200`);
    const known = new Set(data.items.map((i: { key: string }) => i.key));
    for (const q of queries) expect(known, q.q).toContain(q.expect);
  });

  it("puts the expected entry in the top 3 for at least 90% of the queries", async () => {
    const misses: string[] = [];
    for (const { q, expect: key } of queries) {
      const { status, data } = await genk.get(`/api/catalogues/${limburg}/entries?q=${encodeURIComponent(q)}&limit=3`);
      expect(status).toBe(200);
      const top = data.items.map((i: { key: string }) => i.key);
      if (!top.includes(key)) misses.push(`"${q}" → ${key} (got ${top.join(", ") || "nothing"})`);
    }
    const share = (queries.length - misses.length) / queries.length;
    expect(share, `missed:\n${misses.join("\n")}`).toBeGreaterThanOrEqual(0.9);
  });
});
