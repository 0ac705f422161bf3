import { eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submittedColumns } from "../../src/modules/surveys/answer-items.ts";
import { segmentsOf } from "../../src/modules/surveys/audience.ts";
import { questionsOf } from "../../src/modules/surveys/definition.ts";
import { surveyResponses, surveys } from "../../src/platform/db/schema.ts";
import { organisationId, signedInClient } from "../factories.ts";
import { expectAccessible, launchBrowser, signedInPage } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** The province builds a survey, invites Limburg's municipalities; two officials of Hasselt draft, one approves. */
let server: TestServer;
let browser: Browser;
let surveyUrl = "";

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signIn = (options: Parameters<typeof signedInPage>[3]) =>
  signedInPage(browser, server.url, server.database, options);

describe("a survey from building to segmented results", { timeout: 120_000 }, () => {
  it("is built by the province, with a question of its own, and sent to Limburg's municipalities", async () => {
    const page = await signIn({ organisationKey: "be-province-70000", role: "editor" });
    await page.goto(`${server.url}/enquetes`);
    await page.getByText("Uw organisatie heeft nog geen enquête opgesteld.").waitFor();
    await expectAccessible(page, "empty survey list");
    await page.getByRole("button", { name: "Nieuwe enquête" }).click();
    await page.getByLabel("Titel", { exact: true }).fill("Smart City 2026");
    await page.getByRole("button", { name: "Aanmaken" }).click();
    await page.getByRole("heading", { level: 1, name: "Smart City 2026" }).waitFor();
    surveyUrl = page.url();

    await page.getByRole("button", { name: "Vraag toevoegen" }).click();
    await page.getByLabel("Soort vraag").selectOption("rating");
    await page.getByLabel("Vraag in het Nederlands").fill("Hoe belangrijk is smart city?");
    await page.getByLabel("Vraag in het Engels").fill("How important is smart city?");
    await page.getByRole("checkbox", { name: "verplicht" }).last().check();
    await expectAccessible(page, "question editor");
    await page.getByRole("button", { name: "Vragen bewaren" }).click();
    await page.getByText("Bewaard.").first().waitFor();
    await page.getByText("Hoe belangrijk is smart city?").waitFor();

    await page.getByRole("checkbox", { name: "Gemeente", exact: true }).check();
    await page.getByLabel("In de provincie").selectOption({ label: "Provincie Limburg (België)" });
    await page.getByRole("button", { name: "Bewaren", exact: true }).click();
    await page.getByText("Bewaard.").first().waitFor();
    await page.getByRole("button", { name: "Openen en uitnodigen" }).click();
    // Opening asks to confirm, and says who has nobody in Samen to receive the invitation.
    await page.getByRole("heading", { name: "Enquête openen?" }).waitFor();
    await page.getByText(/organisaties hebben nog niemand in Samen om de uitnodiging te ontvangen/).waitFor();
    await page.getByText("Welke organisaties").click();
    await page.getByRole("listitem").filter({ hasText: "Genk" }).first().waitFor();
    await expectAccessible(page, "confirm opening");
    await page.getByRole("button", { name: /^Openen en \d+ organisaties uitnodigen$/ }).click();
    await page.getByText(/organisaties uitgenodigd/).waitFor();
    await expectAccessible(page, "open survey");
  });

  it("is drafted by two officials of Hasselt and approved by its director", async () => {
    const first = await signIn({ organisationKey: "be-municipality-71072", role: "editor" });
    await first.goto(`${server.url}/enquetes`);
    await first.getByRole("link", { name: "Smart City 2026" }).click();
    await first.getByRole("heading", { name: "Wat Samen bewaart" }).waitFor();
    await first.getByText("Ja", { exact: true }).click();
    await first.getByText("Concept bewaard.").waitFor();
    await expectAccessible(first, "answer page");

    const second = await signIn({ organisationKey: "be-municipality-71072", role: "editor" });
    await second.goto(`${surveyUrl}/antwoord`);
    await second.getByText(/Laatst bewerkt door/).waitFor();
    await second.getByText("4", { exact: true }).click();
    await second.getByText("Concept bewaard.").waitFor();
    await second.getByText("Een beheerder van uw organisatie keurt het antwoord goed en dient het in.").waitFor();

    // The director acts for Genk too: the invitation's link for each organisation opens that one's answer.
    const director = await signIn({
      organisationKey: "be-municipality-71072",
      role: "admin",
      moreRoles: [{ organisationKey: "be-municipality-71016", role: "admin" }],
    });
    const idOf = (key: string) => organisationId(server.database, key);
    await director.goto(`${surveyUrl}/antwoord?voor=${await idOf("be-municipality-71016")}`);
    await director.getByText("U antwoordt voor Genk.").waitFor();
    await director.goto(`${surveyUrl}/antwoord?voor=${await idOf("be-municipality-71072")}`);
    await director.getByText("U antwoordt voor Hasselt.").waitFor();
    await director.getByRole("button", { name: "Goedkeuren en indienen" }).click();
    await director.getByText(/Ingediend door/).waitFor();
    await director.getByRole("link", { name: "Vergelijk met vergelijkbare besturen" }).click();
    await director.getByRole("heading", { name: "Vergelijking met vergelijkbare besturen" }).waitFor();
    await expectAccessible(director, "benchmark");
  });

  it("shows the answers split by size class, leaving out groups smaller than five", async () => {
    const id = surveyUrl.split("/").pop() as string;
    const others = (await server.database.raw(
      `select organisation_id as id from survey_invitations
        where survey_id = $1 and organisation_id not in (select organisation_id from survey_responses where survey_id = $1)
        order by 1 limit 8`,
      [id],
    )) as { id: string }[];
    const [survey] = await server.database.db.select().from(surveys).where(eq(surveys.id, id));
    if (!survey) throw new Error("no survey");
    for (const [i, row] of others.entries()) {
      const data = { vraag1: i % 2 ? "ja" : "nee", vraag2: 1 + (i % 5) };
      await server.database.db.insert(surveyResponses).values({
        surveyId: id,
        organisationId: row.id,
        status: "submitted",
        data,
        ...submittedColumns(
          questionsOf(survey.definition),
          data,
          await segmentsOf(server.database.db, row.id),
          survey.sizeThresholds,
        ),
        submittedAt: new Date(),
      });
    }
    const page = await signIn({ organisationKey: "be-province-70000", role: "viewer" });
    await page.goto(`${surveyUrl}/resultaten`);
    await page.getByText(/organisaties hebben geantwoord/).waitFor();
    await page.getByRole("table", { name: "Tabel: Eerste vraag" }).waitFor();
    await expectAccessible(page, "results");
    await page.getByLabel("Opsplitsen naar").selectOption("kind");
    await page
      .getByRole("columnheader", { name: /Gemeente \(n = 9\)/ })
      .first()
      .waitFor();
    await page.getByLabel("Opsplitsen naar").selectOption("sizeClass");
    await page
      .getByText(/Niet getoond/)
      .or(page.getByRole("columnheader", { name: /n = / }).first())
      .first()
      .waitFor();
    await expectAccessible(page, "results by size class");
  });

  it("once closed, folds away under the past surveys of those who were asked", async () => {
    const id = surveyUrl.split("/").pop() as string;
    await server.database.db.update(surveys).set({ status: "closed", closedAt: new Date() }).where(eq(surveys.id, id));
    const page = await signIn({ organisationKey: "be-municipality-71072", role: "editor" });
    await page.goto(`${server.url}/enquetes`);
    await page.getByText("Er staat nu geen enquête voor uw organisatie open.").waitFor();
    expect(await page.getByRole("link", { name: "Smart City 2026" }).isVisible()).toBe(false);
    await page.getByText("Afgelopen enquêtes (1)").click();
    await page.getByRole("link", { name: "Smart City 2026" }).waitFor();
    await expectAccessible(page, "survey list with past surveys");
  });
});

describe("a survey written by another organisation", { timeout: 120_000 }, () => {
  it("shows its HTML to the answering officials as text: no links, no overlays", async () => {
    const { client } = await signedInClient(server.url, server.database, {
      organisationKey: "be-province-70000",
      role: "editor",
    });
    const hasselt = await organisationId(server.database, "be-municipality-71072");
    const created = await client.post("/api/surveys", {
      title: "Enquête met opmaak",
      definition: {
        elements: [
          {
            type: "html",
            name: "uitleg",
            html: '<p>Lees eerst <a href="https://evil.example/login">de uitleg</a>.</p><div style="position:fixed;inset:0;background:red" id="overlay">Meld u opnieuw aan</div><img src="https://evil.example/pixel.gif" alt="">',
          },
          { type: "text", name: "naam", title: "Naam van de contactpersoon" },
        ],
      },
      audience: { organisationIds: [hasselt] },
    });
    expect(created.status).toBe(201);
    expect(
      (await client.request("POST", `/api/surveys/${created.data.id}/open`, { headers: { "if-match": '"v1"' } }))
        .status,
    ).toBe(200);

    const page = await signIn({ organisationKey: "be-municipality-71072", role: "editor" });
    await page.goto(`${server.url}/enquetes/${created.data.id}/antwoord`);
    await page.getByText("Lees eerst de uitleg.").waitFor();
    await page.getByText("Meld u opnieuw aan").waitFor();
    expect(await page.getByRole("link", { name: "de uitleg" }).count()).toBe(0);
    expect(await page.locator("#overlay").count()).toBe(0);
    expect(await page.locator('img[src^="https://evil.example"]').count()).toBe(0);
    await expectAccessible(page, "answer page of a survey with HTML");
  });
});

describe("surveys an organisation already has, imported as a new user would", { timeout: 240_000 }, () => {
  const forms = [
    {
      file: "test/fixtures/surveys/kobo-samenwerking.xlsx",
      title: "Samenwerking in kaart (KoboToolbox)",
      finding: /blad survey, regel 2 \(start\)/,
      answer: async (page: Page) => {
        await page.getByRole("radio", { name: "Gemeente" }).check({ force: true });
        await page.getByRole("textbox", { name: /Naam van het loket/ }).fill("Stadhuis");
        await page.getByRole("radio", { name: "Nee" }).check({ force: true });
        await page.getByRole("textbox", { name: /Wat ontbreekt/ }).fill("Een lift");
      },
      genk: {
        bestuur: "gemeente",
        domeinen: ["ict", "other"],
        "domeinen-Comment": "Brandweer",
        loketten: [{ loket_naam: "Loket Noord", loket_uren: 38 }],
      },
      exported: ["Gemeente", "Stadhuis", "Een lift", "ICT; Anders", "Brandweer", "Loket Noord"],
    },
    {
      file: "test/fixtures/surveys/limesurvey/samen-alle-vraagtypen.lss",
      title: "Samenwerking tussen besturen (LimeSurvey)",
      finding: /vraag bijlage \(vraaggroep Tot slot\)/,
      answer: async (page: Page) => {
        await page.getByRole("radio", { name: "Provincie" }).check({ force: true });
        // A yes/no question is a switch between its two labels: "Nee" hides the group on shared services.
        await page.locator('[data-name="deelt"]').getByText("Nee", { exact: true }).click();
        await page.getByRole("button", { name: "Volgende" }).click();
        await page.getByRole("textbox", { name: /E-mailadres voor de resultaten/ }).fill("loket@hasselt.be");
      },
      genk: { soort: "GEM", deelt: "Y", oordeel: { ICT: "S", HR: "G" }, domeinen: ["ICT"], oud: "ja" },
      exported: ["Provincie", "loket@hasselt.be", "Gemeente", "Goed", "Slecht"],
    },
    {
      file: "test/fixtures/surveys/gedeelde-diensten.surveyjs.json",
      title: "Gedeelde diensten (SurveyJS)",
      finding: null,
      answer: async (page: Page) => {
        await page.getByRole("checkbox", { name: "Geen enkele" }).check({ force: true });
        await page.getByRole("textbox", { name: /Waarom deelt u/ }).fill("Nog geen partner gevonden.");
      },
      genk: { gedeeld: ["ict", "other"], "gedeeld-Comment": "Archief", partner: "De stad Hasselt" },
      exported: ["Geen enkele", "Nog geen partner gevonden.", "ICT; Een andere dienst", "Archief", "De stad Hasselt"],
    },
  ];

  for (const form of forms) {
    it(`${form.title}: imported with its findings, opened, answered by two organisations and exported`, async () => {
      const page = await signIn({ organisationKey: "be-province-70000", role: "editor" });
      await page.goto(`${server.url}/enquetes`);
      await page.getByRole("button", { name: "Nieuwe enquête" }).click();
      await page.getByLabel("Titel", { exact: true }).fill(form.title);
      await page.getByLabel("Vragen uit een bestand (optioneel)").setInputFiles(form.file);
      if (form.finding) await page.getByRole("listitem").filter({ hasText: form.finding }).first().waitFor();
      else await page.getByText("Geen opmerkingen").or(page.getByRole("status")).first().waitFor();
      await expectAccessible(page, `${form.title}: findings`);
      await page.getByRole("button", { name: "Aanmaken" }).click();
      await page.getByRole("heading", { level: 1, name: form.title }).waitFor();
      const id = page.url().split("/").pop() as string;

      const { client: province } = await signedInClient(server.url, server.database, {
        organisationKey: "be-province-70000",
        role: "editor",
      });
      const hasselt = await organisationId(server.database, "be-municipality-71072");
      const genkId = await organisationId(server.database, "be-municipality-71016");
      const audience = await province.request("PATCH", `/api/surveys/${id}`, {
        json: { audience: { organisationIds: [hasselt, genkId] } },
        headers: { "if-match": '"v1"' },
      });
      expect(audience.status, JSON.stringify(audience.data)).toBe(200);
      const opened = await province.request("POST", `/api/surveys/${id}/open`, { headers: { "if-match": '"v2"' } });
      expect(opened.status, JSON.stringify(opened.data)).toBe(200);

      // Hasselt answers in the browser, in its own words (labels, never the form's internal names).
      const answering = await signIn({ organisationKey: "be-municipality-71072", role: "admin" });
      await answering.goto(`${server.url}/enquetes/${id}/antwoord`);
      await form.answer(answering);
      await answering.getByText("Concept bewaard.").waitFor();
      await expectAccessible(answering, `${form.title}: answer page`);
      await answering.getByRole("button", { name: "Goedkeuren en indienen" }).click();
      await answering.getByText(/Ingediend door/).waitFor();

      // Genk answers through the API, with "other" written out and a repeat: stored whole.
      const { client: genk } = await signedInClient(server.url, server.database, {
        organisationKey: "be-municipality-71016",
        role: "admin",
      });
      const draft = await genk.request("PUT", `/api/surveys/${id}/response`, {
        json: { data: form.genk },
        headers: { "if-match": '"v0"' },
      });
      expect(draft.status, JSON.stringify(draft.data)).toBe(200);
      const submitted = await genk.request("POST", `/api/surveys/${id}/response/submit`, {
        headers: { "if-match": '"v1"' },
      });
      expect(submitted.status, JSON.stringify(submitted.data)).toBe(200);
      const stored = await genk.get(`/api/surveys/${id}/response`);
      expect(stored.data.data).toEqual(form.genk);

      const results = await signIn({ organisationKey: "be-province-70000", role: "viewer" });
      await results.goto(`${server.url}/enquetes/${id}/resultaten`);
      await results.getByText(/^2 organisaties hebben geantwoord/).waitFor();
      await expectAccessible(results, `${form.title}: results`);
      const csv = String((await province.get(`/api/surveys/${id}/answers.csv`)).data);
      // Both answers, by label, with what was written for "other" beside them.
      for (const text of ["Hasselt", "Genk", ...form.exported]) expect(csv).toContain(text);
      const xlsx = await province.download(`/api/surveys/${id}/answers.xlsx`);
      expect(xlsx.status).toBe(200);
      const back = await province.download(`/api/surveys/${id}/xlsform.xlsx`);
      expect(back.status).toBe(200);
    });
  }
});
