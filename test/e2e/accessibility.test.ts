import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildUser, organisationId } from "../factories.ts";
import { expectAccessible, launchBrowser, newPage, signIn as signInAs } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** Every page of the shell, in Dutch and in English, signed out and signed in, checked with axe (WCAG 2.1 AA). */
let server: TestServer;
let browser: Browser;
let page: Page;
let hasselt: string;
let kortessem: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  hasselt = await organisationId(server.database, "be-municipality-71072");
  kortessem = await organisationId(server.database, "be-municipality-73040");
  page = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(email: string) {
  await signInAs(page, server.url, email);
}

async function check(path: string, ready: string) {
  await page.goto(`${server.url}${path}`);
  await page.getByText(ready, { exact: false }).first().waitFor();
  await expectAccessible(page, path);
}

describe("every page meets WCAG 2.1 AA as axe sees it", () => {
  it("signed out: sign-in, forgotten password, new password", async () => {
    await check("/aanmelden", "Aanmelden bij Samen");
    await check("/wachtwoord-vergeten", "Wachtwoord vergeten");
    await check("/wachtwoord-herstellen#token=not-a-real-token", "Nieuw wachtwoord kiezen");
  });

  it("signed in as a platform administrator, in Dutch and in English", async () => {
    const admin = await buildUser(server.database, { isPlatformAdmin: true, name: "Beheer" });
    await signIn(admin.email);
    for (const language of ["Nederlands", "English"]) {
      await page.getByRole("button", { name: language }).click();
      const english = language === "English";
      await check("/", english ? "Welcome" : "Welkom");
      await check("/organisaties", english ? "Register of local governments" : "Register van lokale besturen");
      await check(`/organisaties/${hasselt}`, english ? "API keys" : "API-sleutels");
      await page.getByRole("button", { name: english ? "Edit details" : "Gegevens wijzigen" }).click();
      await expectAccessible(page, "edit form");
      await check(`/organisaties/${kortessem}`, english ? "no longer exists" : "bestaat niet meer");
      await check(
        "/samenwerkingen",
        english ? "Intermunicipal associations" : "Intergemeentelijke samenwerkingsverbanden",
      );
      await check("/kaart", english ? "Map of collaboration" : "Kaart van de samenwerking");
      await page.locator(".samen-map path").first().waitFor();
      await expectAccessible(page, "map");
      await check("/netwerk", english ? "Network of collaboration" : "Netwerk van samenwerking");
      await page.locator(".samen-network circle").first().waitFor();
      await expectAccessible(page, "network");
      await check("/berichten", english ? "Messages" : "Berichten");
      await check("/partnercatalogus", english ? "There is no partner catalogue" : "Er is nog geen partnercatalogus");
      await check("/frontoffice", english ? "has not asked any questions" : "stelde nog geen vragen");
      await check("/gedeelde-diensten", english ? "not host or client of any" : "nog bij geen raamovereenkomst");
      await check("/nieuwsbrief", english ? "First choose the organisation" : "Kies eerst de organisatie");
      await check("/partnerprojecten", english ? "No projects found" : "Geen projecten gevonden");
      await check(
        "/gezamenlijke-aankoop",
        english ? "There are no joint purchases yet" : "Er zijn nog geen gezamenlijke aankopen",
      );
      await check("/enquetes", english ? "Survey organisations, not people" : "Bevraag organisaties, niet personen");
      await check("/samenwerkingsscan", english ? "rate the same statements" : "vullen elk dezelfde stellingen in");
      // A platform administrator acts for no organisation: each page of the module asks to choose one first.
      for (const path of ["/kansen", "/kansen/raad", "/kansen/hoofdstuk"]) {
        await check(
          path,
          english ? "First choose the organisation you work for" : "Kies eerst de organisatie waarvoor u werkt",
        );
      }
      await check("/bestaat-niet", english ? "Page not found" : "Pagina niet gevonden");
    }
    await page.getByRole("button", { name: "Nederlands" }).click();
  }, 120_000);

  it("an administrator uploads a broken file and sees every problem with its line, then imports a good one", async () => {
    await check("/importeren", "Importeren in het register");
    await page.getByLabel("Bestand").setInputFiles({
      name: "gemeenten.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "key,kind,country,name\nbe-test-1,municipality,BE,Proefgemeente\nbe-test-2,kasteel,BE,Fout\n",
      ),
    });
    await page.getByLabel("Alleen controleren, niets schrijven").uncheck();
    await page.getByRole("button", { name: "Importeren", exact: true }).click();
    await page.getByRole("alert").getByText("Er is niets geschreven").waitFor();
    await page.getByRole("cell", { name: "line 3: kind" }).waitFor();
    await expectAccessible(page, "import report");
    await page.getByLabel("Foute rijen overslaan en de goede schrijven").check();
    await page.getByRole("button", { name: "Importeren", exact: true }).click();
    await page.getByText("1 rijen geïmporteerd, 1 overgeslagen.").waitFor();
  });

  it("the mail outbox is shown when a mail was sent, with the reset link in it", async () => {
    const person = await buildUser(server.database, { organisationKey: "be-municipality-71016", role: "viewer" });
    await page.goto(`${server.url}/wachtwoord-vergeten`);
    await page.getByLabel("E-mailadres").fill(person.email);
    await page.getByRole("button", { name: "Stuur de link" }).click();
    await page.getByRole("status").getByText("Als dit adres bij ons bekend is").waitFor();
    await check("/berichten", "nieuw wachtwoord instellen");
    await expect(page.locator(".samen-mail__text").first().textContent()).resolves.toContain(
      "/wachtwoord-herstellen#token=",
    );
  });
});
