import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoNewsletter } from "../../src/modules/demo/demo-newsletter.ts";
import { organisationId } from "../factories.ts";
import { expectAccessible, launchBrowser, newPage, signedInPage } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** Limburg's editor makes the month's newsletter; anyone reads the archive and unsubscribes by a link. */
let server: TestServer;
let browser: Browser;
let limburg: string;

beforeAll(async () => {
  server = await startTestServer();
  await server.database.db.transaction((tx) => loadDemoNewsletter(tx));
  limburg = await organisationId(server.database, "be-province-70000");
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the newsletter", { timeout: 120_000 }, () => {
  it("is composed for a month, edited, previewed as mailed and sent; subscribers are added", async () => {
    const page = await signedInPage(browser, server.url, server.database, {
      organisationKey: "be-province-70000",
      role: "editor",
    });
    await page.goto(`${server.url}/nieuwsbrief`);
    await page.getByRole("link", { name: "Nieuwsbrief Provincie Limburg, november 2026" }).waitFor();
    await expectAccessible(page, "newsletter");
    await page.getByRole("button", { name: "Abonnee toevoegen" }).click();
    await page.getByLabel("E-mailadres").fill("griet.peeters@example.be");
    await page.getByRole("button", { name: "Toevoegen", exact: true }).click();
    await page.getByRole("cell", { name: "griet.peeters@example.be" }).waitFor();
    await page.getByRole("cell", { name: "wacht op bevestiging" }).waitFor();

    await page.getByRole("button", { name: "Nieuwe nieuwsbrief samenstellen" }).click();
    await page.getByLabel("Maand").fill("2026-12");
    await page.getByRole("button", { name: "Samenstellen" }).click();
    await page.getByRole("heading", { level: 1, name: /Nieuwsbrief Provincie Limburg, december 2026/ }).waitFor();
    await page.getByLabel("Inleiding", { exact: true }).fill("Het jaar loopt ten einde: een **overzicht**.");
    await page.getByRole("button", { name: "Opslaan" }).click();
    await page.getByRole("button", { name: "Voorbeeld zoals verstuurd" }).click();
    await page.frameLocator("iframe.samen-mail-preview").getByText("overzicht").waitFor();
    await expectAccessible(page, "issue", { frames: false });
    await page.getByRole("button", { name: "Versturen" }).click();
    await page.getByRole("button", { name: "Nu versturen" }).click();
    await page.getByText("wordt verstuurd").first().waitFor();

    // On a phone (375 px) no page scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    for (const path of [new URL(page.url()).pathname, "/nieuwsbrief", `/nieuwsbrief/aanbieder/${limburg}`]) {
      await page.goto(`${server.url}${path}`);
      await page.locator("main h1").first().waitFor();
      await page.waitForLoadState("networkidle");
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
    }
  });

  it("keeps a public archive, and a link from a mail unsubscribes or says it is not valid", async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/nieuwsbrief/aanbieder/${limburg}`);
    await page.getByRole("heading", { level: 1, name: "Nieuwsbrief van Provincie Limburg" }).waitFor();
    await expectAccessible(page, "archive");
    await page.getByRole("link", { name: "Nieuwsbrief Provincie Limburg, oktober 2026" }).click();
    await page.frameLocator("iframe.samen-mail-preview").getByText("Bevraging Smart City").waitFor();
    await expectAccessible(page, "archived issue", { frames: false });
    // The mail itself, as a mail program shows it.
    const id = page.url().split("/").at(-1);
    const { html } = (await (await fetch(`${server.url}/api/newsletter-archive/${id}`)).json()) as { html: string };
    const mail = await newPage(browser);
    await mail.setContent(html);
    await expectAccessible(mail, "the mail");
    await page.goto(`${server.url}/nieuwsbrief/afmelden#s=00000000-0000-4000-8000-000000000000&t=${"x".repeat(43)}`);
    await page.getByRole("button", { name: "Afmelden" }).click();
    await page.getByRole("status").getByText("Deze link is niet geldig.").waitFor();
    await expectAccessible(page, "unsubscribe");
  });
});
