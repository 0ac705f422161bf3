import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userRoles } from "../../src/platform/db/schema.ts";
import { buildUser, organisationId, testPassword } from "../factories.ts";
import { expectAccessible, launchBrowser, newPage } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let browser: Browser;
let page: Page;
let user: { email: string };

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  user = await buildUser(server.database, {
    organisationKey: "be-municipality-71072",
    role: "admin",
    name: "Pieter Claes",
  });
  const ocmw = await organisationId(server.database, "be-ocmw-71072");
  const [row] = await server.database.db.select().from(userRoles);
  if (!row) throw new Error("no role");
  await server.database.db.insert(userRoles).values({ userId: row.userId, organisationId: ocmw, role: "editor" });
  page = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const expectPageAccessible = () => expectAccessible(page);

describe("a municipal director finds their way in the register", () => {
  it("is sent to sign-in first, on a page without accessibility violations", async () => {
    await page.goto(`${server.url}/organisaties`);
    await page.getByRole("heading", { name: "Aanmelden bij Samen" }).waitFor();
    expect(page.url()).toContain("/aanmelden?terug=");
    await expectPageAccessible();
  });

  it("refuses a wrong password with a clear message", async () => {
    await page.getByLabel("E-mailadres").fill(user.email);
    await page.getByLabel("Wachtwoord", { exact: true }).fill("not the password");
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await expect(page.getByRole("alert").textContent()).resolves.toContain(
      "Het e-mailadres of het wachtwoord klopt niet.",
    );
  });

  it("signs in and lands where they wanted to go", async () => {
    await page.getByLabel("Wachtwoord", { exact: true }).fill(testPassword);
    await page.getByRole("button", { name: "Aanmelden" }).click();
    await page.getByRole("heading", { name: "Register van lokale besturen" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/organisaties");
    await expectPageAccessible();
  });

  it("finds Hasselt (NIS 71072, merged with Kortessem in 2025) and opens its page", async () => {
    await page.getByLabel("Zoek op naam of code").fill("Haselt");
    const first = page.getByRole("row").nth(1);
    await first.getByRole("link", { name: "Hasselt", exact: true }).waitFor();
    await expect(first.textContent()).resolves.toContain("71072");
    await first.getByRole("link", { name: "Hasselt", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Hasselt" }).waitFor();
    const facts = await page.locator(".samen-datalist").textContent();
    expect(facts).toContain("71072");
    expect(facts).toContain("Provincie Limburg");
    expect(facts).toContain("Kortessem (73040)");
    await page.getByRole("heading", { name: "Geschiedenis" }).waitFor();
    // Its neighbours, from the boundaries: a link to each.
    const neighbours = page.getByRole("region", { name: "Buurgemeenten" });
    await neighbours.getByRole("link", { name: "Genk", exact: true }).waitFor();
    expect(await neighbours.locator("ul.samen-columns").getByRole("link").count()).toBe(11);
    // And what they take part in that Hasselt does not, each with the neighbours in it.
    await neighbours.getByRole("region", { name: "Samenwerkingen van de buren" }).getByRole("row").nth(1).waitFor();
    await expectPageAccessible();
  });

  it("edits the record, and the history shows the change", async () => {
    await page.getByRole("button", { name: "Gegevens wijzigen" }).click();
    await page.getByLabel("Website").fill("https://www.hasselt.be");
    await page.getByRole("button", { name: "Bewaren" }).click();
    await page.getByRole("link", { name: "https://www.hasselt.be" }).waitFor();
    await page.locator(".samen-history").getByText("gewijzigd").first().waitFor();
  });

  it("finds Emmen by its CBS code", async () => {
    await page.getByRole("link", { name: "Register" }).click();
    await page.getByLabel("Zoek op naam of code").fill("GM0114");
    await page.getByRole("link", { name: "Emmen", exact: true }).waitFor();
    const row = page.getByRole("row", { name: /Emmen/ });
    await expect(row.textContent()).resolves.toContain("GM0114");
  });

  it("reads the register as on 1 January 2020, when Kortessem still existed", async () => {
    await page.getByLabel("Zoek op naam of code").fill("Kortessem");
    await page.getByLabel("Zoals op").fill("2020-01-01");
    const row = page.getByRole("row", { name: /Kortessem/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain("73040");
    await page.getByLabel("Zoals op").fill("");
  });

  it("says so when nothing matches, and offers to clear the filters", async () => {
    await page.getByLabel("Zoek op naam of code").fill("Atlantis-aan-Zee");
    await page.getByText("Geen organisaties gevonden").waitFor();
    await expectPageAccessible();
    await page.getByRole("button", { name: "Wis de filters" }).click();
    await expect(page.getByLabel("Zoek op naam of code").inputValue()).resolves.toBe("");
  });

  it("switches to the OCMW it also works for", async () => {
    await page.getByLabel("Werkt voor").selectOption({ label: "OCMW Hasselt (redacteur)" });
    await page.getByRole("link", { name: "Samen" }).first().click();
    await page.getByText("U werkt nu voor OCMW Hasselt.").waitFor();
  });

  it("reads the interface in English after one click", async () => {
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Welcome, Pieter Claes" }).waitFor();
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    await expectPageAccessible();
    await page.getByRole("button", { name: "Nederlands" }).click();
  });

  it("can be used with the keyboard: the first Tab reaches the skip link", async () => {
    await page.goto(`${server.url}/organisaties`);
    await page.getByRole("heading", { name: "Register van lokale besturen" }).waitFor();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe("Naar de inhoud");
  });

  it("opens the opportunities from the menu, and an unknown address as not found", async () => {
    await page
      .getByRole("link", { name: /Kansen/ })
      .first()
      .click();
    await page.getByRole("heading", { name: "Waar buren en vergelijkbare gemeenten samenwerken en u niet" }).waitFor();
    await page.goto(`${server.url}/bestaat-niet`);
    await page.getByRole("heading", { name: "Pagina niet gevonden" }).waitFor();
    await expectPageAccessible();
  });

  it("signs out", async () => {
    await page.getByRole("button", { name: "Afmelden" }).click();
    await page.getByRole("heading", { name: "Aanmelden bij Samen" }).waitFor();
    const session = await page.evaluate(() => fetch("/api/auth/session").then((r) => r.status));
    expect(session).toBe(401);
  });
});
