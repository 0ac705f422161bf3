import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoAgreements } from "../../src/modules/demo/demo-agreements.ts";
import { expectAccessible, launchBrowser, signedInPage } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** Emmen's demo framework: HR of a client registers a transfer, a council member sees totals, a host adjusts its calendar. */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  await server.database.db.transaction((tx) => loadDemoAgreements(tx));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(options: Parameters<typeof signedInPage>[3]): Promise<Page> {
  const page = await signedInPage(browser, server.url, server.database, options);
  await page.getByRole("link", { name: "Gedeelde diensten", exact: true }).first().click();
  await page.getByRole("link", { name: /Raamovereenkomst dienstverlening/ }).click();
  await page.getByRole("heading", { name: "Personeel dat overgaat" }).waitFor();
  return page;
}

describe("staff transfers and the governance calendar", { timeout: 90_000 }, () => {
  it("shows HR of a client its own people, and lets it register one more", async () => {
    const page = await signIn({ organisationKey: "nl-municipality-GM0109", role: "editor", hr: true });
    await page.getByRole("cell", { name: "Ans de Vries" }).waitFor();
    expect(await page.getByText("Jeroen Smit").count()).toBe(0);
    await page.getByRole("button", { name: "Medewerker aanmelden" }).click();
    await page.getByLabel("Referentie", { exact: true }).fill("CO-2026-001");
    await page.getByLabel("Naam", { exact: true }).fill("Nina Kramer");
    await page.getByLabel("Functie", { exact: true }).fill("Beleidsadviseur Inkoop");
    await page.getByLabel("Fte", { exact: true }).fill("0,8");
    await page.getByLabel("Datum overgang").fill("2026-07-01");
    await expectAccessible(page, "transfer form");
    await page.getByRole("button", { name: "Bewaren" }).click();
    await page.getByRole("cell", { name: "Nina Kramer" }).waitFor();
    // Nine of the ten demo transfers count (one was withdrawn), and the new one.
    await page.getByText("10 medewerkers").waitFor();
    await expectAccessible(page, "staff as HR");

    await page.getByRole("heading", { name: "Bestuurskalender" }).waitFor();
    await page.getByRole("link", { name: "Wgr art. 34b" }).first().waitFor();
    await page.getByRole("button", { name: "Agenda-adres maken" }).click();
    const address = await page.getByLabel("Adres voor je agenda-app").inputValue();
    const feed = await page.request.get(address);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain("BEGIN:VEVENT");
    await expectAccessible(page, "calendar with feed");
  });

  it("shows a council member of a client the totals and not the people", async () => {
    const page = await signIn({ organisationKey: "nl-municipality-GM0109", role: "viewer" });
    await page.getByText(/Wie het zijn, zien alleen de personeelsdiensten/).waitFor();
    expect(await page.getByText("Ans de Vries").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Medewerker aanmelden" }).count()).toBe(0);
  });

  it("lets the host copy its calendar and move a date, refusing one that does not exist", async () => {
    const page = await signIn({ organisationKey: "nl-municipality-GM0114", role: "editor" });
    await page.getByRole("button", { name: "Kopie maken om aan te passen" }).click();
    await page.getByRole("heading", { level: 1, name: /^Kalender Raamovereenkomst/ }).waitFor();
    const board = page.getByLabel("Datum van: Algemeen bestuur stelt de begroting vast");
    expect(await board.inputValue()).toBe("01-07 -1");
    // The date is said in words beside what is typed.
    await page.getByText("1 juli, het jaar vóór het begrotingsjaar").waitFor();
    await board.fill("31-06 -1");
    await page.getByRole("button", { name: "Kalender bewaren" }).click();
    await page.getByText("maand 6 heeft geen dag 31").waitFor();
    await board.fill("12-06 -1");
    await page.getByText("12 juni, het jaar vóór het begrotingsjaar").waitFor();
    await page.getByRole("button", { name: "Kalender bewaren" }).click();
    await page.getByText("De kalender is bewaard.").waitFor();
    await expectAccessible(page, "calendar template");
    await page.goBack();
    await page.getByText(/Volgt: Kalender Raamovereenkomst/).waitFor();
  });
});
