import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSamen, startSamen } from "./helpers/cli.ts";
import { createTestDatabaseForProcess } from "./helpers/database.ts";
import { Client } from "./helpers/server.ts";
import { decodeQuotedPrintable, startSmtpServer } from "./helpers/smtp.ts";

/**
 * A newsletter send killed (-9) half way and started again: every subscriber receives exactly one copy. The mail
 * server on loopback kills Samen while it holds the seventh newsletter, before it answers that it took it.
 */
const subscribers = Array.from({ length: 16 }, (_, i) => `lezer${String(i + 1).padStart(2, "0")}@example.be`);
const killAt = 7;

let location: Awaited<ReturnType<typeof createTestDatabaseForProcess>>;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let current: ChildProcess | null = null;
const isNewsletter = (raw: string) => /^Subject: Nieuwsbrief/m.test(raw);
let newsletters = 0;

const env = () => ({
  PATH: process.env.PATH ?? "",
  NODE_ENV: "test",
  SESSION_SECRET: "x".repeat(40),
  SAMEN_DEMO: "false",
  LOG_LEVEL: "silent",
  SMTP_URL: smtp.url,
  MAIL_FROM: "nieuwsbrief@limburg.example",
  NEWSLETTER_RATE: "20",
  ...location.env,
});

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.on("exit", () => resolve());
  });

/** Waits for a condition, as long as the machine needs: bounded by the test's timeout, not by a clock of its own. */
async function until<T>(check: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  location = await createTestDatabaseForProcess();
  smtp = await startSmtpServer({
    onMail: (mail) => {
      if (!isNewsletter(mail.raw)) return true;
      newsletters++;
      if (newsletters === killAt && current) {
        current.kill("SIGKILL");
        return false;
      }
      return true;
    },
  });
});
afterAll(async () => {
  current?.kill("SIGKILL");
  await smtp?.close();
  await location?.close();
});

describe("a newsletter send", () => {
  it("killed half way and resumed, mails every subscriber exactly one copy", async () => {
    const created = await runSamen(
      [
        "user",
        "create",
        "--email",
        "redactie@limburg.example",
        "--name",
        "Redactie",
        "--organisation",
        "be-province-70000",
        "--role",
        "editor",
        "--password-stdin",
      ],
      env(),
      "een-lang-genoeg-wachtwoord-2026\n",
    );
    expect(created.code, created.stderr).toBe(0);
    let served = await startSamen(env());
    current = served.child;
    const editor = new Client(served.url);
    const signedIn = await editor.post("/api/auth/sign-in", {
      email: "redactie@limburg.example",
      password: "een-lang-genoeg-wachtwoord-2026",
    });
    expect(signedIn.status).toBe(200);
    const limburg = signedIn.data.activeOrganisation.id as string;
    for (const email of subscribers)
      expect((await editor.post(`/api/newsletters/${limburg}/subscribers`, { email })).status).toBe(202);
    // Each confirms by the link in the mail it received.
    for (const email of subscribers) {
      const mail = await until(() => smtp.received.find((m) => m.to.includes(email)));
      const [, id, token] =
        /bevestigen#s=([0-9a-f-]{36})&t=([A-Za-z0-9_-]{43})/.exec(decodeQuotedPrintable(mail.raw)) ?? [];
      expect((await editor.post(`/api/newsletter-subscriptions/${id}/confirm`, { token })).status).toBe(204);
    }
    const draft = await editor.post(`/api/newsletters/${limburg}/issues`, { month: "2026-11" });
    expect(draft.status).toBe(201);
    expect((await editor.post(`/api/newsletter-issues/${draft.data.id}/send`)).status).toBe(202);
    await exited(served.child);
    expect(served.child.signalCode).toBe("SIGKILL");
    expect(newsletters).toBe(killAt);

    // Started again, it goes on by itself.
    served = await startSamen(env());
    current = served.child;
    try {
      await until(() =>
        subscribers.every((email) => smtp.received.some((m) => m.to.includes(email) && isNewsletter(m.raw)))
          ? true
          : undefined,
      );
      const copies = Object.fromEntries(
        subscribers.map((email) => [
          email,
          smtp.received.filter((m) => m.to.includes(email) && isNewsletter(m.raw)).length,
        ]),
      );
      expect(copies).toEqual(Object.fromEntries(subscribers.map((email) => [email, 1])));
      // The copy in flight when the send was killed is the one whose fate the sender cannot know: not sent again.
      const again = new Client(served.url);
      await again.post("/api/auth/sign-in", {
        email: "redactie@limburg.example",
        password: "een-lang-genoeg-wachtwoord-2026",
      });
      const issue = await again.get(`/api/newsletter-issues/${draft.data.id}`);
      expect(issue.data.deliveries).toMatchObject({ sent: subscribers.length - 1, sending: 1, pending: 0, failed: 0 });
      console.info(`newsletter kill -9: ${subscribers.length} subscribers, killed at ${killAt}, each got one copy`);
    } finally {
      served.child.kill("SIGTERM");
      await exited(served.child);
    }
  }, 300_000);
});
