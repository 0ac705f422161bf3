import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, organisationId, testPassword, withDemoCatalogue } from "../factories.ts";
import { expectAccessible, launchBrowser, newPage, signIn as signInAs } from "../helpers/browser.ts";
import { Client, startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * The partner catalogue and the front office as a new user of a municipality and the province's desk use them:
 * search, find nothing, ask; the desk answers; the answer becomes a catalogue entry the municipality then finds.
 */
let server: TestServer;
let browser: Browser;
let municipality: Page;
let province: Page;
let limburg: string;

async function signIn(page: Page, email: string) {
  await signInAs(page, server.url, email);
}

beforeAll(async () => {
  server = await startTestServer();
  limburg = await withDemoCatalogue(server.database);
  browser = await launchBrowser();
  const genk = await buildUser(server.database, {
    organisationKey: "be-municipality-71016",
    role: "editor",
    name: "Nieuwe Medewerker",
  });
  const desk = await buildUser(server.database, {
    organisationKey: "be-province-70000",
    role: "editor",
    name: "Wim Desk",
  });
  municipality = await newPage(browser);
  province = await newPage(browser);
  // A step that cannot happen fails with its locator, well before the test's own time limit.
  municipality.setDefaultTimeout(10_000);
  province.setDefaultTimeout(10_000);
  await signIn(municipality, genk.email);
  await signIn(province, desk.email);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const firstResult = (page: Page) => page.locator(".samen-result").first().getByRole("link");

describe("a new user of a municipality and the province's front office", { timeout: 60_000 }, () => {
  it("finds the right entries first as they type, misspelt too, with the matches marked", async () => {
    await municipality.getByRole("link", { name: "Partnercatalogus", exact: true }).first().click();
    await municipality.getByRole("heading", { name: "Partnercatalogus: Provincie Limburg" }).waitFor();
    const search = municipality.getByLabel("Waar zoekt u een antwoord op?");
    for (const [q, question] of [
      ["ouderenzorg plan", "Hoe maken we een lokaal ouderenzorgbeleidsplan?"],
      ["ouderzorg plan", "Hoe maken we een lokaal ouderenzorgbeleidsplan?"],
      ["energie aankoop", "Kunnen we samen met andere gemeenten energie aankopen?"],
      ["enrgie aankop", "Kunnen we samen met andere gemeenten energie aankopen?"],
    ] as const) {
      await search.fill(q);
      await expect.poll(() => firstResult(municipality).textContent(), { timeout: 10_000 }).toBe(question);
    }
    await expect(municipality.locator(".samen-result").first().locator("mark").count()).resolves.toBeGreaterThan(0);
    await expectAccessible(municipality, "catalogue search");
    await firstResult(municipality).click();
    await municipality.getByRole("heading", { level: 2, name: "Het aanbod" }).waitFor();
    await municipality.getByText("Gezamenlijke aankoop elektriciteit en aardgas", { exact: true }).waitFor();
    await expectAccessible(municipality, "catalogue entry");
  });

  it("asks the front office what the catalogue does not answer", async () => {
    await municipality.goto(`${server.url}/partnercatalogus`);
    await municipality.getByLabel("Waar zoekt u een antwoord op?").fill("zwerfvuil");
    await municipality.getByText("Geen antwoord gevonden op").waitFor();
    await municipality.getByRole("link", { name: "Stel uw vraag aan de frontoffice" }).click();
    await municipality.getByRole("heading", { name: "Stel een vraag" }).waitFor();
    await expect(municipality.getByLabel("Onderwerp").inputValue()).resolves.toBe("zwerfvuil");
    await expectAccessible(municipality, "ask form");
    await municipality.getByLabel("Onderwerp").fill("Hoe pakken we zwerfvuil op het marktplein aan");
    await municipality.getByLabel("Uw vraag").fill("Na elke markt ligt het plein vol zwerfvuil. Wat werkt elders?");
    await municipality.getByLabel("Bijlagen").setInputFiles({
      name: "foto-marktplein.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("een foto van het plein"),
    });
    await municipality.getByRole("button", { name: "Vraag versturen" }).click();
    await municipality.getByRole("heading", { name: /Vraag \d+: Hoe pakken we zwerfvuil/ }).waitFor();
    await municipality.getByText("Nieuw", { exact: true }).waitFor();
    await municipality.getByRole("link", { name: "foto-marktplein.txt" }).waitFor();
    await expectAccessible(municipality, "ticket as asker");
  });

  it("is answered by the province, whose answer becomes a published catalogue entry", async () => {
    await province.goto(`${server.url}/frontoffice`);
    await province.getByText("De frontoffice per thema").waitFor();
    await expectAccessible(province, "desk");
    await province.getByRole("link", { name: /zwerfvuil op het marktplein/ }).click();
    await province.getByRole("heading", { name: "Behandeling" }).waitFor();
    await province.getByLabel("Behandelaar").selectOption({ label: "Wim Desk" });
    await province.getByLabel("Thema").fill("Water en natuur");
    await province.getByRole("button", { name: "Bewaren" }).click();
    await province.getByText("In behandeling").first().waitFor();
    await province
      .getByLabel("Bericht")
      .fill("Werk met **vaste afvalpunten** en een markt-charter; Sint-Truiden halveerde zo het zwerfvuil.");
    await province.getByRole("button", { name: "Antwoord versturen" }).click();
    await province.getByText("Beantwoord", { exact: true }).waitFor();
    await expectAccessible(province, "ticket as desk");
    await province.getByRole("button", { name: "Maak van het antwoord een catalogusvraag" }).click();
    await province.getByRole("heading", { level: 1, name: "Hoe pakken we zwerfvuil op het marktplein aan?" }).waitFor();
    await province.getByText("Concept", { exact: true }).waitFor();
    await province.getByRole("button", { name: "Wijzigen" }).click();
    await province.getByLabel("Status").selectOption("published");
    await province.getByLabel("Trefwoorden").fill("zwerfvuil, markt, afval");
    await province.getByRole("button", { name: "Bewaren" }).click();
    await province.getByRole("heading", { level: 2, name: "Geschiedenis" }).waitFor();
    await province.getByText("Versie 2").waitFor();
    await expectAccessible(province, "entry with history");

    await municipality.goto(`${server.url}/partnercatalogus`);
    await municipality.getByLabel("Waar zoekt u een antwoord op?").fill("zwerfvuil markt");
    await expect
      .poll(() => firstResult(municipality).textContent(), { timeout: 10_000 })
      .toBe("Hoe pakken we zwerfvuil op het marktplein aan?");
    await municipality.goto(`${server.url}/frontoffice`);
    await municipality.getByRole("link", { name: /zwerfvuil op het marktplein/ }).click();
    await municipality.getByText("Vaste afvalpunten", { exact: false }).waitFor();
    await municipality.getByRole("link", { name: "Dit antwoord staat nu in de catalogus" }).waitFor();
  });

  it("lets the coordinators see the search that found nothing, and manage the catalogue", async () => {
    await province.goto(`${server.url}/partnercatalogus/aanbieder/${limburg}/beheer`);
    await province.getByRole("heading", { name: "Zoekopdrachten zonder resultaat" }).waitFor();
    await province.getByRole("cell", { name: "zwerfvuil", exact: true }).waitFor();
    // The question it led to is shown beside it.
    await province.getByRole("link", { name: /Vraag \d+: Hoe pakken we zwerfvuil op het marktplein aan/ }).waitFor();
    await expectAccessible(province, "manage catalogue");
  });
});

describe("a host municipality starting a catalogue of its own", () => {
  it("writes its first question and answer, with policy domains, and finds it", async () => {
    const emmen = await buildUser(server.database, { organisationKey: "nl-municipality-GM0114", role: "editor" });
    const host = await newPage(browser);
    host.setDefaultTimeout(10_000);
    await signIn(host, emmen.email);
    await host.goto(`${server.url}/partnercatalogus`);
    await host.getByRole("link", { name: "Start de partnercatalogus van Emmen" }).click();
    await host.getByRole("heading", { name: "Partnercatalogus: Emmen" }).waitFor();
    await host.getByText("Deze catalogus heeft nog geen vragen en antwoorden.").waitFor();
    await host.getByRole("link", { name: "Nieuwe vraag en antwoord" }).click();
    await host.getByLabel("Vraag", { exact: true }).fill("Hoe sluiten we aan bij de gezamenlijke inkoop van Emmen?");
    await host
      .getByLabel("Antwoord", { exact: true })
      .fill("Met een **dienstverleningsovereenkomst** per deelovereenkomst.");
    await host.getByLabel("Thema").fill("Inkoop");
    await host.getByLabel("Status").selectOption("published");
    await host.getByLabel("Beleidsdomeinen").selectOption(["bbc:011", "bbc:013"]);
    await host.getByLabel("Aangeboden door", { exact: true }).fill("Coevorden");
    await host.getByRole("button", { name: "Coevorden toevoegen" }).click();
    await expectAccessible(host, "entry form");
    await host.getByRole("button", { name: "Bewaren" }).click();
    await host
      .getByRole("heading", { level: 1, name: "Hoe sluiten we aan bij de gezamenlijke inkoop van Emmen?" })
      .waitFor();
    await host.getByText("Algemene diensten, Administratieve dienstverlening").waitFor();
    await host.getByText("Coevorden", { exact: true }).waitFor();
    await host.goto(
      `${server.url}/partnercatalogus/aanbieder/${await organisationId(server.database, "nl-municipality-GM0114")}`,
    );
    await host.getByLabel("Waar zoekt u een antwoord op?").fill("inkoop aansluiten");
    await expect
      .poll(() => firstResult(host).textContent(), { timeout: 10_000 })
      .toBe("Hoe sluiten we aan bij de gezamenlijke inkoop van Emmen?");
    await host.context().close();
  });
});

describe("a catalogue its provider made public", () => {
  it("is read without signing in; a catalogue kept for the served organisations is not", async () => {
    const visitor = await newPage(browser);
    visitor.setDefaultTimeout(10_000);
    await visitor.goto(`${server.url}/partnercatalogus/aanbieder/${limburg}`);
    await visitor.getByText("U leest een openbare partnercatalogus zonder aan te melden").waitFor();
    await visitor.getByText("Dit bestaat niet, of u hebt er geen toegang toe.").waitFor();

    const coordinator = new Client(server.url);
    const admin = await buildUser(server.database, { organisationKey: "be-province-70000", role: "admin" });
    await coordinator.post("/api/auth/sign-in", { email: admin.email, password: testPassword });
    const settings = await coordinator.get(`/api/catalogues/${limburg}`);
    const made = await coordinator.patch(
      `/api/catalogues/${limburg}`,
      { visibility: "public" },
      {
        "if-match": settings.headers.get("etag") as string,
      },
    );
    expect(made.status).toBe(200);

    await visitor.reload();
    await visitor.getByRole("heading", { name: "Partnercatalogus: Provincie Limburg" }).waitFor();
    await visitor.getByLabel("Waar zoekt u een antwoord op?").fill("klein erfgoed kapel");
    await expect
      .poll(() => firstResult(visitor).textContent(), { timeout: 10_000 })
      .toBe("Welke steun bestaat er voor klein erfgoed?");
    await firstResult(visitor).click();
    await visitor.getByRole("heading", { level: 2, name: "Het aanbod" }).waitFor();
    await expect(visitor.getByRole("button", { name: "Wijzigen" }).count()).resolves.toBe(0);
    await expectAccessible(visitor, "public entry, signed out");
    await visitor.getByRole("link", { name: "Stel uw vraag aan de frontoffice" }).click();
    await visitor.getByRole("heading", { name: "Aanmelden bij Samen" }).waitFor();

    const back = await coordinator.patch(
      `/api/catalogues/${limburg}`,
      { visibility: "clients" },
      {
        "if-match": made.headers.get("etag") as string,
      },
    );
    expect(back.status).toBe(200);
    await visitor.context().close();
  });
});

describe("markup and script typed into the catalogue and the front office", () => {
  it("are shown as text and never run", async () => {
    const coordinator = new Client(server.url);
    const admin = await buildUser(server.database, { organisationKey: "be-province-70000", role: "admin" });
    await coordinator.post("/api/auth/sign-in", { email: admin.email, password: testPassword });
    const question = `Wat doet <img src=x onerror="window.__xss=1"> met <script>window.__xss=2</script>?`;
    const created = await coordinator.post(`/api/catalogues/${limburg}/entries`, {
      question,
      answer: `<script>window.__xss=3</script>\n\n<img src=x onerror="window.__xss=4">\n\n[klik](javascript:window.__xss=5) en <b onmouseover="window.__xss=6">vet</b>`,
      theme: "Welzijn",
      status: "published",
      tags: ["onerror"],
    });
    expect(created.status).toBe(201);

    await municipality.goto(`${server.url}/partnercatalogus`);
    await municipality.getByLabel("Waar zoekt u een antwoord op?").fill("onerror script");
    await expect.poll(() => firstResult(municipality).textContent(), { timeout: 10_000 }).toBe(question);
    await firstResult(municipality).click();
    await municipality.getByRole("heading", { level: 1, name: question }).waitFor();
    await municipality.getByText("<script>window.__xss=3</script>", { exact: false }).waitFor();
    await municipality.getByText("klik").hover();
    await municipality.getByText("vet", { exact: false }).first().hover();
    await expect(municipality.locator(".samen-markdown img, .samen-markdown script").count()).resolves.toBe(0);
    expect(
      await municipality.locator(".samen-markdown a").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? "")),
    ).not.toContain("javascript:window.__xss=5");

    await municipality.goto(`${server.url}/frontoffice/nieuw`);
    await municipality.getByLabel("Onderwerp").fill(`<img src=x onerror="window.__xss=7">`);
    await municipality.getByLabel("Uw vraag").fill(`<script>window.__xss=8</script>`);
    await municipality.getByRole("button", { name: "Vraag versturen" }).click();
    await municipality.getByText("<script>window.__xss=8</script>").waitFor();
    await municipality.getByRole("heading", { name: /onerror/ }).waitFor();
    expect(await municipality.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  });
});
