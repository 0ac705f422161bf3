import { afterAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, createTestDatabaseForProcess } from "../../test/helpers/database.ts";
import type { Database } from "./db/client.ts";
import { createJobRunner, type JobDefinition, type JobDeps } from "./jobs.ts";
import { createMailer } from "./mail.ts";

const open: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const o of open.reverse()) await o.close();
});

function counting(cron: string) {
  const runs: Date[] = [];
  const definition: JobDefinition = {
    name: "count",
    cron,
    run: async (deps) => {
      runs.push(deps.now());
    },
  };
  return { runs, definition };
}

const depsOf = (database: Database): JobDeps => ({
  db: database.db,
  mailer: createMailer(database.db, { smtpUrl: undefined, from: "samen@example.test" }),
  publicUrl: "http://127.0.0.1",
  now: () => new Date(),
  secret: "x".repeat(40),
  newsletterRate: 10,
});

const until = async (check: () => boolean, ms: number) => {
  for (const started = Date.now(); Date.now() - started < ms && !check(); )
    await new Promise((resolve) => setTimeout(resolve, 50));
};

describe("the in-process job runner (embedded database)", () => {
  it("runs a job on its schedule and on request, one run at a time, and not after stopping", async () => {
    const database = await createTestDatabase();
    open.push(database);
    const { runs, definition } = counting("* * * * * *");
    const failures: unknown[] = [];
    const runner = createJobRunner({ databaseUrl: undefined, onError: (e) => failures.push(e) }, depsOf(database), [
      definition,
    ]);
    expect(runner.kind).toBe("in-process");
    await runner.start();
    await until(() => runs.length >= 2, 4000);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const before = runs.length;
    await Promise.all([runner.runNow("count"), runner.runNow("count")]);
    expect(runs.length).toBeGreaterThanOrEqual(before + 2);
    await runner.stop();
    const stopped = runs.length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(runs.length).toBe(stopped);
    expect(failures).toEqual([]);
    await expect(runner.runNow("nothing")).rejects.toThrow("no job nothing");
  });
});

describe.runIf(inject("pgTemplate"))("the pg-boss job runner (PostgreSQL)", () => {
  it("queues a run in the database and follows it until a worker has done it", async () => {
    const target = await createTestDatabaseForProcess();
    open.push(target);
    const url = target.env.DATABASE_URL as string;
    const { openDatabase } = await import("./db/client.ts");
    const database = await openDatabase({ url, poolSize: 2 });
    open.push(database);
    const { runs, definition } = counting("0 7 * * *");
    const failures: unknown[] = [];
    const runner = createJobRunner({ databaseUrl: url, onError: (e) => failures.push(e) }, depsOf(database), [
      definition,
    ]);
    expect(runner.kind).toBe("pg-boss");
    await runner.start();
    await runner.runNow("count");
    expect(runs).toHaveLength(1);
    const schedules = (await database.raw("select name, cron, timezone from pgboss.schedule")) as {
      name: string;
      cron: string;
      timezone: string;
    }[];
    expect(schedules).toEqual([{ name: "count", cron: "0 7 * * *", timezone: "Europe/Amsterdam" }]);
    await runner.stop();
    expect(failures).toEqual([]);
  });
});
