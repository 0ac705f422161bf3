import { mkdirSync } from "node:fs";
import { and, desc, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/modules/demo/seed-demo.ts";
import { systemContext } from "../../src/platform/context.ts";
import { frameworks, purchaseBundles, subAgreements, surveys } from "../../src/platform/db/schema.ts";
import { organisationId } from "../factories.ts";
import { launchBrowser, signedInPage } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Printing as a council member or a finance department would: the page itself under a line saying where and when,
 * no menu, switcher, language buttons or actions, table rows kept whole. Chromium's print output is kept as
 * pictures and PDFs in test-results/print/ to look at.
 */
let server: TestServer;
let browser: Browser;
const artefacts = "test-results/print";

beforeAll(async () => {
  server = await startTestServer();
  await server.database.db.transaction((tx) => seedDemo(tx, systemContext("print test")));
  browser = await launchBrowser();
  mkdirSync(artefacts, { recursive: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function expectPrintable(page: Page, name: string, organisation: string) {
  await page.emulateMedia({ media: "print" });
  // Nothing of the interface around the page, and nothing to click.
  expect(await page.locator(".samen-header").isVisible(), `${name}: the menu`).toBe(false);
  expect(await page.locator("button:visible, select:visible, input:visible").count(), `${name}: controls`).toBe(0);
  // Where it comes from, on top.
  const header = page.locator(".samen-print-header");
  expect(await header.isVisible(), `${name}: the print header`).toBe(true);
  expect(await header.textContent()).toContain(organisation);
  expect(await page.getByRole("heading", { level: 1 }).first().isVisible()).toBe(true);
  // Table rows stay whole, and each table's head repeats on a new page.
  if (await page.locator("tr").count()) {
    expect(
      await page
        .locator("tr")
        .first()
        .evaluate((row) => getComputedStyle(row).breakInside),
    ).toBe("avoid");
    expect(
      await page
        .locator("thead")
        .first()
        .evaluate((head) => getComputedStyle(head).display),
    ).toBe("table-header-group");
  }
  await page.screenshot({ path: `${artefacts}/${name}.png`, fullPage: true });
  await page.pdf({ path: `${artefacts}/${name}.pdf`, format: "A4", printBackground: true });
  await page.emulateMedia({ media: "screen" });
}

describe("printing", { timeout: 120_000 }, () => {
  it("an organisation's page", async () => {
    const page = await signedInPage(browser, server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "viewer",
    });
    await page.goto(`${server.url}/organisaties/${await organisationId(server.database, "be-municipality-71072")}`);
    await page.getByRole("heading", { level: 1, name: "Hasselt" }).waitFor();
    await expectPrintable(page, "organisation", "Hasselt");
  });

  it("a sub-agreement's year", async () => {
    const emmen = await organisationId(server.database, "nl-municipality-GM0114");
    const [sub] = await server.database.db
      .select({ id: subAgreements.id })
      .from(subAgreements)
      .innerJoin(frameworks, eq(frameworks.id, subAgreements.frameworkId))
      .where(eq(frameworks.hostId, emmen));
    const page = await signedInPage(browser, server.url, server.database, {
      organisationKey: "nl-municipality-GM0114",
      role: "editor",
    });
    await page.goto(`${server.url}/gedeelde-diensten/deelovereenkomst/${sub?.id}`);
    await page.getByRole("table").first().waitFor();
    await expectPrintable(page, "sub-agreement-year", "Emmen");
  });

  it("survey results", async () => {
    const limburg = await organisationId(server.database, "be-province-70000");
    const [survey] = await server.database.db
      .select({ id: surveys.id })
      .from(surveys)
      .where(and(eq(surveys.ownerOrganisationId, limburg), eq(surveys.status, "open")));
    const page = await signedInPage(browser, server.url, server.database, {
      organisationKey: "be-province-70000",
      role: "viewer",
    });
    await page.goto(`${server.url}/enquetes/${survey?.id}/resultaten`);
    await page.getByText(/organisaties hebben geantwoord/).waitFor();
    await expectPrintable(page, "survey-results", "Provincie Limburg");
  });

  it("a joint purchase with its savings, as a council member prints it", async () => {
    const limburg = await organisationId(server.database, "be-province-70000");
    const [bundle] = await server.database.db
      .select({ id: purchaseBundles.id })
      .from(purchaseBundles)
      .where(and(eq(purchaseBundles.leadBuyerId, limburg), eq(purchaseBundles.subject, "energy")))
      .orderBy(desc(purchaseBundles.contractStartsOn));
    const page = await signedInPage(browser, server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "viewer",
    });
    await page.goto(`${server.url}/gezamenlijke-aankoop/${bundle?.id}`);
    await page.getByRole("heading", { level: 2, name: "Besparing" }).waitFor();
    await page.getByText("Waarop de cijfers van Hasselt rusten").waitFor();
    await expectPrintable(page, "joint-purchase", "Hasselt");
  });

  it("the council's view and the chapter, as a council member prints them", async () => {
    const page = await signedInPage(browser, server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "viewer",
    });
    await page.goto(`${server.url}/kansen/raad`);
    await page.getByRole("heading", { level: 2, name: "Termijnen voor de raad" }).waitFor();
    await page.getByText("Lien Vanhoof, schepen van financiën (algemene vergadering)").waitFor();
    await expectPrintable(page, "council", "Hasselt");
    await page.goto(`${server.url}/kansen/hoofdstuk`);
    await page.getByRole("heading", { level: 2, name: "Zo leest het hoofdstuk" }).waitFor();
    await page.getByText("Een toekomstbestendig bestuur").waitFor();
    await expectPrintable(page, "chapter", "Hasselt");
  });
});
