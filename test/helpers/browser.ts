import AxeBuilder from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import type { Database } from "../../src/platform/db/client.ts";
import { buildUser, testPassword } from "../factories.ts";

/** Debian's Chromium, headless, with the background services that would reach for the network turned off. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...extraArgs,
    ],
  });
}

/** What the Content-Security-Policy refused on each page: a page that needs more than the policy allows. */
const policyViolations = new WeakMap<Page, string[]>();

/** A new page in its own context (axe needs a context-made page), noting what the security policy refuses. */
export async function newPage(browser: Browser, options: { locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: options.locale ?? "nl-BE",
    viewport: { width: 1280, height: 900 },
    // As people who ask their system for less motion: questions appear at once, not while a test types in them.
    reducedMotion: "reduce",
  });
  const page = await context.newPage();
  const refused: string[] = [];
  policyViolations.set(page, refused);
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  return page;
}

/** The WCAG 2.1 A and AA violations axe finds on the page as it is now. */
export async function accessibilityViolations(page: Page, options: { frames?: boolean } = {}) {
  let builder = new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  // A sandboxed frame (a mail shown in the page) runs no script, axe's neither: it is checked on its own instead.
  if (options.frames === false) builder = builder.setLegacyMode(true).exclude("iframe");
  const result = await builder.analyze();
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
}

/** A page signed in as a new user of the given organisation and role, on the welcome page. */
export async function signedInPage(
  browser: Browser,
  base: string,
  database: Database,
  options: Parameters<typeof buildUser>[1],
): Promise<Page> {
  const user = await buildUser(database, options);
  const page = await newPage(browser);
  page.setDefaultTimeout(10_000);
  await signIn(page, base, user.email);
  return page;
}

/** Signs the page in through the sign-in form, as a person would, with the test password; waits for the welcome. */
export async function signIn(page: Page, base: string, email: string) {
  await page.goto(`${base}/aanmelden`);
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord", { exact: true }).fill(testPassword);
  await page.getByRole("button", { name: "Aanmelden" }).click();
  await page.getByRole("heading", { name: /Welkom/ }).waitFor();
}

/** Fails the test with axe's findings if the page as it is now has WCAG 2.1 A or AA violations. */
export async function expectAccessible(page: Page, label?: string, options: { frames?: boolean } = {}) {
  expect(await accessibilityViolations(page, options), label).toEqual([]);
  // Checked with each page's accessibility: nothing on it needed more than the Content-Security-Policy allows.
  expect(policyViolations.get(page) ?? [], `${label ?? "page"}: refused by the Content-Security-Policy`).toEqual([]);
}
