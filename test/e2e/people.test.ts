import { desc, eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoCipal } from "../../src/modules/demo/demo-mandates.ts";
import { loadDemoSurveys } from "../../src/modules/demo/demo-surveys.ts";
import { mails } from "../../src/platform/db/schema.ts";
import { buildUser, organisationId, testPassword } from "../factories.ts";
import { expectAccessible, launchBrowser, newPage, signedInPage, signIn } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** Hasselt's administrator invites a colleague in the app; the colleague accepts from the mail and answers a survey. */
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  await server.database.db.transaction((tx) => loadDemoSurveys(tx));
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("people in the app", { timeout: 180_000 }, () => {
  it("an administrator invites a colleague, who accepts from the mail and answers a survey", async () => {
    const hasselt = await organisationId(server.database, "be-municipality-71072");
    const admin = await signedInPage(browser, server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    await admin.goto(`${server.url}/organisaties/${hasselt}`);
    await admin.getByRole("heading", { name: "Een collega uitnodigen" }).waitFor();
    const invite = admin.locator('form[aria-labelledby="invite"]');
    await invite.getByLabel("E-mail").fill("geen-adres");
    await invite.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await invite
      .getByText(/e-mailadres/i)
      .first()
      .waitFor();
    await invite.getByLabel("E-mail").fill("an.collega@hasselt.example");
    await invite.getByLabel("Rol").selectOption("editor");
    await invite.getByRole("button", { name: "Uitnodiging versturen" }).click();
    await admin.getByText("Uitnodiging verstuurd naar an.collega@hasselt.example.").waitFor();
    await admin.getByText(/an\.collega@hasselt\.example, redacteur/).waitFor();
    await expectAccessible(admin, "people with an open invitation");

    const [mail] = await server.database.db
      .select()
      .from(mails)
      .where(eq(mails.to, "an.collega@hasselt.example"))
      .orderBy(desc(mails.createdAt))
      .limit(1);
    const link = /https?:\/\/\S+\/uitnodiging#token=[\w-]+/.exec(mail?.text ?? "")?.[0];
    expect(link).toBeDefined();

    const colleague = await newPage(browser);
    await colleague.goto(new URL(new URL(link as string).pathname + new URL(link as string).hash, server.url).href);
    await colleague.getByRole("heading", { name: "Uitnodiging voor Samen" }).waitFor();
    await colleague.getByText(/voor Hasselt, als redacteur/).waitFor();
    await expectAccessible(colleague, "invitation");
    await colleague.getByLabel("Uw naam").fill("An Collega");
    await colleague.getByLabel("Nieuw wachtwoord").fill("kort");
    await colleague.getByRole("button", { name: "Uitnodiging aanvaarden" }).click();
    await colleague.getByText("Kies een wachtwoord van minstens 12 tekens.").first().waitFor();
    await colleague.getByLabel("Nieuw wachtwoord").fill(testPassword);
    await colleague.getByRole("button", { name: "Uitnodiging aanvaarden" }).click();
    await colleague.getByRole("heading", { name: /Welkom/ }).waitFor();

    // Signed in as Hasselt's editor: the province's survey waits for an answer.
    await colleague.goto(`${server.url}/enquetes`);
    await colleague.getByRole("link", { name: "Smart City-bevraging 2026" }).first().click();
    await colleague.getByText("Wanneer wil uw bestuur instappen in smart city?").waitFor();
    await colleague.getByText("Binnen twee jaar", { exact: true }).click();
    await colleague.getByText("Concept bewaard.").waitFor();

    // The administrator sees the colleague, with a last sign-in, and the invitation gone.
    await admin.reload();
    await admin.getByRole("cell", { name: "An Collega", exact: true }).waitFor();
    expect(await admin.getByText(/an\.collega@hasselt\.example, redacteur/).count()).toBe(0);
  });

  it("Hasselt gives Cipal a mandate; Cipal accepts, answers for Hasselt, and both see 'Cipal voor Hasselt'", async () => {
    const hasselt = await organisationId(server.database, "be-municipality-71072");
    const cipal = await server.database.db.transaction((tx) => ensureDemoCipal(tx));
    const hasseltAdmin = await signedInPage(browser, server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    await hasseltAdmin.goto(`${server.url}/organisaties/${hasselt}`);
    const grant = hasseltAdmin.locator('form[aria-labelledby="grant-mandate"]');
    await grant.getByLabel("Aan welke organisatie").fill("Cipal");
    await grant.getByRole("button", { name: "Cipal toevoegen" }).click();
    await grant.getByRole("button", { name: "Mandaat aanbieden" }).click();
    await hasseltAdmin.getByText(/Het mandaat is aangeboden aan Cipal/).waitFor();
    await hasseltAdmin.getByText(/Aan Cipal/).waitFor();
    await expectAccessible(hasseltAdmin, "mandates of Hasselt");

    const cipalAdmin = await signedInPage(browser, server.url, server.database, {
      organisationKey: "be-intermunicipal-0219395192",
      role: "admin",
    });
    await cipalAdmin.goto(`${server.url}/organisaties/${cipal}`);
    await cipalAdmin.getByRole("button", { name: "Mandaat van Hasselt aanvaarden" }).click();
    await cipalAdmin.getByText(/Van Hasselt · enquêtes beantwoorden · vanaf .* · loopt/).waitFor();

    const editor = await buildUser(server.database, {
      organisationKey: "be-intermunicipal-0219395192",
      role: "editor",
      name: "Koen Wouters",
    });
    const page = await newPage(browser);
    page.setDefaultTimeout(10_000);
    await signIn(page, server.url, editor.email);
    await page.getByLabel("Werkt voor").selectOption({ label: "Hasselt (als Cipal, onder mandaat)" });
    await page.getByText(/U werkt voor Hasselt onder het mandaat van Cipal: enquêtes beantwoorden/).waitFor();
    // The menu offers what the mandate opens: surveys, nothing else.
    const menu = page.getByRole("navigation", { name: "Modules" });
    expect(await menu.getByRole("link").allTextContents()).toEqual(["Enquêtes"]);
    await expectAccessible(page, "acting under a mandate");
    await page.goto(`${server.url}/enquetes`);
    await page.getByRole("link", { name: "Smart City-bevraging 2026" }).first().click();
    await page.getByText("Wanneer wil uw bestuur instappen in smart city?").waitFor();
    await page.getByText("Dit jaar", { exact: true }).click();
    await page.getByText("Concept bewaard.").waitFor();

    // Hasselt sees who worked on its answer: the person, as Cipal for Hasselt.
    const survey = new URL(page.url()).pathname.split("/")[2];
    await hasseltAdmin.goto(`${server.url}/enquetes/${survey}/antwoord`);
    await hasseltAdmin.getByText("Laatst bewerkt door Koen Wouters (Cipal voor Hasselt).").waitFor();
  });
});
