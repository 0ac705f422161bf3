import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

const dataDir = () => mkdtempSync(path.join(tmpdir(), "samen-config-"));
const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe("configuration", () => {
  it("runs the demo on localhost:3000 with the embedded database by default", () => {
    const config = loadConfig({ SAMEN_DATA_DIR: dataDir() });
    expect(config).toMatchObject({
      host: "127.0.0.1",
      port: 3000,
      demo: true,
      databaseUrl: undefined,
      publicUrl: "http://127.0.0.1:3000",
    });
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("keeps the development session secret across starts", () => {
    const dir = dataDir();
    expect(loadConfig({ SAMEN_DATA_DIR: dir }).sessionSecret).toBe(loadConfig({ SAMEN_DATA_DIR: dir }).sessionSecret);
  });

  it("names every wrong value", () => {
    const problems = problemsOf({
      PORT: "eighty",
      DATABASE_URL: "mysql://x",
      SMTP_URL: "http://mail",
      LOG_LEVEL: "loud",
      SAMEN_DATA_DIR: dataDir(),
    });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["DATABASE_URL", "LOG_LEVEL", "PORT", "SMTP_URL"]);
  });

  it("refuses production without a session secret, and production with the demo", () => {
    expect(problemsOf({ NODE_ENV: "production", SAMEN_DATA_DIR: dataDir() })).toEqual([
      "SESSION_SECRET: is required in production",
    ]);
    const secret = "x".repeat(40);
    expect(problemsOf({ NODE_ENV: "production", SESSION_SECRET: secret, SAMEN_DEMO: "true" })).toEqual([
      "SAMEN_DEMO: demo mode cannot run in production",
    ]);
    expect(loadConfig({ NODE_ENV: "production", SESSION_SECRET: secret, HOST: "0.0.0.0" }).demo).toBe(false);
  });

  it("keeps the demo on loopback", () => {
    expect(problemsOf({ HOST: "0.0.0.0", SAMEN_DATA_DIR: dataDir() })[0]).toMatch(
      /^HOST: demo mode only listens on localhost/,
    );
    expect(loadConfig({ HOST: "0.0.0.0", SAMEN_DEMO: "false", SAMEN_DATA_DIR: dataDir() }).host).toBe("0.0.0.0");
  });

  it("needs the client credentials with an OpenID issuer", () => {
    expect(problemsOf({ OIDC_ISSUER: "https://login.example.org", SAMEN_DATA_DIR: dataDir() })[0]).toMatch(
      /^OIDC_CLIENT_ID/,
    );
  });
});
