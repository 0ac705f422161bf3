import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { loadDemoScans } from "../../src/modules/demo/demo-surveys.ts";
import { expectAccessible, launchBrowser, signedInPage } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** Hasselt and its OCMW read their scans; Genk starts one with a neighbour. */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  await server.database.db.transaction((tx) => loadDemoScans(tx));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const signIn = (options: Parameters<typeof signedInPage>[3]) =>
  signedInPage(browser, server.url, server.database, options);

describe("the readiness scan", { timeout: 90_000 }, () => {
  it("shows a municipality and its OCMW their scores, how far they can go, and what to do next", async () => {
    const page = await signIn({ organisationKey: "be-ocmw-71072", role: "admin" });
    await page.goto(`${server.url}/samenwerkingsscan`);
    await page.getByRole("link", { name: "Samenwerkingsscan Hasselt en OCMW Hasselt 2024" }).click();
    await page.getByRole("heading", { name: /Hoe ver kunnen jullie gaan: trede \d van 6/ }).waitFor();
    await page.getByRole("img", { name: "Radargrafiek van de scores per factor en partij" }).waitFor();
    await page.getByRole("table", { name: /Scores van 0 tot 100/ }).waitFor();
    await page.getByRole("heading", { name: "Volgende stappen" }).waitFor();
    await expectAccessible(page, "scan result");
    await page.goto(`${server.url}/samenwerkingsscan`);
    await page.getByRole("link", { name: "Samenwerkingsscan Hasselt en OCMW Hasselt 2026" }).click();
    await page
      .getByText("Het resultaat verschijnt zodra minstens twee partijen hun antwoord hebben ingediend.")
      .waitFor();
    await page.getByRole("link", { name: "Antwoorden voor uw organisatie" }).click();
    await page.getByRole("heading", { name: "Antwoord van uw organisatie" }).waitFor();
  });

  it("is started by a municipality with a neighbour it picks from the register", async () => {
    const page = await signIn({ organisationKey: "be-municipality-71016", role: "editor" });
    await page.goto(`${server.url}/samenwerkingsscan`);
    await page.getByText("Uw organisatie neemt nog aan geen scan deel.").waitFor();
    await page.getByRole("button", { name: "Nieuwe scan" }).click();
    await page.getByLabel("Titel", { exact: true }).fill("Genk en As");
    await page.getByLabel("Partners").fill("As");
    await page
      .getByRole("button", { name: /^As .*toevoegen/ })
      .first()
      .click();
    await expectAccessible(page, "new scan");
    await page.getByRole("button", { name: "Scan starten" }).click();
    await page.getByRole("heading", { level: 1, name: "Genk en As" }).waitFor();
    await page.getByText("Genk: nog niet geantwoord").waitFor();
  });
});
