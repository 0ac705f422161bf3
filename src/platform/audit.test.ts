import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../test/factories.ts";
import { startTestServer, type TestServer } from "../../test/helpers/server.ts";
import { auditAppend, auditedWrite, canonicalJson, recordAudit, verifyAuditChain } from "./audit.ts";
import { systemContext } from "./context.ts";
import { organisations } from "./db/schema.ts";

describe("canonical JSON", () => {
  it("gives the same text whatever the key order, at every level", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });
});

describe("the audit trail", () => {
  let server: TestServer;
  let hasselt: string;
  beforeAll(async () => {
    server = await startTestServer();
    hasselt = await organisationId(server.database, "be-municipality-71072");
  });
  afterAll(() => server.close());

  it("records who changed what, before and after, and shows it to the organisation's administrators only", async () => {
    const admin = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
      name: "Anna Admin",
    });
    const read = await admin.client.get(`/api/organisations/${hasselt}`);
    await admin.client.patch(
      `/api/organisations/${hasselt}`,
      { website: "https://www.hasselt.be" },
      { "if-match": read.headers.get("etag") ?? "" },
    );

    const history = await admin.client.get(`/api/audit?entityType=organisation&entityId=${hasselt}`);
    expect(history.status).toBe(200);
    expect(history.data.items[0]).toMatchObject({
      action: "update",
      actor: { name: "Anna Admin", organisationId: hasselt },
      before: { website: null },
      after: { website: "https://www.hasselt.be" },
    });
    expect(history.data.items[0].requestId).toBeTruthy();
    // Entity types are written with underscores too (survey_response, sub_agreement): their history reads alike.
    await server.database.db.transaction((tx) =>
      recordAudit(tx, systemContext("test"), {
        entityType: "survey_response",
        entityId: "answer-of-hasselt",
        ownerOrganisationId: hasselt,
        action: "update",
        after: { status: "submitted" },
      }),
    );
    const answer = await admin.client.get("/api/audit?entityType=survey_response&entityId=answer-of-hasselt");
    expect(answer.status).toBe(200);
    expect(answer.data.items).toMatchObject([{ action: "update", after: { status: "submitted" } }]);
    expect((await admin.client.get("/api/audit?entityType=Survey%20response&entityId=x")).status).toBe(400);

    const viewer = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "viewer",
    });
    const stranger = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71016",
      role: "admin",
    });
    const refused = await viewer.client.get(`/api/audit?entityType=organisation&entityId=${hasselt}`);
    const foreign = await stranger.client.get(`/api/audit?entityType=organisation&entityId=${hasselt}`);
    const nothing = await stranger.client.get("/api/audit?entityType=organisation&entityId=no-such-entity");
    expect([refused.status, foreign.status, nothing.status]).toEqual([404, 404, 404]);
    expect(foreign.data.detail).toBe(nothing.data.detail);
  });

  it("writes a row and its event in one statement: both, with the row as written, or neither", async () => {
    const ctx = systemContext("test");
    const event = (entityId: string) => ({
      entityType: "organisation",
      entityId,
      ownerOrganisationId: hasselt,
      action: "update",
      after: { website: "https://www.hasselt.be/samen" },
    });
    const eventsOf = async (entityId: string) =>
      (await server.database.raw("SELECT action, after FROM audit_events WHERE entity_id = $1", [entityId])) as {
        action: string;
        after: unknown;
      }[];
    const db = server.database.db;
    const [written] = await auditedWrite(
      db,
      db
        .update(organisations)
        .set({ website: "https://www.hasselt.be/samen" })
        .where(eq(organisations.id, hasselt))
        .returning(),
      auditAppend(ctx, event(hasselt)),
    );
    // The row comes back as drizzle reads the table: its own field names and types.
    expect(written).toMatchObject({ id: hasselt, website: "https://www.hasselt.be/samen" });
    expect(written?.updatedAt).toBeInstanceOf(Date);
    expect(await eventsOf(hasselt)).toContainEqual({
      action: "update",
      after: { website: "https://www.hasselt.be/samen" },
    });
    // Nothing written, nothing recorded.
    const none = "00000000-0000-4000-8000-000000000000";
    const missing = await auditedWrite(
      db,
      db.update(organisations).set({ website: null }).where(eq(organisations.id, none)).returning(),
      auditAppend(ctx, event(none)),
    );
    expect(missing).toEqual([]);
    expect(await eventsOf(none)).toEqual([]);
  });

  it("holds as a hash chain, and names the first event that was tampered with", async () => {
    const before = await verifyAuditChain(server.database.db);
    expect(before.brokenAt).toBeNull();
    expect(before.checked).toBeGreaterThan(1);

    const [victim] = (await server.database.raw("SELECT id FROM audit_events ORDER BY id LIMIT 1 OFFSET 1")) as {
      id: number;
    }[];
    await server.database.db.execute(
      sql`UPDATE audit_events SET after = '{"website":"https://forged.example"}'::jsonb WHERE id = ${victim?.id}`,
    );
    const after = await verifyAuditChain(server.database.db);
    expect(after.brokenAt).toBe(Number(victim?.id));
    expect(after.reason).toBe("content does not match its hash");
  });
});

describe("audit chains per organisation", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("link each organisation's events to its own, next to the older single chain, and catch an event moved", async () => {
    const hasselt = await organisationId(server.database, "be-municipality-71072");
    const genk = await organisationId(server.database, "be-municipality-71016");
    // An event of the single chain from before chains were split, as older installations hold them.
    const { hashEvent, genesisHash } = await import("./audit.ts");
    const legacy = {
      at: new Date("2026-01-01T00:00:00Z").toISOString(),
      actorUserId: null,
      actorTokenId: null,
      actorOrganisationId: null,
      entityType: "organisation",
      entityId: hasselt,
      ownerOrganisationId: hasselt,
      action: "update",
      before: null,
      after: { name: "Hasselt" },
      requestId: null,
    };
    const [last] = (await server.database.raw(
      "SELECT hash FROM audit_events WHERE chain_key IS NULL ORDER BY id DESC LIMIT 1",
    )) as { hash: string }[];
    const prev = last?.hash ?? genesisHash;
    await server.database.raw(
      `INSERT INTO audit_events (at, entity_type, entity_id, owner_organisation_id, action, after, prev_hash, hash)
       VALUES ($1, 'organisation', $2::text, $2::uuid, 'update', $3, $4, $5)`,
      [legacy.at, hasselt, JSON.stringify(legacy.after), prev, hashEvent(prev, legacy)],
    );
    for (const [owner, n] of [
      [hasselt, 1],
      [genk, 1],
      [hasselt, 2],
    ] as const) {
      await server.database.db.transaction((tx) =>
        recordAudit(tx, systemContext("test"), {
          entityType: "organisation",
          entityId: owner,
          ownerOrganisationId: owner,
          action: "update",
          after: { n },
        }),
      );
    }
    const chains = (await server.database.raw(
      "SELECT chain_key, prev_hash, hash FROM audit_events WHERE chain_key LIKE 'org:%' ORDER BY id",
    )) as { chain_key: string; prev_hash: string; hash: string }[];
    const ofHasselt = chains.filter((c) => c.chain_key === `org:${hasselt}`);
    expect(chains.find((c) => c.chain_key === `org:${genk}`)?.prev_hash).toBe(genesisHash);
    expect(ofHasselt[ofHasselt.length - 1]?.prev_hash).toBe(ofHasselt[ofHasselt.length - 2]?.hash);
    expect((await verifyAuditChain(server.database.db)).brokenAt).toBeNull();

    await server.database.raw("UPDATE audit_events SET chain_key = $1 WHERE chain_key = $2", [
      `org:${hasselt}`,
      `org:${genk}`,
    ]);
    const moved = await verifyAuditChain(server.database.db);
    expect(moved.brokenAt).not.toBeNull();
  });
});
