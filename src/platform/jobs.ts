import cronParser from "cron-parser";
import PgBoss from "pg-boss";
import type { Db } from "./db/client.ts";
import type { Mailer } from "./mail.ts";

/** What a job may use: the database, the mailer, the address links point to, and the clock. */
export interface JobDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
  now(): Date;
  /** The secret links that stand in for signing in are signed with (unsubscribe, confirm). */
  secret: string;
  /** Newsletter mails a second at most. */
  newsletterRate: number;
}

/** A job Samen runs on a schedule (cron, in Dutch and Belgian time); one definition for both runners. */
export interface JobDefinition {
  name: string;
  cron: string;
  run(deps: JobDeps): Promise<void>;
}

export interface JobRunner {
  readonly kind: "pg-boss" | "in-process";
  start(): Promise<void>;
  /** Asks for a run now (besides the schedule) and resolves when that run has finished. */
  runNow(name: string): Promise<void>;
  /** Asks for a run now without waiting for it (a send that takes its time). */
  trigger(name: string): void;
  stop(): Promise<void>;
}

const timeZone = "Europe/Amsterdam";

/**
 * On PostgreSQL, pg-boss keeps the schedule and the queue in the database (its own schema), so one run happens
 * however many Samen processes there are, and a run missed while all were down is not lost. The embedded database
 * serves one process, so there an in-process runner keeps the same schedule with timers.
 */
export function createJobRunner(
  options: { databaseUrl: string | undefined; onError: (error: unknown, job: string) => void },
  deps: JobDeps,
  definitions: readonly JobDefinition[],
): JobRunner {
  return options.databaseUrl
    ? pgBossRunner(options.databaseUrl, deps, definitions, options.onError)
    : inProcessRunner(deps, definitions, options.onError);
}

function definitionOf(definitions: readonly JobDefinition[], name: string) {
  const definition = definitions.find((d) => d.name === name);
  if (!definition) throw new Error(`no job ${name}`);
  return definition;
}

function pgBossRunner(
  url: string,
  deps: JobDeps,
  definitions: readonly JobDefinition[],
  onError: (error: unknown, job: string) => void,
): JobRunner {
  const boss = new PgBoss({ connectionString: url, schema: "pgboss", max: 2 });
  boss.on("error", (error) => onError(error, "pg-boss"));
  return {
    kind: "pg-boss",
    async start() {
      await boss.start();
      for (const definition of definitions) {
        await boss.createQueue(definition.name);
        await boss.schedule(definition.name, definition.cron, {}, { tz: timeZone });
        await boss.work(definition.name, { pollingIntervalSeconds: 1 }, async (jobs) => {
          for (const _job of jobs) {
            try {
              await definition.run(deps);
            } catch (error) {
              onError(error, definition.name);
              throw error;
            }
          }
        });
      }
    },
    async runNow(name) {
      definitionOf(definitions, name);
      const id = await boss.send(name, {});
      if (!id) throw new Error(`job ${name} was not queued`);
      // The queue lives in the database: follow the job there until a worker (this process or another) is done.
      for (const started = Date.now(); Date.now() - started < 120_000; ) {
        const job = await boss.getJobById(name, id);
        if (job?.state === "completed") return;
        if (job?.state === "failed" || job?.state === "cancelled") throw new Error(`job ${name} ${job.state}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`job ${name} did not finish within two minutes`);
    },
    trigger(name) {
      definitionOf(definitions, name);
      void boss.send(name, {}).catch((error) => onError(error, name));
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

function inProcessRunner(
  deps: JobDeps,
  definitions: readonly JobDefinition[],
  onError: (error: unknown, job: string) => void,
): JobRunner {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  let stopped = false;

  /** One run at a time per job: a second request waits for the one under way, then runs. */
  const run = async (definition: JobDefinition) => {
    const previous = running.get(definition.name) ?? Promise.resolve();
    const next = previous.then(() => definition.run(deps));
    running.set(
      definition.name,
      next.catch(() => undefined),
    );
    await next;
  };

  const plan = (definition: JobDefinition) => {
    if (stopped) return;
    const at = cronParser.parseExpression(definition.cron, { tz: timeZone, currentDate: deps.now() }).next().toDate();
    // Timers hold at most about 24 days; a later run is planned again when this one fires.
    const wait = Math.min(at.getTime() - deps.now().getTime(), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      const due = deps.now().getTime() >= at.getTime() - 1000;
      const work = due ? run(definition).catch((error) => onError(error, definition.name)) : Promise.resolve();
      void work.then(() => plan(definition));
    }, wait);
    timer.unref();
    timers.set(definition.name, timer);
  };

  return {
    kind: "in-process",
    async start() {
      stopped = false;
      for (const definition of definitions) plan(definition);
    },
    async runNow(name) {
      await run(definitionOf(definitions, name));
    },
    trigger(name) {
      const definition = definitionOf(definitions, name);
      void run(definition).catch((error) => onError(error, name));
    },
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.all(running.values());
    },
  };
}
