import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoProjects } from "../../src/modules/demo/demo-projects.ts";
import { expectAccessible, launchBrowser, signedInPage } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** Limburg runs its partner projects; Hasselt enrols, keeps its own track, and sees where it stands. */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  await server.database.db.transaction((tx) => loadDemoProjects(tx));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signIn = (options: Parameters<typeof signedInPage>[3]) =>
  signedInPage(browser, server.url, server.database, options);

describe("partner projects", { timeout: 120_000 }, () => {
  it("a province starts a project, a municipality enrols, the province confirms, the municipality records a step", async () => {
    const limburg = await signIn({ organisationKey: "be-province-70000", role: "editor" });
    await limburg.goto(`${server.url}/partnerprojecten`);
    await limburg.getByRole("link", { name: "Lokale ouderenzorgbeleidsplanning" }).waitFor();
    await expectAccessible(limburg, "project list");
    await limburg.getByRole("button", { name: "Nieuw project" }).click();
    await limburg.getByLabel("Titel", { exact: true }).fill("Lokaal klimaatplan");
    await limburg.getByLabel("Doel").fill("Elk bestuur een klimaatplan, opgesteld met de provincie.");
    await limburg.getByLabel("Startdatum").fill("2026-01-05");
    await limburg.getByLabel("Einddatum (optioneel)").fill("2027-12-31");
    await expectAccessible(limburg, "new project");
    await limburg.getByRole("button", { name: "Project starten" }).click();
    await limburg.getByRole("heading", { level: 1, name: "Lokaal klimaatplan" }).waitFor();
    await limburg.getByText("Nog geen deelnemers.").waitFor();
    const projectUrl = limburg.url();

    const hasselt = await signIn({ organisationKey: "be-municipality-71072", role: "editor" });
    await hasselt.goto(projectUrl);
    await hasselt.getByRole("button", { name: /inschrijven$/ }).click();
    await hasselt.getByRole("cell", { name: "wacht op bevestiging" }).waitFor();

    await limburg.reload();
    await limburg.getByRole("button", { name: "Bevestigen" }).click();
    await limburg.getByRole("cell", { name: "bevestigd" }).waitFor();
    await limburg.getByRole("button", { name: "Mijlpaal toevoegen" }).click();
    await limburg.getByLabel("Mijlpaal", { exact: true }).fill("Nulmeting klaar");
    await limburg.getByLabel("Gepland op").fill("2026-06-30");
    await limburg.getByRole("button", { name: "Toevoegen", exact: true }).click();
    await limburg.getByRole("cell", { name: "Nulmeting klaar" }).waitFor();
    await expectAccessible(limburg, "project page");

    await hasselt.reload();
    await hasselt.getByRole("link", { name: "Hasselt" }).click();
    await hasselt.getByRole("heading", { level: 1, name: "Hasselt" }).waitFor();
    await hasselt.getByRole("button", { name: "Stap vastleggen" }).click();
    await hasselt.getByLabel("Stap", { exact: true }).selectOption("intake");
    await hasselt.getByLabel("Datum").fill("2026-01-20");
    await hasselt.getByLabel("Toelichting").fill("Intakegesprek met de milieudienst.");
    await hasselt.getByRole("button", { name: "Vastleggen" }).click();
    await hasselt.getByRole("cell", { name: /Intakegesprek met de milieudienst/ }).waitFor();
    await expectAccessible(hasselt, "participant page");

    // A document: a file that is not what its name says is refused with the reason; a real one is listed.
    await limburg.goto(projectUrl);
    await limburg.getByRole("button", { name: "Document toevoegen" }).click();
    await limburg.getByLabel("Titel", { exact: true }).fill("Projectplan");
    await limburg
      .getByLabel("Bestand")
      .setInputFiles({ name: "plan.pdf", mimeType: "application/pdf", buffer: Buffer.from("geen pdf") });
    const attachForm = limburg.locator('form[aria-labelledby="attach-document"]');
    await attachForm.getByRole("button", { name: "Toevoegen", exact: true }).click();
    await limburg.getByText("Het bestand is geen application/pdf").waitFor();
    await limburg.getByLabel("Bestand").setInputFiles({
      name: "plan.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"),
    });
    await attachForm.getByRole("button", { name: "Toevoegen", exact: true }).click();
    await limburg.getByRole("link", { name: "Projectplan" }).waitFor();
    await expectAccessible(limburg, "documents");

    // Progress in Markdown: shown formatted, raw HTML shown as text, never run.
    await hasselt.goto(projectUrl);
    await hasselt.getByRole("button", { name: "Voortgang melden" }).click();
    await hasselt.getByLabel("Titel", { exact: true }).fill("Nulmeting gestart");
    await hasselt.getByLabel("Tekst").fill("De **milieudienst** start de nulmeting. <img src=x onerror=alert(1)>");
    await hasselt.getByRole("button", { name: "Plaatsen" }).click();
    await hasselt.getByRole("heading", { level: 3, name: "Nulmeting gestart" }).waitFor();
    await hasselt.locator(".samen-update strong", { hasText: "milieudienst" }).waitFor();
    expect(await hasselt.locator(".samen-update img").count()).toBe(0);
    await expectAccessible(hasselt, "progress");

    // The coordinator's overview of all of Limburg's projects.
    await limburg.goto(`${server.url}/partnerprojecten/overzicht`);
    await limburg.getByRole("heading", { level: 1, name: "Overzicht van uw projecten" }).waitFor();
    await limburg.getByRole("heading", { level: 2, name: "Lokaal klimaatplan" }).waitFor();
    await expectAccessible(limburg, "dashboard");

    // A deployment of one of Limburg's staff at Hasselt, for the project; it shows in the calendar.
    await limburg.goto(`${server.url}/partnerprojecten/inzet`);
    await limburg.getByRole("heading", { level: 1, name: "Inzet ter plaatse" }).waitFor();
    await limburg.getByRole("button", { name: "Inzet plannen" }).click();
    await limburg.getByLabel("Medewerker").selectOption({ index: 1 });
    await limburg.getByLabel("Bij", { exact: true }).fill("Hasselt");
    await limburg
      .getByRole("button", { name: /^Hasselt .*toevoegen/ })
      .first()
      .click();
    await limburg.getByLabel("Project", { exact: true }).selectOption({ label: "Lokaal klimaatplan" });
    await limburg.getByLabel("Dag", { exact: true }).fill("2027-03-02");
    await limburg.getByLabel("Van", { exact: true }).fill("09:00");
    await limburg.getByLabel("Tot", { exact: true }).fill("12:30");
    await expectAccessible(limburg, "plan a deployment");
    await limburg.getByRole("button", { name: "Plannen", exact: true }).click();
    await limburg.getByLabel("Vanaf").fill("2027-03-01");
    await limburg.getByRole("cell", { name: /2 maart 2027, 09:00–12:30/ }).waitFor();
    await expectAccessible(limburg, "deployments");

    // The project's deployments in a calendar app: the feed address the project page makes.
    await limburg.goto(projectUrl);
    await limburg.getByRole("button", { name: "Agenda-abonnement: alle inzet voor dit project" }).click();
    const feedUrl = (await limburg.locator("code.samen-secret").textContent()) ?? "";
    const feed = await fetch(feedUrl.replace(/^https?:\/\/[^/]+/, server.url));
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    expect((await feed.text()).replace(/\r\n /g, "")).toContain("Hasselt · Lokaal klimaatplan");

    // On a phone (375 px) no page of the module scrolls sideways; wide tables scroll in their own box.
    await limburg.setViewportSize({ width: 375, height: 800 });
    for (const path of [
      new URL(projectUrl).pathname,
      "/partnerprojecten",
      "/partnerprojecten/overzicht",
      "/partnerprojecten/inzet",
    ]) {
      await limburg.goto(`${server.url}${path}`);
      await limburg.locator("main h1").first().waitFor();
      await limburg.waitForLoadState("networkidle");
      expect(await limburg.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
    }
  });
});
