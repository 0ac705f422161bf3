/**
 * Takes the README's screenshots from a running demo:
 *   npm start   (in another terminal)   then   node --import tsx scripts/screenshots.ts [http://127.0.0.1:3000]
 */
import { mkdirSync } from "node:fs";
import { launchBrowser, newPage } from "../test/helpers/browser.ts";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const out = new URL("../docs/screenshots/", import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const browser = await launchBrowser();
const page = await newPage(browser);
await page.goto(`${base}/aanmelden`);
await page.getByRole("heading", { name: "Aanmelden bij Samen" }).waitFor();
await page.screenshot({ path: `${out}sign-in.png` });
await page.getByLabel("E-mailadres").fill("directeur@hasselt.demo");
await page.getByLabel("Wachtwoord", { exact: true }).fill("samen-demo-2026");
await page.getByRole("button", { name: "Aanmelden" }).click();
await page.getByRole("heading", { name: /Welkom/ }).waitFor();
await page.goto(`${base}/organisaties?country=BE`);
await page.getByLabel("Zoek op naam of code").fill("has");
await page.getByRole("link", { name: "Hasselt", exact: true }).first().waitFor();
await page.screenshot({ path: `${out}register.png` });
await page.getByRole("link", { name: "Hasselt", exact: true }).first().click();
await page.getByRole("heading", { name: "Geschiedenis" }).waitFor();
await page.screenshot({ path: `${out}organisation.png`, fullPage: false });
await page.goto(`${base}/partnercatalogus`);
await page.getByLabel("Waar zoekt u een antwoord op?").fill("ouderzorg plan");
await page.locator(".samen-result mark").first().waitFor();
await page.screenshot({ path: `${out}catalogue.png`, fullPage: false });

// The province's side: the desk with its figures, and a ticket.
const desk = await newPage(browser);
await desk.goto(`${base}/aanmelden`);
await desk.getByLabel("E-mailadres").fill("coordinator@limburg.demo");
await desk.getByLabel("Wachtwoord", { exact: true }).fill("samen-demo-2026");
await desk.getByRole("button", { name: "Aanmelden" }).click();
await desk.getByRole("heading", { name: /Welkom/ }).waitFor();
await desk.goto(`${base}/frontoffice`);
await desk.getByText("De frontoffice per thema").waitFor();
await desk.getByRole("link", { name: /preventieadviseur/ }).waitFor();
await desk.screenshot({ path: `${out}desk.png`, fullPage: false });
await desk.getByRole("link", { name: /preventieadviseur/ }).click();
await desk.getByRole("heading", { name: "Gesprek" }).waitFor();
await desk.getByRole("heading", { name: "Gesprek" }).scrollIntoViewIfNeeded();
await desk.screenshot({ path: `${out}ticket.png`, fullPage: false });

// Shared services: Emmen's sub-agreement for social affairs, the 2025 allocation with one explanation open.
const host = await newPage(browser);
await host.goto(`${base}/aanmelden`);
await host.getByLabel("E-mailadres").fill("manager@emmen.demo");
await host.getByLabel("Wachtwoord", { exact: true }).fill("samen-demo-2026");
await host.getByRole("button", { name: "Aanmelden" }).click();
await host.getByRole("heading", { name: /Welkom/ }).waitFor();
await host.goto(`${base}/gedeelde-diensten`);
await host.getByRole("link", { name: /Raamovereenkomst dienstverlening/ }).click();
await host.getByRole("link", { name: "Deelovereenkomst Sociaal domein" }).click();
await host.getByLabel("Jaar", { exact: true }).selectOption("2025");
await host.getByText("Waarom betaalt Coevorden dit?").click();
await host.getByRole("heading", { name: "Het jaar 2025" }).scrollIntoViewIfNeeded();
await host.screenshot({ path: `${out}shared-services.png`, fullPage: false });

// Staff and the governance calendar, as HR of Emmen sees them.
const hr = await newPage(browser);
await hr.goto(`${base}/aanmelden`);
await hr.getByLabel("E-mailadres").fill("personeelszaken@emmen.demo");
await hr.getByLabel("Wachtwoord", { exact: true }).fill("samen-demo-2026");
await hr.getByRole("button", { name: "Aanmelden" }).click();
await hr.getByRole("heading", { name: /Welkom/ }).waitFor();
await hr.goto(`${base}/gedeelde-diensten`);
await hr.getByRole("link", { name: /Raamovereenkomst dienstverlening/ }).click();
await hr.getByRole("heading", { name: "Personeel dat overgaat" }).scrollIntoViewIfNeeded();
await hr.screenshot({ path: `${out}staff.png`, fullPage: false });
await hr.getByRole("heading", { name: "Bestuurskalender" }).scrollIntoViewIfNeeded();
await hr.screenshot({ path: `${out}calendar.png`, fullPage: false });

// Surveys: Limburg's Smart City results split by size class, as its coordinator sees them.
const coordinator = await newPage(browser);
await coordinator.goto(`${base}/aanmelden`);
await coordinator.getByLabel("E-mailadres").fill("coordinator@limburg.demo");
await coordinator.getByLabel("Wachtwoord", { exact: true }).fill("samen-demo-2026");
await coordinator.getByRole("button", { name: "Aanmelden" }).click();
await coordinator.getByRole("heading", { name: /Welkom/ }).waitFor();
await coordinator.goto(`${base}/enquetes`);
await coordinator.getByRole("link", { name: "Smart City-bevraging 2026" }).click();
await coordinator.getByRole("link", { name: "Resultaten" }).click();
await coordinator.getByLabel("Opsplitsen naar").selectOption("sizeClass");
await coordinator.getByRole("columnheader", { name: /n = / }).first().waitFor();
await coordinator.getByRole("heading", { level: 2, name: /Wanneer wil uw bestuur/ }).scrollIntoViewIfNeeded();
await coordinator.screenshot({ path: `${out}survey-results.png`, fullPage: false });

// The readiness scan of Hasselt and its OCMW.
const director = await newPage(browser);
await director.goto(`${base}/aanmelden`);
await director.getByLabel("E-mailadres").fill("directeur@hasselt.demo");
await director.getByLabel("Wachtwoord", { exact: true }).fill("samen-demo-2026");
await director.getByRole("button", { name: "Aanmelden" }).click();
await director.getByRole("heading", { name: /Welkom/ }).waitFor();
await director.goto(`${base}/samenwerkingsscan`);
await director.getByRole("link", { name: /2024/ }).click();
await director.getByRole("heading", { name: "Scores per factor" }).scrollIntoViewIfNeeded();
await director.screenshot({ path: `${out}scan.png`, fullPage: false });
await browser.close();
console.log(`Screenshots written to ${out}`);
