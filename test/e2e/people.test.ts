import { desc, eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoSurveys } from "../../src/modules/demo/demo-surveys.ts";
import { mails } from "../../src/platform/db/schema.ts";
import { organisationId, testPassword } from "../factories.ts";
import { expectAccessible, launchBrowser, newPage, signedInPage } from "../helpers/browser.ts";
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
});
