import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoProcurement } from "../../src/modules/demo/demo-procurement.ts";
import { expectAccessible, launchBrowser, signedInPage } from "../helpers/browser.ts";
import { ocdsValidator } from "../helpers/ocds.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** Limburg opens a joint purchase; three municipalities declare; Limburg awards; each sees its savings. */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  await server.database.db.transaction((tx) => loadDemoProcurement(tx));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signIn = (options: Parameters<typeof signedInPage>[3]) =>
  signedInPage(browser, server.url, server.database, options);

const day = (offset: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
};

async function declare(page: Page, url: string, quantity: string, price: string, committed: boolean) {
  await page.goto(url);
  await page.getByRole("button", { name: "Vraag opgeven" }).click();
  await page.getByLabel("Hoeveelheid per jaar (MWh)").fill(quantity);
  await page.getByLabel("Huidige prijs per MWh (euro)").fill(price);
  if (committed) {
    await page.getByLabel("Vastgelegd bij besluit van").selectOption("council");
    await page.getByLabel("Datum van het besluit").fill(day(-2));
    await page.getByLabel("Nummer of titel van het besluit").fill("GR 2026/77");
  }
  await page.locator('form[aria-labelledby="declare"]').getByRole("button", { name: "Vraag opgeven" }).click();
  await page.locator('form[aria-labelledby="declare"]').waitFor({ state: "detached" });
}

describe("joint procurement", { timeout: 180_000 }, () => {
  it("a province opens a purchase, three municipalities declare, the province awards, each sees its savings", async () => {
    const limburg = await signIn({ organisationKey: "be-province-70000", role: "editor" });
    await limburg.goto(`${server.url}/gezamenlijke-aankoop`);
    await limburg.getByRole("link", { name: "Gezamenlijke energieaankoop 2025–2028 (demo)" }).waitFor();
    await expectAccessible(limburg, "purchase list");
    await limburg.getByRole("button", { name: "Gezamenlijke aankoop openen" }).click();
    await limburg.getByLabel("Titel", { exact: true }).fill("Openbare verlichting LED 2027");
    await limburg.getByLabel("Onderwerp").selectOption("energy");
    await limburg.getByLabel("Rol van de aankoopcentrale").selectOption("centralPurchasingBody");
    await limburg.getByLabel("Venster opent op").fill(day(-1));
    await limburg.getByLabel("Venster sluit op").fill(day(20));
    await expectAccessible(limburg, "new purchase");
    await limburg.getByRole("button", { name: "Openen", exact: true }).click();
    await limburg.getByRole("heading", { level: 1, name: "Openbare verlichting LED 2027" }).waitFor();
    const url = limburg.url();

    // A lot with a bad CPV code is refused at its field; then a good one.
    await limburg.getByRole("button", { name: "Perceel toevoegen" }).click();
    await limburg.getByLabel("Naam van het perceel").fill("Elektriciteit");
    await limburg.getByLabel("CPV-code").fill("0931");
    await limburg.getByLabel("Eenheid").fill("MWh");
    await limburg.getByLabel("Verwachte korting (%)").fill("10");
    await limburg.locator('form[aria-labelledby="new-lot"]').getByRole("button", { name: "Perceel toevoegen" }).click();
    await limburg.getByText(/moet een CPV-code zijn/).waitFor();
    await limburg.getByLabel("CPV-code").fill("09310000-5");
    await limburg.locator('form[aria-labelledby="new-lot"]').getByRole("button", { name: "Perceel toevoegen" }).click();
    await limburg.getByRole("cell", { name: "1. Elektriciteit" }).waitFor();
    await limburg.getByRole("button", { name: "Vraag verzamelen" }).click();
    await limburg.locator(".samen-badge", { hasText: "Vraag verzamelen" }).waitFor();
    await expectAccessible(limburg, "purchase collecting demand");

    const hasselt = await signIn({ organisationKey: "be-municipality-71072", role: "editor" });
    await declare(hasselt, url, "4100", "250,00", true);
    // A negative quantity is refused in Dutch, at its field.
    await hasselt.goto(url);
    const genk = await signIn({ organisationKey: "be-municipality-71016", role: "editor" });
    await genk.goto(url);
    await genk.getByRole("button", { name: "Vraag opgeven" }).click();
    await genk.getByLabel("Hoeveelheid per jaar (MWh)").fill("-5");
    await genk.getByLabel("Huidige prijs per MWh (euro)").fill("240");
    await genk.locator('form[aria-labelledby="declare"]').getByRole("button", { name: "Vraag opgeven" }).click();
    await genk.getByText("mag niet negatief zijn").waitFor();
    await expectAccessible(genk, "declaration refused");
    await genk.getByLabel("Hoeveelheid per jaar (MWh)").fill("5000,5");
    await genk.locator('form[aria-labelledby="declare"]').getByRole("button", { name: "Vraag opgeven" }).click();
    await genk.locator('form[aria-labelledby="declare"]').waitFor({ state: "detached" });
    const sintTruiden = await signIn({ organisationKey: "be-municipality-71053", role: "editor" });
    await declare(sintTruiden, url, "1500", "260", false);

    // The lead buyer sees the totals and every declaration; it tenders and awards.
    await limburg.goto(url);
    await limburg.getByRole("cell", { name: "10.600,5 MWh" }).waitFor();
    await limburg
      .getByText(/Hasselt/)
      .first()
      .waitFor();
    await limburg.getByRole("button", { name: "Aanbesteden" }).click();
    await limburg.locator(".samen-badge", { hasText: "In aanbesteding" }).waitFor();
    await limburg.getByRole("button", { name: "Gunnen" }).click();
    await limburg.getByLabel("Leverancier", { exact: true }).fill("Energie NV");
    await limburg.getByLabel("Ondernemingsnummer van de leverancier").fill("0999000197");
    await limburg.getByLabel("Contractprijs per MWh (euro)").fill("205");
    await limburg.getByLabel("Gegund op").fill(day(0));
    await expectAccessible(limburg, "award");
    await limburg.locator('form[aria-labelledby="award"]').getByRole("button", { name: "Gunnen" }).click();
    await limburg.locator(".samen-badge", { hasText: "Gegund" }).waitFor();
    await limburg.getByRole("button", { name: "Wijzigen" }).click();
    await limburg.getByLabel("Contract begint op").fill("2027-01-01");
    await limburg.getByLabel("Contract eindigt op").fill("2030-12-31");
    await limburg.getByRole("button", { name: "Bewaren" }).click();
    await limburg.getByRole("button", { name: "Raamovereenkomst laten lopen" }).click();
    await limburg.locator(".samen-badge", { hasText: "Loopt" }).waitFor();
    await limburg.getByRole("img", { name: "Gerealiseerde besparing per jaar, per deelnemer" }).waitFor();
    await expectAccessible(limburg, "purchase awarded with savings");

    // Hasselt sees its own savings with what they rest on: 4100 MWh × (250 − 205) = 184.500 euro a year.
    await hasselt.goto(url);
    await hasselt.getByRole("cell", { name: "€ 184.500,00" }).first().waitFor();
    await hasselt.getByText("Waarop de cijfers van Hasselt rusten").click();
    await hasselt.getByText(/contractprijs €\s205,00 per MWh, gegund aan Energie NV/).waitFor();
    await hasselt.getByText(/Vastgelegd bij besluit van de raad/).waitFor();
    expect(await hasselt.getByText("Waarop de cijfers van Genk rusten").count()).toBe(0);
    await expectAccessible(hasselt, "own savings in a purchase");

    // The Open Contracting package the page offers validates against the standard's schema.
    const releasesHref = await hasselt
      .getByRole("link", { name: "Open Contracting-releases (OCDS, JSON)" })
      .getAttribute("href");
    const releases = await (await fetch(`${server.url}${releasesHref}`)).json();
    expect(ocdsValidator().releasePackage(releases)).toEqual([]);
    expect(releases.releases.filter((r: { relatedProcesses?: unknown }) => r.relatedProcesses)).toHaveLength(3);

    // Hasselt's savings over its purchases, and what they pay for.
    await hasselt.goto(`${server.url}/gezamenlijke-aankoop/besparingen`);
    await hasselt.getByRole("heading", { level: 1, name: "Besparingen van Hasselt" }).waitFor();
    await hasselt.getByRole("img", { name: "Gerealiseerde besparing per kalenderjaar" }).waitFor();
    await hasselt.getByRole("button", { name: "Iets toevoegen" }).click();
    await hasselt.getByLabel("Wat", { exact: true }).fill("Een skatepark");
    await hasselt.getByLabel("Wat het kost").fill("250.000");
    await hasselt.locator('form[aria-labelledby="new-use"]').getByRole("button", { name: "Iets toevoegen" }).click();
    await hasselt.getByRole("cell", { name: "Een skatepark", exact: true }).waitFor();
    await expectAccessible(hasselt, "organisation savings");

    // The province's dashboard over its purchases and years.
    await limburg.goto(`${server.url}/gezamenlijke-aankoop/overzicht`);
    await limburg
      .getByRole("heading", { level: 1, name: /Besparingen van de aankopen van Provincie Limburg/ })
      .waitFor();
    await expectAccessible(limburg, "savings dashboard");

    // In English the same page speaks English.
    await hasselt.goto(url);
    await hasselt.getByRole("button", { name: "English" }).click();
    await hasselt.getByRole("heading", { level: 2, name: "Savings" }).waitFor();
    await hasselt.getByText("What the figures of Hasselt rest on").click();
    await hasselt.getByText(/contract price €205.00 per MWh/).waitFor();
    await hasselt.getByRole("button", { name: "Nederlands" }).click();

    // On a phone (375 px) no page of the module scrolls sideways.
    await limburg.setViewportSize({ width: 375, height: 800 });
    for (const path of [
      new URL(url).pathname,
      "/gezamenlijke-aankoop",
      "/gezamenlijke-aankoop/overzicht",
      "/gezamenlijke-aankoop/besparingen",
    ]) {
      await limburg.goto(`${server.url}${path}`);
      await limburg.locator("main h1").first().waitFor();
      await limburg.waitForLoadState("networkidle");
      expect(await limburg.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
    }
  });
});
