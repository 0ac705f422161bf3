import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSamen, startSamen } from "./helpers/cli.ts";
import { createTestDatabaseForProcess } from "./helpers/database.ts";

/**
 * Kill -9 under write load: `samen serve` is killed without warning while clients write, and started again; every
 * write it acknowledged is there. The quick run kills it once; `npm run test:long` five times, under more load.
 */
const long = process.env.SAMEN_TESTS === "long";
const cycles = long ? 5 : 1;
const acknowledgedPerCycle = long ? 300 : 30;
const writers = long ? 8 : 4;

let location: Awaited<ReturnType<typeof createTestDatabaseForProcess>>;
const env = () => ({
  PATH: process.env.PATH ?? "",
  NODE_ENV: "test",
  SESSION_SECRET: "x".repeat(40),
  SAMEN_DEMO: "false",
  LOG_LEVEL: "silent",
  ...location.env,
});

const run = (args: string[]) => runSamen(args, env());
const serve = () => startSamen(env());

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.on("exit", () => resolve());
  });

beforeAll(async () => {
  location = await createTestDatabaseForProcess();
});
afterAll(() => location?.close());

describe("acknowledged writes", () => {
  it("are all there after the server is killed (-9) under write load and started again", async () => {
    const created = await run([
      "token",
      "create",
      "--organisation",
      "be-municipality-71072",
      "--role",
      "editor",
      "--name",
      "load",
      "--scopes",
      "read,write",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim().split("\n").at(-1) as string;
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const acknowledged: string[] = [];

    for (let cycle = 0; cycle < cycles; cycle++) {
      const { child, url } = await serve();
      const target = acknowledged.length + acknowledgedPerCycle;
      let killed = false;
      const kill = () => {
        if (killed) return;
        killed = true;
        child.kill("SIGKILL");
      };
      // Writers go on until the server is gone; what it answered 201 to is acknowledged, the rest may be lost.
      const writer = async (w: number) => {
        for (let i = 0; !killed; i++) {
          try {
            const response = await fetch(`${url}/api/collaborations`, {
              method: "POST",
              headers,
              body: JSON.stringify({ name: `Last ${cycle}.${w}.${i}`, form: "interlokale_vereniging", country: "BE" }),
            });
            if (response.status === 201) {
              acknowledged.push(((await response.json()) as { id: string }).id);
              if (acknowledged.length >= target) kill();
            } else await response.arrayBuffer();
          } catch {
            // The connection went down with the server.
          }
        }
      };
      await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
      await exited(child);
      expect(child.signalCode).toBe("SIGKILL");
    }

    const { child, url } = await serve();
    try {
      const missing: string[] = [];
      for (const id of acknowledged) {
        const response = await fetch(`${url}/api/collaborations/${id}`, { headers });
        if (response.status !== 200) missing.push(`${id}: ${response.status}`);
        await response.arrayBuffer();
      }
      expect(acknowledged.length).toBeGreaterThanOrEqual(cycles * acknowledgedPerCycle);
      expect(missing).toEqual([]);
      console.info(`kill -9: ${cycles} kills, ${acknowledged.length} acknowledged writes, ${missing.length} missing`);
    } finally {
      child.kill("SIGTERM");
      await exited(child);
    }
  }, 600_000);
});
