import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";

let server: TestServer;
let client: Client;
let hasselt: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ client } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71016",
    role: "viewer",
  }));
  hasselt = await organisationId(server.database, "be-municipality-71072");
});
afterAll(() => server.close());

describe("an organisation's opportunities", () => {
  it("follow from the real register: what its neighbours take part in and it does not", async () => {
    const { status, data } = await client.get(`/api/organisations/${hasselt}/opportunities?asOf=2025-06-01`);
    expect(status).toBe(200);
    expect(data.neighbours.map((n: { name: string }) => n.name)).toContain("Genk");
    const portfolio = await client.get(`/api/organisations/${hasselt}/collaborations?asOf=2025-06-01`);
    const own = new Set(portfolio.data.items.map((p: { collaboration: { id: string } }) => p.collaboration.id));
    expect(data.portfolio.collaboration + data.portfolio.outsourcing).toBeGreaterThan(0);
    expect(data.fromNeighbours.length).toBeGreaterThan(0);
    const neighbourIds = new Set(data.neighbours.map((n: { id: string }) => n.id));
    for (const o of data.fromNeighbours) {
      // Not one Hasselt is in; each with at least one neighbour in it, and no more neighbours than members.
      expect(own.has(o.collaboration.id)).toBe(false);
      expect(o.neighbourMembers.length).toBeGreaterThan(0);
      expect(o.neighbourMembers.every((n: { id: string }) => neighbourIds.has(n.id))).toBe(true);
      expect(o.members).toBeGreaterThanOrEqual(o.neighbourMembers.length);
    }
    // The most neighbours first.
    const counts = data.fromNeighbours.map((o: { neighbourMembers: unknown[] }) => o.neighbourMembers.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it("answers 404 for an organisation that does not exist, and refuses a date that is not one", async () => {
    expect((await client.get(`/api/organisations/${crypto.randomUUID()}/opportunities`)).status).toBe(404);
    const bad = await client.get(`/api/organisations/${hasselt}/opportunities?asOf=2025-13-01`);
    expect(bad.status).toBe(400);
  });
});
