import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../src/platform/db/schema.ts";
import { freePort } from "../../src/platform/net.ts";
import { launchBrowser, newPage } from "../helpers/browser.ts";
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
    expect((await new Client(server.url).get("/api/auth/providers")).data).toEqual({
      password: true,
      oidc: true,
      demo: false,
      demoAccounts: [],
    });
  });
});
