import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, organisationId } from "../factories.ts";
import { expectAccessible, launchBrowser, newPage, signIn as signInAs } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  const user = await buildUser(server.database, {
    organisationKey: "be-municipality-71016",
    role: "editor",
    name: "Griet Genk",
  });
  page = await newPage(browser);
  await signInAs(page, server.url, user.email);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const expectPageAccessible = () => expectAccessible(page);

describe("the collaborations of the register, as a municipal editor uses them", () => {
  it("Hasselt's page lists Limburg.net, Cipal and s-Lim once each, Kortessem's membership merged in", async () => {
    const hasselt = await organisationId(server.database, "be-municipality-71072");
    await page.goto(`${server.url}/organisaties/${hasselt}`);
    await page.getByRole("heading", { name: "Samenwerkingen" }).waitFor();
    await page.getByText(/Neemt deel aan \d+ samenwerkingsverbanden/).waitFor();
    for (const name of ["Limburg.net", "Cipal", "s-Lim"]) {
      await expect(page.locator(".samen-portfolio").getByRole("link", { name, exact: true }).count()).resolves.toBe(1);
    }
    await expect(page.locator(".samen-portfolio").getByText("overgenomen bij fusie").first().isVisible()).resolves.toBe(
      true,
    );
    await expectPageAccessible();
  });

  it("reads Kortessem's portfolio as it was on 1 January 2020", async () => {
    const kortessem = await organisationId(server.database, "be-municipality-73040");
    await page.goto(`${server.url}/organisaties/${kortessem}`);
    await page.getByText("Geen deelnames in het register.").waitFor();
    await page.getByLabel("Zoals op").fill("2020-01-01");
    await page.locator(".samen-portfolio").getByRole("link", { name: "Limburg.net", exact: true }).waitFor();
  });

  it("finds Limburg.net in the list of collaborations and opens it", async () => {
    await page.goto(`${server.url}/samenwerkingen`);
    await page.getByLabel("Zoek op naam, KBO- of CBS-code").fill("limburg.net");
    await page.getByRole("link", { name: "Limburg.net", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Limburg.net" }).waitFor();
    await page.getByText("0214533712").waitFor();
    const current = page.locator("section[aria-labelledby=members]");
    await expect(current.getByRole("link", { name: "Hasselt", exact: true }).count()).resolves.toBe(1);
    await expect(current.getByRole("link", { name: "Kortessem", exact: true }).count()).resolves.toBe(0);
    await page.getByRole("heading", { name: "Vroegere leden" }).waitFor();
    await expectPageAccessible();
  });

  it("shows Limburg.net's members as a network", async () => {
    await page.getByRole("link", { name: "Bekijk de leden als netwerk" }).click();
    await page.getByText("Dit netwerk toont één samenwerkingsverband en zijn leden.").waitFor();
    await expect.poll(() => page.locator(".samen-network rect").count()).toBe(1);
    await expect.poll(() => page.locator(".samen-network circle").count()).toBeGreaterThan(30);
    await page.locator('.samen-network a[aria-label^="Limburg.net"]').waitFor({ state: "attached" });
  });

  it("shows Limburg's 38 municipalities on the map, with the figures as a table, and opens one on click", async () => {
    await page.goto(`${server.url}/kaart`);
    await page.getByLabel("Gebied").selectOption({ label: "Provincie Limburg (België)" });
    await expect.poll(() => page.locator(".samen-map a").count()).toBe(38);
    await page.getByText("Toon de cijfers als tabel").click();
    await page.locator(".samen-details").getByRole("cell", { name: "Hasselt", exact: true }).waitFor();
    await expectPageAccessible();
    await page.locator('.samen-map a[aria-label^="Hasselt:"]').click();
    await page.getByRole("heading", { level: 1, name: "Hasselt" }).waitFor();
  });

  it("creates a collaboration for Genk, adds Hasselt as client, and sees it unconfirmed", async () => {
    await page.goto(`${server.url}/samenwerkingen`);
    await page.getByRole("button", { name: "Nieuw samenwerkingsverband" }).click();
    await page.getByLabel("Naam", { exact: true }).fill("Gedeelde archivaris Genk–Hasselt");
    await page.getByLabel("Vorm").first().selectOption("gastheergemeente");
    await expectPageAccessible();
    await page.getByRole("button", { name: "Aanmaken" }).click();
    await page.getByRole("heading", { level: 1, name: "Gedeelde archivaris Genk–Hasselt" }).waitFor();
    await page.getByLabel("Zoek een organisatie").fill("Hasselt");
    await page
      .getByLabel("Organisatie", { exact: true })
      .locator("option", { hasText: "Hasselt (71072)" })
      .waitFor({ state: "attached" });
    await page.getByLabel("Organisatie", { exact: true }).selectOption({ label: "Hasselt (71072)" });
    await page.getByLabel("Rol").selectOption("client");
    await page.getByLabel("Aandeel (%)").fill("40");
    await page.getByRole("button", { name: "Lid toevoegen" }).click();
    const row = page.getByRole("row", { name: /Hasselt/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain("40 %");
    await expect(row.textContent()).resolves.toContain("nog niet");
    await expectPageAccessible();
  });

  it("ends Hasselt's participation (it moves to the former members) and removes one entered by mistake", async () => {
    await page.getByRole("button", { name: "Beëindig deelname van Hasselt" }).click();
    await page.getByRole("heading", { name: "Vroegere leden" }).waitFor();
    await expect(
      page.locator("section[aria-labelledby=former-members]").getByRole("link", { name: "Hasselt" }).count(),
    ).resolves.toBe(1);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Verwijder Hasselt (vergissing)" }).click();
    await page.getByRole("heading", { name: "Vroegere leden" }).waitFor({ state: "detached" });
    await page.getByText("Nog geen leden.").waitFor();
  });
});
