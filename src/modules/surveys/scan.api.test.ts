import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { pdfText } from "../../../test/helpers/pdf.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { factors } from "./scan.ts";

let server: TestServer;
let municipality: { editor: Client; admin: Client };
let ocmw: Client;
let genk: Client;
const ids: Record<string, string> = {};

/** Every statement of a factor at the given value (1–5). */
const answers = (values: Record<string, number>) =>
  Object.fromEntries(
    factors.map((f) => [f, Object.fromEntries([1, 2, 3, 4].map((i) => [`${f}${i}`, values[f] ?? 3]))]),
  );

async function answer(client: Client, scan: string, values: Record<string, number>) {
  const current = await client.get(`/api/surveys/${scan}/response`);
  const saved = await client.request("PUT", `/api/surveys/${scan}/response`, {
    json: { data: answers(values) },
    headers: { "if-match": `"v${current.data.version}"` },
  });
  expect(saved.status).toBe(200);
  const submitted = await client.request("POST", `/api/surveys/${scan}/response/submit`, {
    headers: { "if-match": `"v${saved.data.version}"` },
  });
  expect(submitted.status).toBe(200);
}

beforeAll(async () => {
  server = await startTestServer();
  ids.ocmw = await organisationId(server.database, "be-ocmw-71072");
  municipality = {
    editor: (
      await signedInClient(server.url, server.database, { organisationKey: "be-municipality-71072", role: "editor" })
    ).client,
    admin: (
      await signedInClient(server.url, server.database, { organisationKey: "be-municipality-71072", role: "admin" })
    ).client,
  };
  ({ client: ocmw } = await signedInClient(server.url, server.database, {
    organisationKey: "be-ocmw-71072",
    role: "admin",
  }));
  ({ client: genk } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71016",
    role: "admin",
  }));
});
afterAll(() => server.close());

describe("a readiness scan between a municipality and its OCMW", () => {
  let first: string;

  it("is started by the municipality with the OCMW as partner, and needs a partner", async () => {
    const none = await municipality.editor.post("/api/scans", { title: "Scan", partnerIds: [] });
    expect(none.status).toBe(400);
    const created = await municipality.editor.post("/api/scans", {
      title: "Hasselt en OCMW 2024",
      partnerIds: [ids.ocmw],
    });
    expect(created.status).toBe(201);
    first = created.data.id;
    const before = await ocmw.get(`/api/scans/${first}`);
    expect(before.data).toMatchObject({ advice: null, mayAnswer: true });
    expect(before.data.parties.map((p: { submitted: boolean }) => p.submitted)).toEqual([false, false]);
    expect((await genk.get(`/api/scans/${first}`)).status).toBe(404);
    expect((await ocmw.get("/api/scans")).data.items.map((s: { id: string }) => s.id)).toEqual([first]);
    expect((await ocmw.get("/api/surveys")).data.items).toEqual([]);
    // The partner's invitation names the initiator from the register and carries nothing the initiator typed.
    const [mail] = (await server.database.raw(
      "select subject, text from mails where subject like 'Samenwerkingsscan%' order by created_at desc limit 1",
    )) as { subject: string; text: string }[];
    expect(mail?.subject).toBe("Samenwerkingsscan: uitnodiging van Hasselt");
    expect(mail?.text).not.toContain("Hasselt en OCMW 2024");
    const linked = await municipality.editor.post("/api/scans", {
      title: "Log in op www.samen-login.example",
      partnerIds: [ids.ocmw],
    });
    expect(linked.status).toBe(400);
    expect(linked.data.errors[0].field).toBe("body.title");
  });

  it("scores both parties once they answered, with the ladder step, its reasons and next steps", async () => {
    await answer(municipality.admin, first, { draagvlak: 4, historiek: 3, middelen: 3, kansen: 4, organisatie: 3 });
    await answer(ocmw, first, { draagvlak: 3, historiek: 3, middelen: 2, kansen: 4, organisatie: 3 });
    const { data } = await municipality.editor.get(`/api/scans/${first}`);
    expect(data.parties.map((p: { scores: Record<string, number> }) => p.scores.draagvlak).sort()).toEqual([50, 75]);
    expect(data.gaps).toEqual({ draagvlak: 25, historiek: 0, middelen: 25, kansen: 0, organisatie: 0 });
    expect(data.advice.step).toBe(1);
    expect(data.advice.because[0]).toEqual({ rule: "weakest", factor: "middelen", value: 25, capsAt: 1 });
    expect(data.nextSteps.map((s: { factor: string }) => s.factor)).toEqual([
      "draagvlak",
      "historiek",
      "middelen",
      "organisatie",
    ]);
    const pdf = await ocmw.download(`/api/scans/${first}/report.pdf`);
    expect(pdf.type).toBe("application/pdf");
    const text = await pdfText(pdf.bytes);
    expect(text).toContain("Samenwerkingsscan");
    expect(text).toContain("trede 1 van 6");
    expect(text).toContain("Middelen");
  });

  it("compares a later scan of the same parties with the earlier one", async () => {
    const created = await ocmw.post("/api/scans", {
      title: "Hasselt en OCMW 2026",
      partnerIds: [await organisationId(server.database, "be-municipality-71072")],
    });
    const later = created.data.id;
    await answer(municipality.admin, later, { draagvlak: 5, historiek: 4, middelen: 4, kansen: 5, organisatie: 4 });
    await answer(ocmw, later, { draagvlak: 5, historiek: 4, middelen: 4, kansen: 4, organisatie: 4 });
    const { data } = await municipality.admin.get(`/api/scans/${later}`);
    // Both at 75 or more (step 5), but they see the opportunities 25 points apart: one step off.
    expect(data.advice.step).toBe(4);
    expect(data.advice.because.map((b: { rule: string }) => b.rule)).toEqual(["weakest", "gap"]);
    expect(data.history).toHaveLength(1);
    expect(data.history[0]).toMatchObject({ id: first, step: 1 });
  });
});
