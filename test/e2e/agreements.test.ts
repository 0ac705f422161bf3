import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser } from "../factories.ts";
import { expectAccessible, launchBrowser, newPage, signIn as signInAs } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** A shared-service manager of Emmen builds an agreement from nothing, budgets a year and settles it. */
let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const manager = await buildUser(server.database, {
    organisationKey: "nl-municipality-GM0114",
    role: "editor",
    name: "Jan Bakker",
  });
  page = await newPage(browser);
  page.setDefaultTimeout(10_000);
  await signInAs(page, server.url, manager.email);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const expectPageAccessible = (label: string) => expectAccessible(page, label);

describe("shared services, as a host's manager builds them", { timeout: 90_000 }, () => {
  it("sets up a framework with two clients, a sub-agreement, a year's budget per inhabitant, and settles it", async () => {
    await page.getByRole("link", { name: "Gedeelde diensten", exact: true }).first().click();
    await page.getByText("Uw organisatie is nog bij geen raamovereenkomst gastheer of afnemer.").waitFor();
    await expectPageAccessible("empty list");
    await page.getByRole("button", { name: "Nieuwe raamovereenkomst" }).click();
    await page.getByLabel("Naam").fill("Raamovereenkomst bedrijfsvoering");
    for (const [typed, name] of [
      ["Coevorden", "Coevorden"],
      ["Borger", "Borger-Odoorn"],
    ]) {
      await page.getByLabel("Afnemers", { exact: true }).fill(typed as string);
      await page.getByRole("button", { name: `${name} toevoegen` }).click();
    }
    await page.getByLabel("Ingangsdatum").fill("2025-01-01");
    await page.getByLabel("Einddatum (leeg: onbepaalde tijd)").fill("2029-12-31");
    await expectPageAccessible("new framework form");
    await page.getByRole("button", { name: "Aanmaken" }).click();
    await page.getByRole("heading", { level: 1, name: "Raamovereenkomst bedrijfsvoering" }).waitFor();
    await page.getByText("Borger-Odoorn, Coevorden").waitFor();

    await page.getByRole("button", { name: "Nieuwe deelovereenkomst" }).click();
    await page.getByLabel("Naam").fill("Deelovereenkomst Sociaal domein");
    await page.getByLabel("Eerste dienst").fill("Schuldhulpverlening");
    await page.getByLabel("Eenheid").fill("traject");
    await page.getByRole("button", { name: "Aanmaken" }).click();
    await page.getByRole("heading", { level: 1, name: "Deelovereenkomst Sociaal domein" }).waitFor();
    await page.getByLabel("Jaar", { exact: true }).selectOption("2026");
    await page.getByRole("heading", { name: "Cijfers 2026" }).waitFor();
    await expectPageAccessible("year form");
    await page.getByLabel("Begroting gedeelde kosten (euro)").fill("1.000.000,00");
    await page.getByLabel("Inwoners van Coevorden").fill("35665");
    await page.getByLabel("Inwoners van Borger-Odoorn").fill("25773");
    await page.getByRole("button", { name: "Bewaren" }).click();
    await page
      .getByRole("row", { name: /Coevorden/ })
      .getByText("€ 580.503,92")
      .first()
      .waitFor();
    await page
      .getByRole("row", { name: /Borger-Odoorn/ })
      .getByText("€ 419.496,08")
      .first()
      .waitFor();
    await page.getByText("Waarom betaalt Coevorden dit?").click();
    const why = page.locator("details", { hasText: "Waarom betaalt Coevorden dit?" });
    await why.getByText("per inwoner: 35.665 / 61.438", { exact: false }).waitFor();
    await why.getByText("Exact aandeel € 580.503,92", { exact: false }).waitFor();
    await expectPageAccessible("year with allocation");

    await page.getByRole("button", { name: "Cijfers van dit jaar wijzigen" }).click();
    await page.getByLabel("Begroting gedeelde kosten (euro)").fill("veel");
    await page.getByRole("button", { name: "Bewaren" }).click();
    await page.getByText("Dit is geen bedrag in euro.").waitFor();
    await page.getByLabel("Begroting gedeelde kosten (euro)").fill("1.000.000,00");
    await page.getByLabel("Werkelijke gedeelde kosten (na het jaar)").fill("1.050.000,00");
    await page.getByRole("button", { name: "Bewaren" }).click();
    await page.getByRole("button", { name: "Afrekening berekenen" }).click();
    await page.getByRole("button", { name: "Versie 1 goedkeuren" }).click();
    await page.getByText("goedgekeurd", { exact: false }).first().waitFor();
    await page.getByRole("button", { name: "Correctie berekenen (nieuwe versie)" }).waitFor();
    // The approved year's budget is frozen: only its actual figures can be corrected.
    await page.getByRole("button", { name: "Werkelijke cijfers corrigeren" }).click();
    expect(await page.getByLabel("Begroting gedeelde kosten (euro)").isDisabled()).toBe(true);
    await page.getByLabel("Werkelijke gedeelde kosten (na het jaar)").fill("1.060.000,00");
    await page.getByRole("button", { name: "Bewaren" }).click();
    await page.getByRole("button", { name: "Werkelijke cijfers corrigeren" }).waitFor();
    await expectPageAccessible("settled year");
  });
});
