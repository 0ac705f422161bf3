import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/modules/demo/seed-demo.ts";
import { systemContext } from "../../src/platform/context.ts";
import { organisationId } from "../factories.ts";
import { accessibilityViolations, expectAccessible, launchBrowser, signedInPage } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * On a phone: the header folds behind a menu button, and no page scrolls sideways at 320 px (WCAG 1.4.10 reflow);
 * wide tables scroll inside their own box.
 */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  await server.database.db.transaction((tx) => seedDemo(tx, systemContext("small screens")));
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every page of the app a signed-in administrator of Hasselt reaches from the menu, and the public one. */
const everyPage = (hasselt: string) => [
  "/",
  "/organisaties",
  `/organisaties/${hasselt}`,
  "/samenwerkingen",
  "/partnercatalogus",
  "/frontoffice",
  "/partnerprojecten",
  "/nieuwsbrief",
  "/gedeelde-diensten",
  "/gezamenlijke-aankoop",
  "/enquetes",
  "/samenwerkingsscan",
  "/kansen",
  "/kansen/raad",
  "/kansen/hoofdstuk",
  `/publiek/gemeenten/${hasselt}`,
];

describe("small screens", { timeout: 180_000 }, () => {
  it("fold the header behind a menu button that opens and closes it", async () => {
    const page = await signedInPage(browser, server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    await page.setViewportSize({ width: 375, height: 740 });
    const menu = page.getByRole("button", { name: "Menu" });
    const modules = page.getByRole("navigation", { name: "Modules" });
    await menu.waitFor();
    expect(await modules.isVisible()).toBe(false);
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    await menu.click();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await modules.getByRole("link", { name: "Kansen" }).click();
    await page.getByRole("heading", { level: 1, name: "Kansen voor Hasselt" }).waitFor();
    expect(await modules.isVisible()).toBe(false);
    await expectAccessible(page, "phone header");
    // On a wide screen there is no menu button: everything is in view.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await menu.isVisible()).toBe(false);
    expect(await modules.isVisible()).toBe(true);
  });

  it("scroll no page sideways at 320 px", async () => {
    const hasselt = await organisationId(server.database, "be-municipality-71072");
    const page = await signedInPage(browser, server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    await page.setViewportSize({ width: 320, height: 640 });
    const wide: string[] = [];
    for (const path of everyPage(hasselt)) {
      await page.goto(`${server.url}${path}`);
      await page.locator("main h1").first().waitFor();
      await page.waitForLoadState("networkidle");
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 320) wide.push(`${path}: ${width} px`);
    }
    expect(wide).toEqual([]);
  });

  it("pass axe on every page, in Dutch and in English", async () => {
    const hasselt = await organisationId(server.database, "be-municipality-71072");
    const page = await signedInPage(browser, server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const found: string[] = [];
    for (const language of ["nl", "en"] as const) {
      await page.evaluate((l) => localStorage.setItem("samen.language", l), language);
      for (const path of everyPage(hasselt)) {
        await page.goto(`${server.url}${path}`);
        await page.locator("main h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        expect(await page.getAttribute("html", "lang"), path).toBe(language);
        for (const v of await accessibilityViolations(page))
          found.push(`${language} ${path}: ${v.id} ${v.nodes.join(", ")}`);
      }
    }
    expect(found).toEqual([]);
  });
});
