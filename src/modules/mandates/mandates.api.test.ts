import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, organisationId, signedInClient, testPassword } from "../../../test/factories.ts";
import { Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { ensureDemoCipal } from "../demo/demo-mandates.ts";

let server: TestServer;
const ids: Record<string, string> = {};
let hasseltAdmin: Client;
let cipalAdmin: Client;
let cipalEditor: Client;
let survey: string;

const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "radiogroup", name: "klaar", title: "Klaar voor de cloud?", isRequired: true, choices: ["ja", "nee"] },
      ],
    },
  ],
};

beforeAll(async () => {
  server = await startTestServer();
  ids.cipal = await server.database.db.transaction((tx) => ensureDemoCipal(tx));
  ids.hasselt = await organisationId(server.database, "be-municipality-71072");
  ids.genk = await organisationId(server.database, "be-municipality-71016");
  ids.limburg = await organisationId(server.database, "be-province-70000");
  ({ client: hasseltAdmin } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71072",
    role: "admin",
  }));
  ({ client: cipalAdmin } = await signedInClient(server.url, server.database, {
    organisationKey: "be-intermunicipal-0219395192",
    role: "admin",
  }));
  ({ client: cipalEditor } = await signedInClient(server.url, server.database, {
    organisationKey: "be-intermunicipal-0219395192",
    role: "editor",
    name: "Koen Wouters",
  }));
  const { client: province } = await signedInClient(server.url, server.database, {
    organisationKey: "be-province-70000",
    role: "editor",
  });
  const created = await province.post("/api/surveys", {
    title: "Cloud 2027",
    definition,
    audience: { kinds: ["municipality"], provinceIds: [ids.limburg] },
    deadline: "2099-12-31",
  });
  survey = created.data.id;
  const opened = await province.request("POST", `/api/surveys/${survey}/open`, { headers: { "if-match": '"v1"' } });
  expect(opened.status).toBe(200);
}, 120_000);
afterAll(() => server.close());

describe("a mandate", () => {
  let mandate: string;

  it("is offered by the grantor's administrator and refused when it makes no sense", async () => {
    const self = await hasseltAdmin.post(`/api/organisations/${ids.hasselt}/mandates`, {
      receiverId: ids.hasselt,
      scopes: ["surveys"],
    });
    expect(self.status).toBe(400);
    expect(self.data.errors[0]).toEqual({
      field: "receiverId",
      message: "Een organisatie geeft zichzelf geen mandaat.",
    });
    const none = await hasseltAdmin.post(`/api/organisations/${ids.hasselt}/mandates`, {
      receiverId: ids.cipal,
      scopes: [],
    });
    expect(none.status).toBe(400);
    expect(none.data.errors[0].field).toBe("body.scopes");
    const backwards = await hasseltAdmin.post(`/api/organisations/${ids.hasselt}/mandates`, {
      receiverId: ids.cipal,
      scopes: ["surveys"],
      startsOn: "2099-02-01",
      endsOn: "2099-01-01",
    });
    expect(backwards.status).toBe(400);
    expect(backwards.data.errors[0].field).toBe("endsOn");
    // Another organisation's administrator cannot give Hasselt's mandate.
    const foreign = await cipalAdmin.post(`/api/organisations/${ids.hasselt}/mandates`, {
      receiverId: ids.cipal,
      scopes: ["surveys"],
    });
    expect(foreign.status).toBe(404);

    const offered = await hasseltAdmin.post(`/api/organisations/${ids.hasselt}/mandates`, {
      receiverId: ids.cipal,
      scopes: ["surveys"],
    });
    expect(offered.status).toBe(201);
    expect(offered.data).toMatchObject({ status: "offered", current: false, receiver: { name: "Cipal" } });
    mandate = offered.data.id;
    const twice = await hasseltAdmin.post(`/api/organisations/${ids.hasselt}/mandates`, {
      receiverId: ids.cipal,
      scopes: ["settlements"],
    });
    expect(twice.status).toBe(409);
  });

  it("cannot be acted under before the receiver's administrator accepts it", async () => {
    const early = await cipalEditor.put("/api/auth/session/organisation", {
      organisationId: ids.hasselt,
      mandateId: mandate,
    });
    expect(early.status).toBe(404);
    // Only the receiver's administrator answers; not the grantor, not the receiver's editor.
    const grantorAnswers = await hasseltAdmin.post(`/api/mandates/${mandate}/answer`, { accept: true });
    expect(grantorAnswers.status, JSON.stringify(grantorAnswers.data)).toBe(403);
    expect((await cipalEditor.post(`/api/mandates/${mandate}/answer`, { accept: true })).status).toBe(404);
    const received = await cipalAdmin.get(`/api/organisations/${ids.cipal}/mandates`);
    expect(received.data.received).toHaveLength(1);
    expect(received.data.received[0].abilities).toEqual({ answer: true, revoke: true });
    const accepted = await cipalAdmin.post(`/api/mandates/${mandate}/answer`, { accept: true });
    expect(accepted.status).toBe(200);
    expect(accepted.data).toMatchObject({ status: "accepted", current: true });
    expect((await cipalAdmin.post(`/api/mandates/${mandate}/answer`, { accept: false })).status).toBe(409);
  });

  it("lets the receiver's editor answer the grantor's survey, recorded as 'Cipal voor Hasselt' for both", async () => {
    const session = await cipalEditor.get("/api/auth/session");
    expect(session.data.mandates).toEqual([
      expect.objectContaining({ id: mandate, organisationId: ids.hasselt, receiverName: "Cipal", scopes: ["surveys"] }),
    ]);
    const switched = await cipalEditor.put("/api/auth/session/organisation", {
      organisationId: ids.hasselt,
      mandateId: mandate,
    });
    expect(switched.status).toBe(200);
    expect(switched.data.activeOrganisation).toMatchObject({
      id: ids.hasselt,
      role: "editor",
      mandate: { id: mandate, receiverName: "Cipal", scopes: ["surveys"] },
    });
    expect(Object.values(switched.data.abilities).every((a) => a === false)).toBe(true);

    // Within the scope: read, draft and submit Hasselt's answer.
    expect((await cipalEditor.get(`/api/surveys/${survey}`)).status).toBe(200);
    const draft = await cipalEditor.request("PUT", `/api/surveys/${survey}/response`, {
      json: { data: { klaar: "ja" } },
      headers: { "if-match": '"v0"' },
    });
    expect(draft.status).toBe(200);
    const submitted = await cipalEditor.request("POST", `/api/surveys/${survey}/response/submit`, {
      headers: { "if-match": `"v${draft.data.version}"` },
    });
    expect(submitted.status).toBe(200);

    // Outside it: refused before anything runs, reads and writes alike.
    const outside = await cipalEditor.get(`/api/organisations/${ids.hasselt}/users`);
    expect(outside.status).toBe(403);
    expect(outside.data.detail).toBe("Onder dit mandaat mag u dit niet. Wissel terug naar uw eigen organisatie.");
    expect((await cipalEditor.post("/api/surveys", { title: "x", definition })).status).toBe(403);
    expect((await cipalEditor.get(`/api/organisations/${ids.hasselt}/mandates`)).status).toBe(403);

    // Hasselt sees who answered: the person, for Cipal, for Hasselt.
    const answer = await hasseltAdmin.get(`/api/surveys/${survey}/response`);
    expect(answer.data.submittedBy).toBe("Koen Wouters (Cipal voor Hasselt)");
    // Both sides read what was done under the mandate.
    for (const side of [hasseltAdmin, cipalAdmin]) {
      const actions = await side.get(`/api/mandates/${mandate}/actions`);
      expect(actions.status).toBe(200);
      expect(actions.data.items.map((i: { entityType: string }) => i.entityType)).toEqual(["survey_response"]);
      expect(actions.data.items.every((i: { actor: string }) => i.actor === "Koen Wouters")).toBe(true);
    }
    // Genk has no part in it.
    const { client: genkAdmin } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71016",
      role: "admin",
    });
    expect((await genkAdmin.get(`/api/mandates/${mandate}/actions`)).status).toBe(404);
    // The audit trail's chain still verifies with events "for" another organisation in it.
    const { verifyAuditChain } = await import("../../platform/audit.ts");
    expect((await verifyAuditChain(server.database.db)).brokenAt).toBeNull();
  });

  it("ends when revoked: sessions under it act for no organisation, and it cannot be answered again", async () => {
    const revoked = await hasseltAdmin.post(`/api/mandates/${mandate}/revoke`, {});
    expect(revoked.status).toBe(200);
    expect(revoked.data).toMatchObject({ status: "revoked", current: false });
    const after = await cipalEditor.get("/api/auth/session");
    expect(after.data.activeOrganisation).toBeNull();
    expect(after.data.mandates).toEqual([]);
    expect((await cipalEditor.get(`/api/surveys/${survey}/response`)).status).not.toBe(200);
    expect((await hasseltAdmin.post(`/api/mandates/${mandate}/revoke`, {})).status).toBe(409);
    // A new one may be offered once the old one is over; the receiver may decline it.
    const again = await hasseltAdmin.post(`/api/organisations/${ids.hasselt}/mandates`, {
      receiverId: ids.cipal,
      scopes: ["register", "settlements"],
      endsOn: "2099-12-31",
    });
    expect(again.status).toBe(201);
    const declined = await cipalAdmin.post(`/api/mandates/${again.data.id}/answer`, { accept: false });
    expect(declined.data.status).toBe("declined");
  });

  it("is held only by the receiver's editors and administrators", async () => {
    const viewer = await buildUser(server.database, {
      organisationKey: "be-intermunicipal-0219395192",
      role: "viewer",
    });
    const client = new Client(server.url);
    await client.post("/api/auth/sign-in", { email: viewer.email, password: testPassword });
    expect((await client.get("/api/auth/session")).data.mandates).toEqual([]);
  });
});
