import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSamen } from "../../test/helpers/cli.ts";
import { createTestDatabaseForProcess } from "../../test/helpers/database.ts";

/** The server as `npm start` and the container run it: compiled by the build (`npm test` builds first). */
const built = fileURLToPath(new URL("../../dist/server/samen.mjs", import.meta.url));

const baseEnv = () => ({ PATH: process.env.PATH ?? "", NODE_ENV: "test", SESSION_SECRET: "x".repeat(40) });

const samen = (args: string[], env: Record<string, string> = {}, input?: string) =>
  runSamen(args, { ...baseEnv(), ...env }, input);

// Each case starts the command several times, a Node process each: seconds apiece on a loaded two-core machine.
// The time allowed is generous on purpose; nothing here measures speed.
describe("the samen command", { timeout: 180_000 }, () => {
  it("lists its commands, and each command explains itself", async () => {
    const help = await samen(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["serve", "migrate", "seed", "user create", "token create", "audit verify"])
      expect(help.stdout).toContain(command);
    const tokenHelp = await samen(["token", "create", "--help"]);
    expect(tokenHelp.code).toBe(0);
    expect(tokenHelp.stdout).toContain("--organisation");
  });

  it("says what is wrong and exits 2 on wrong usage or configuration", async () => {
    const unknown = await samen(["frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const badOption = await samen(["migrate", "--colour"]);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("--colour");
    const badRole = await samen(["token", "create", "--organisation", "71072", "--role", "king", "--name", "x"]);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain("--role must be one of viewer, editor, admin");
    const badScale = await samen(["seed", "--scale", "planet"]);
    expect(badScale.code).toBe(2);
    expect(badScale.stderr).toContain('--scale takes "country", not "planet"');
    const productionScale = await samen(["seed", "--scale", "country"], { NODE_ENV: "production" });
    expect(productionScale.code).toBe(2);
    expect(productionScale.stderr).toContain("never loaded in production");
    const badConfig = await samen(["migrate"], { DATABASE_URL: "mysql://nope" });
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain("DATABASE_URL");
  });

  describe("on a database", () => {
    let location: Awaited<ReturnType<typeof createTestDatabaseForProcess>>;
    beforeAll(async () => {
      location = await createTestDatabaseForProcess();
    });
    afterAll(() => location.close());

    it("migrates, creates a user and a token, refuses a duplicate, and verifies the audit trail", async () => {
      const migrate = await samen(["migrate"], location.env);
      expect(migrate.stdout).toMatch(/Migrations: 0 applied now/);

      const user = await samen(
        [
          "user",
          "create",
          "--email",
          "An@Example.org",
          "--name",
          "An Peeters",
          "--organisation",
          "GM0114",
          "--role",
          "admin",
          "--password-stdin",
        ],
        location.env,
        "a long enough passphrase\n",
      );
      expect(user.stderr).toBe("");
      expect(user.code).toBe(0);
      expect(user.stdout).toContain("User an@example.org created");
      expect(user.stdout).not.toContain("Password");

      const duplicate = await samen(
        ["user", "create", "--email", "an@example.org", "--name", "Twee", "--platform-admin"],
        location.env,
      );
      expect(duplicate.code).toBe(2);
      expect(duplicate.stderr).toContain("exists already");

      const token = await samen(
        ["token", "create", "--organisation", "be-municipality-71072", "--role", "viewer", "--name", "BI-koppeling"],
        location.env,
      );
      expect(token.code).toBe(0);
      expect(token.stdout).toMatch(/^samen_[A-Za-z0-9_-]{43}$/m);

      const missing = await samen(
        ["token", "create", "--organisation", "GM9999", "--role", "viewer", "--name", "x"],
        location.env,
      );
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('no organisation matches "GM9999"');

      const boundaries = path.join(mkdtempSync(path.join(tmpdir(), "samen-geo-")), "emmen.geojson");
      writeFileSync(
        boundaries,
        JSON.stringify({
          type: "FeatureCollection",
          features: [
            {
              type: "Feature",
              properties: { statcode: "GM0114" },
              geometry: {
                type: "Polygon",
                coordinates: [
                  [
                    [6.8, 52.7],
                    [7.1, 52.7],
                    [7.1, 52.9],
                    [6.8, 52.7],
                  ],
                ],
              },
            },
            {
              type: "Feature",
              properties: { statcode: "GM9999" },
              geometry: {
                type: "Polygon",
                coordinates: [
                  [
                    [0, 0],
                    [1, 0],
                    [0, 1],
                    [0, 0],
                  ],
                ],
              },
            },
          ],
        }),
      );
      const replaced = await samen(
        ["boundaries", "import", boundaries, "--code-property", "statcode", "--country", "NL"],
        location.env,
      );
      expect(replaced.stdout).toContain("Boundaries replaced for 1 municipalities.");
      expect(replaced.stdout).toContain("Not in the register (1): nl-municipality-GM9999");
      const notJson = await samen(
        ["boundaries", "import", fileURLToPath(import.meta.url), "--code-property", "x", "--country", "NL"],
        location.env,
      );
      expect(notJson.code).toBe(2);
      expect(notJson.stderr).toContain("cannot read");

      const verify = await samen(["audit", "verify"], location.env);
      expect(verify.code).toBe(0);
      expect(verify.stdout).toMatch(/Audit trail intact: \d+ events verified/);
    });

    it("stores population from an official table, and asks the day of one that does not say it", async () => {
      const table = path.join(mkdtempSync(path.join(tmpdir(), "samen-pop-")), "03759ned.csv");
      writeFileSync(table, '"RegioS";"Perioden";"BevolkingOp1Januari_1"\r\n"GM0114";"2025JJ00";"108500"\r\n');
      const population = await samen(["import", "population", table], location.env);
      expect(population.stdout).toContain("Population stored for 1 municipalities.");
      const undated = path.join(path.dirname(table), "statbel.csv");
      writeFileSync(undated, "CD_REFNIS;MS_POPULATION\n71072;82000\n");
      const needsDate = await samen(["import", "population", undated], location.env);
      expect(needsDate.code).toBe(2);
      expect(needsDate.stderr).toContain("--date");
    });

    it("serves (as built), prints how to sign in to the demo, answers, and stops cleanly on SIGTERM", async () => {
      expect(existsSync(built), "run npm run build first: it compiles the server").toBe(true);
      const child = spawn(process.execPath, [built, "serve", "--port", "0"], {
        env: { ...baseEnv(), LOG_LEVEL: "silent", ...location.env },
      });
      let stdout = "";
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (d: Buffer) => {
          stdout += d.toString();
          const match = /Samen runs at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (match?.[1] && stdout.includes("API reference")) resolve(match[1]);
        });
        child.on("exit", (code) => reject(new Error(`serve exited early with ${code}: ${stdout}`)));
      });
      expect(stdout).toContain("coordinator@limburg.demo");
      expect(stdout).toContain("password samen-demo-2026");
      // Every demo it loaded, by name.
      expect(stdout).toMatch(
        /Demo loaded: Provincie Limburg's partner catalogue \(\d+ entries\);.*Hasselt's council view/,
      );
      expect(url).not.toMatch(/:0$/);
      expect((await fetch(`${url}/api/ready`)).status).toBe(200);
      // The web app, the shipped register and the migrations are found from the built file's place too.
      const home = await fetch(`${url}/`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<div id="root"');
      const signIn = await fetch(`${url}/api/auth/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "directeur@hasselt.demo", password: "samen-demo-2026" }),
      });
      expect(signIn.status).toBe(200);
      if (location.env.SAMEN_DATA_DIR) {
        // A second process on the embedded database would write where the server never reads: it is refused.
        const second = await samen(
          ["user", "create", "--email", "late@example.org", "--name", "Late", "--platform-admin"],
          location.env,
        );
        expect(second.code).toBe(2);
        expect(second.stderr).toContain(`in use by process ${child.pid}`);
        expect(second.stdout).not.toContain("created");
      }
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      if (location.env.SAMEN_DATA_DIR) {
        // Once the server has stopped, the folder is free again.
        const after = await samen(
          ["user", "create", "--email", "late@example.org", "--name", "Late", "--platform-admin"],
          location.env,
        );
        expect(after.stderr).toBe("");
        expect(after.code).toBe(0);
      }
    });
  });
});
