import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mails, organisationSignIns, users } from "../../src/platform/db/schema.ts";
import { freePort } from "../../src/platform/net.ts";
import { organisationId, signedInClient } from "../factories.ts";
import { expectAccessible, launchBrowser, newPage, signedInPage } from "../helpers/browser.ts";
import { startOidcProvider } from "../helpers/oidc-provider.ts";
import { Client, startTestServer, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let provider: Awaited<ReturnType<typeof startOidcProvider>>;
let browser: Browser;

beforeAll(async () => {
  // The provider must know Samen's callback before Samen starts, and Samen the provider's issuer.
  const port = await freePort();
  provider = await startOidcProvider({
    redirectUri: `http://127.0.0.1:${port}/api/auth/oidc/callback`,
    clientId: "samen",
    clientSecret: "samen-client-secret",
    identities: {
      pieter: { email: "pieter.sso@hasselt.example", name: "Pieter via SSO", organisation: "71072", role: "editor" },
      nobody: { email: "nobody.sso@example.org", name: "Zonder Organisatie" },
      an: { email: "an.sso@hasselt.example", name: "An via Hasselt" },
      stranger: { email: "stranger.sso@hasselt.example", name: "Onbekende" },
    },
  });
  server = await startTestServer({
    PORT: String(port),
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: "samen",
    OIDC_CLIENT_SECRET: "samen-client-secret",
    OIDC_ALLOW_HTTP: "true",
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await provider?.close();
});

describe("single sign-on with OpenID Connect", () => {
  it("signs a person in through the identity provider and gives them the role its claims name", async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/aanmelden`);
    await page.getByRole("link", { name: "Aanmelden met uw organisatieaccount" }).click();
    await page.locator('input[name="login"]').fill("pieter");
    await page.locator('input[name="password"]').fill("anything");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Welkom, Pieter via SSO" }).waitFor();
    await page.getByText("U werkt nu voor Hasselt.").waitFor();
    const session = await page.evaluate(() => fetch("/api/auth/session").then((r) => r.json()));
    expect(session.activeOrganisation).toMatchObject({ name: "Hasselt", role: "editor" });
    const [user] = await server.database.db.select().from(users).where(eq(users.email, "pieter.sso@hasselt.example"));
    expect(user).toMatchObject({ oidcIssuer: provider.issuer, oidcSubject: "pieter", passwordHash: null });
  });

  it("signs in a person whose organisation is unknown, without any role", async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/api/auth/oidc/start`);
    await page.locator('input[name="login"]').fill("nobody");
    await page.locator('input[name="password"]').fill("anything");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Welkom, Zonder Organisatie" }).waitFor();
    await page.getByText("U bent nog aan geen organisatie gekoppeld.").waitFor();
  });

  it("sends a forged or replayed callback back to sign-in with a message", async () => {
    const client = new Client(server.url);
    const forged = await client.get("/api/auth/oidc/callback?code=stolen&state=guess");
    expect(forged.status).toBe(302);
    expect(forged.headers.get("location")).toBe("/aanmelden?fout=sso");
    expect(client.cookie("samen_session")).toBeUndefined();
  });

  it("offers single sign-on on the sign-in page only when an issuer is configured", async () => {
    expect((await new Client(server.url).get("/api/auth/providers")).data).toMatchObject({
      password: true,
      oidc: true,
      demo: false,
      demoAccounts: [],
    });
  });

  it("is set up for Hasselt by a platform administrator; a colleague accepts an invitation with it", async () => {
    const hasselt = await organisationId(server.database, "be-municipality-71072");
    const platform = await signedInPage(browser, server.url, server.database, { isPlatformAdmin: true });
    await platform.goto(`${server.url}/organisaties/${hasselt}`);
    await platform.getByText("Niet ingesteld: medewerkers melden zich aan met een wachtwoord voor Samen.").waitFor();
    await platform.getByLabel("Issuer (adres van de identiteitsprovider)").fill(provider.issuer);
    await platform.getByLabel("Client-id").fill("samen");
    await platform.getByLabel("Clientgeheim").fill("samen-client-secret");
    await platform.getByRole("button", { name: "Instellingen bewaren" }).click();
    await platform.getByText(/Medewerkers melden zich aan via de identiteitsprovider van de organisatie/).waitFor();
    await expectAccessible(platform, "sign-in set up");

    // Hasselt's administrator sees where it points, never the secret; the database keeps it sealed.
    const { client: admin } = await signedInClient(server.url, server.database, {
      organisationKey: "be-municipality-71072",
      role: "admin",
    });
    const setup = await admin.get(`/api/organisations/${hasselt}/sign-in`);
    expect(setup.data).toMatchObject({ configured: true, issuer: provider.issuer, abilities: { configure: false } });
    expect(JSON.stringify(setup.data)).not.toContain("samen-client-secret");
    const [row] = await server.database.db.select().from(organisationSignIns);
    expect(row?.clientSecretSealed).not.toContain("samen-client-secret");
    const refused = await admin.request("PUT", `/api/organisations/${hasselt}/sign-in`, {
      json: { issuer: "https://elders.example", clientId: "x", clientSecret: "y" },
      headers: { "if-match": '"v1"' },
    });
    expect(refused.status).toBe(403);

    await admin.post(`/api/organisations/${hasselt}/invitations`, { email: "an.sso@hasselt.example", role: "editor" });
    const [mail] = await server.database.db.select().from(mails).where(eq(mails.to, "an.sso@hasselt.example"));
    const token = /#token=([\w-]+)/.exec(mail?.text ?? "")?.[1];
    const page = await newPage(browser);
    await page.goto(`${server.url}/uitnodiging#token=${token}`);
    await page.getByRole("link", { name: "Aanvaarden met uw account van Hasselt" }).click();
    await page.locator('input[name="login"]').fill("an");
    await page.locator('input[name="password"]').fill("anything");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "Welkom, An via Hasselt" }).waitFor();
    const session = await page.evaluate(() => fetch("/api/auth/session").then((r) => r.json()));
    expect(session.activeOrganisation).toMatchObject({ name: "Hasselt", role: "editor" });

    // The sign-in page offers Hasselt's own sign-in; someone its provider knows but Samen gave no role is sent back.
    const stranger = await newPage(browser);
    await stranger.goto(`${server.url}/aanmelden`);
    await stranger.getByRole("link", { name: "Aanmelden via Hasselt" }).click();
    await stranger.locator('input[name="login"]').fill("stranger");
    await stranger.locator('input[name="password"]').fill("anything");
    await stranger.getByRole("button", { name: "Sign-in" }).click();
    await stranger.getByRole("button", { name: "Continue" }).click();
    await stranger.getByText(/u heeft nog geen rol in Samen/).waitFor();
    await expectAccessible(stranger, "no role through the organisation");
  });
});
