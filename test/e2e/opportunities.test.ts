import { readFileSync } from "node:fs";
import mammoth from "mammoth";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoCouncil } from "../../src/modules/demo/demo-council.ts";
import { loadDemoProcurement } from "../../src/modules/demo/demo-procurement.ts";
import { organisationId } from "../factories.ts";
import { expectAccessible, launchBrowser, newPage, signedInPage } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Module 9 as its users meet it: a new user of a small Limburg municipality sees its opportunities, changes an
 * assumption and downloads the chapter; Hasselt's council member sees what the city pays and its deadlines; anyone
 * opens Hasselt's public page and sees only what Hasselt published.
 */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  await server.database.db.transaction(async (tx) => {
    await loadDemoProcurement(tx);
    await loadDemoCouncil(tx);
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signIn = (options: Parameters<typeof signedInPage>[3]) =>
  signedInPage(browser, server.url, server.database, options);

/** The page scrolls no wider than the screen. */
const fitsWidth = async (page: import("playwright-core").Page, width: number) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

describe("opportunities", { timeout: 180_000 }, () => {
  it("a new user of Diepenbeek sees its opportunities, changes an assumption and downloads the chapter", async () => {
    const page = await signIn({ organisationKey: "be-municipality-71011", role: "editor" });
    await page.getByRole("link", { name: "Kansen", exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: "Kansen voor Diepenbeek" }).waitFor();
    // From the real register: the task area most neighbours share without Diepenbeek.
    const gaps = page
      .getByRole("region", { name: "Waar buren en vergelijkbare gemeenten samenwerken en u niet" })
      .first();
    await gaps.getByRole("cell", { name: "Cultuur en vrije tijd" }).waitFor();
    await expectAccessible(page, "opportunities");

    const joinable = page.getByRole("region", { name: "Wat u kunt aansluiten" }).first();
    const total = page.getByText(/^Samen geraamd:/);
    const before = await total.textContent();
    const firstSaving = joinable.locator("tbody tr").first().locator("td").nth(1);
    const savingBefore = await firstSaving.textContent();
    expect(savingBefore).toMatch(/10 % van 19\.090 inwoners × € 15/);
    const assumptions = page.getByRole("group", { name: "Aannames" });
    await assumptions.getByLabel("Besparing door samen te doen (%)").first().fill("20");
    await firstSaving.getByText(/20 % van 19\.090 inwoners × € 15/).waitFor();
    expect(await total.textContent()).not.toBe(before);
    await assumptions.getByLabel("Uitgave per inwoner per jaar (euro)").first().fill("7,5");
    await firstSaving.getByText(/20 % van 19\.090 inwoners × € 7,5/).waitFor();

    // The chapter: edited in the page, saved, downloaded as Word and opened with a reader of Word files.
    await page.getByRole("link", { name: "Hoofdstuk voor het bestuursakkoord" }).click();
    await page.getByRole("heading", { level: 1, name: "Hoofdstuk samenwerking: Diepenbeek" }).waitFor();
    const text = page.getByLabel("Tekst (Markdown)");
    await expect.poll(async () => (await text.inputValue()).length).toBeGreaterThan(200);
    await text.fill(`${await text.inputValue()}\n## Onze keuze\n\nWe sluiten aan bij het erfgoed van onze buren.\n`);
    await page.getByRole("button", { name: "Hoofdstuk bewaren" }).click();
    await page.getByText("Het hoofdstuk is bewaard.").waitFor();
    await page.getByRole("region", { name: "Zo leest het hoofdstuk" }).first().getByText("Onze keuze").waitFor();
    await expectAccessible(page, "chapter");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Als Word-document (DOCX)" }).click(),
    ]);
    const file = await download.path();
    const html = (await mammoth.convertToHtml({ buffer: readFileSync(file) })).value;
    expect(html).toContain("<h1>Intergemeentelijke samenwerking in Diepenbeek</h1>");
    expect(html).toContain("<h2>Een leefomgeving waar de samenleving het voortouw neemt</h2>");
    expect(html).toContain("<h2>Onze keuze</h2>");

    // On a phone, no page of the module scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    for (const path of ["/kansen", "/kansen/raad", "/kansen/hoofdstuk"]) {
      await page.goto(`${server.url}${path}`);
      await page.locator("main h1").first().waitFor();
      await page.waitForLoadState("networkidle");
      await fitsWidth(page, 375);
    }
  });

  it("Hasselt's council member sees what Hasselt pays into its collaborations and its next deadlines", async () => {
    const page = await signIn({ organisationKey: "be-municipality-71072", role: "viewer" });
    await page.goto(`${server.url}/kansen/raad`);
    await page.getByRole("heading", { level: 1, name: "Raadsoverzicht: Hasselt" }).waitFor();
    const totals = page.getByRole("region", { name: "Wat de gemeente per jaar betaalt" }).first();
    await totals.getByRole("cell", { name: "2026" }).first().waitFor();
    const deadlines = page.getByRole("region", { name: "Termijnen voor de raad" }).first();
    await deadlines
      .getByText(/gemeenteraad bepaalt het mandaat/i)
      .first()
      .waitFor();
    await deadlines
      .getByRole("link", { name: /Decreet lokaal bestuur/ })
      .first()
      .waitFor();
    await page
      .getByText(/meerjarenplan 2026–2031/)
      .first()
      .waitFor();
    await page.getByText("Lien Vanhoof, schepen van financiën (algemene vergadering)").waitFor();
    // The council member reads; nothing to keep.
    expect(await page.getByRole("button", { name: "Een vertegenwoordiger toevoegen" }).count()).toBe(0);
    await expectAccessible(page, "council");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Council overview: Hasselt" }).waitFor();
    await page.getByRole("region", { name: "Deadlines for the council" }).first().waitFor();
    await expectAccessible(page, "council in English");
    await page.getByRole("button", { name: "Nederlands" }).click();
  });

  it("anyone opens Hasselt's public page and sees only what Hasselt published", async () => {
    const hasselt = await organisationId(server.database, "be-municipality-71072");
    const page = await newPage(browser);
    await page.goto(`${server.url}/publiek/gemeenten/${hasselt}`);
    await page.getByRole("heading", { level: 1, name: "Hasselt: samenwerking in cijfers" }).waitFor();
    await page.getByRole("region", { name: "Termijnen voor de raad" }).first().waitFor();
    await page.getByRole("region", { name: "Wat de gemeente per jaar betaalt" }).first().waitFor();
    // Representatives were not chosen: not a name, not a column.
    expect(await page.getByText("Lien Vanhoof").count()).toBe(0);
    expect(await page.getByRole("columnheader", { name: "Vertegenwoordigers" }).count()).toBe(0);
    // Not linked into the signed-in app.
    expect(await page.locator('main a[href^="/samenwerkingen/"]').count()).toBe(0);
    await expectAccessible(page, "public page");
    await page.setViewportSize({ width: 320, height: 800 });
    await page.waitForLoadState("networkidle");
    await fitsWidth(page, 320);
    // A municipality that published nothing has no page.
    await page.goto(
      `${server.url}/publiek/gemeenten/${await organisationId(server.database, "be-municipality-71016")}`,
    );
    await page.getByRole("alert").waitFor();
  });
});
