/**
 * Partner projects and the newsletter at the size issue 15 names, on the embedded database (and on PostgreSQL
 * with BENCH_DATABASE_URL, a database it may fill):
 *   - the coordinator's dashboard over 50 projects × 300 participants × 5 years of progress (a track step per
 *     stage and a progress update per project per week): server time p50/p95 over 30 reads;
 *   - a send to 20,000 subscribers through a real SMTP server on loopback, unthrottled: mails a second, and the
 *     process's peak resident memory (Linux's high-water mark, reset before the send).
 *   node --import tsx bench/projects.ts [--check]     (--check exits 1 when a figure is over its budget)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { sendPending } from "../src/modules/newsletter/send.ts";
import { projectDashboard } from "../src/modules/projects/queries.ts";
import { createMailer } from "../src/platform/mail.ts";
import { checkBudgets, openModuleBench } from "./module-bench.ts";

const { check, budgets, config, database, db, where, limburgId } = await openModuleBench("projects");
const provider = { id: limburgId };

// 50 projects over five years, 300 participants each (the first 300 organisations of the register), each
// participant with its steps, a progress update per project per week and ten milestones.
console.error(`${where}: making 50 projects × 300 participants × 5 years of progress`);
await db.execute(sql`
  INSERT INTO projects (provider_id, title, goal, status, starts_on, ends_on)
  SELECT ${provider.id}::uuid, 'Project ' || n, 'Doel van project ' || n, 'running', date '2022-01-03', date '2027-12-31'
  FROM generate_series(1, 50) n`);
await db.execute(sql`
  INSERT INTO project_participants (project_id, organisation_id, entered_by_organisation_id, confirmed_at, stage)
  SELECT p.id, o.id, o.id, now(), (ARRAY['intake','analysis','draft','adopted'])[1 + (abs(hashtext(p.id::text || o.id::text)) % 4)]
  FROM projects p CROSS JOIN (SELECT id FROM organisations WHERE id <> ${provider.id}::uuid ORDER BY key LIMIT 300) o
  WHERE p.provider_id = ${provider.id}::uuid`);
await db.execute(sql`
  INSERT INTO participant_steps (participant_id, stage, reached_on)
  SELECT pp.id, s.stage, date '2022-01-03' + s.n * 300
  FROM project_participants pp
  CROSS JOIN LATERAL (SELECT n, (ARRAY['intake','analysis','draft','adopted'])[n + 1] AS stage FROM generate_series(0, 3) n) s`);
await db.execute(sql`
  INSERT INTO progress_updates (project_id, author_organisation_id, title, body, created_at, updated_at)
  SELECT p.id, ${provider.id}::uuid, 'Week ' || w, 'Voortgang van week ' || w, timestamp '2022-01-03' + w * interval '7 days',
         timestamp '2022-01-03' + w * interval '7 days'
  FROM projects p CROSS JOIN generate_series(0, 259) w WHERE p.provider_id = ${provider.id}::uuid`);
await db.execute(sql`
  INSERT INTO project_milestones (project_id, title, due_on)
  SELECT p.id, 'Mijlpaal ' || m, date '2022-01-03' + m * 180 FROM projects p CROSS JOIN generate_series(1, 10) m
  WHERE p.provider_id = ${provider.id}::uuid`);
await db.execute(sql`ANALYZE`);

const times: number[] = [];
for (let i = 0; i < 33; i++) {
  const started = performance.now();
  const dashboard = await projectDashboard(db, provider.id, "2026-12-02");
  if (i >= 3) times.push(performance.now() - started);
  if (dashboard.projects.length !== 50) throw new Error("the dashboard misses projects");
}
times.sort((a, b) => a - b);
const quantile = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
const dashboard = { p50: quantile(0.5), p95: quantile(0.95) };

// A send to 20,000 confirmed subscribers through a loopback SMTP server that takes every mail.
let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    stream.on("data", () => undefined);
    stream.on("end", () => {
      received++;
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const port = (smtp.server.address() as { port: number }).port;
const subscribers = 20_000;
await db.execute(sql`
  INSERT INTO newsletter_subscribers (provider_id, email, status, confirmed_at)
  SELECT ${provider.id}::uuid, 'lezer' || n || '@example.be', 'confirmed', now() FROM generate_series(1, ${subscribers}) n`);
const [issue] = (
  (await db.execute(sql`
    INSERT INTO newsletter_issues (provider_id, month, subject, intro, items, status)
    VALUES (${provider.id}::uuid, '2026-11', 'Nieuwsbrief november 2026', 'Een maand van **voortgang**.',
      ${JSON.stringify(
        Array.from({ length: 8 }, (_, i) => ({
          kind: "text",
          title: `Bericht ${i + 1}`,
          body: "Tekst met **nadruk** en een [koppeling](https://www.limburg.be).",
          url: null,
          sourceId: null,
        })),
      )}::jsonb, 'sending') RETURNING id`)) as unknown as { rows: { id: string }[] }
).rows;
await db.execute(sql`
  INSERT INTO newsletter_deliveries (issue_id, subscriber_id)
  SELECT ${issue?.id}::uuid, id FROM newsletter_subscribers WHERE provider_id = ${provider.id}::uuid`);
const status = (field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync("/proc/self/status", "utf8"))?.[1]) / 1024;
// What the send itself costs: collected first, the high-water mark reset, then the peak above where it started.
(globalThis as { gc?: () => void }).gc?.();
writeFileSync("/proc/self/clear_refs", "5");
const startMb = status("VmRSS");
const mailer = createMailer(db, { smtpUrl: `smtp://127.0.0.1:${port}?pool=true`, from: "nieuwsbrief@limburg.example" });
const started = performance.now();
const sent = await sendPending({
  db,
  mailer,
  publicUrl: "http://127.0.0.1",
  now: () => new Date(),
  secret: config.sessionSecret,
  newsletterRate: 1000,
});
const seconds = (performance.now() - started) / 1000;
const peakMb = status("VmHWM");
const send = { sent, received, perSecond: sent / seconds, seconds, startMb, peakMb, growthMb: peakMb - startMb };
mailer.close();
await new Promise<void>((resolve) => smtp.close(() => resolve()));
await database.close();

const figures = {
  dashboardP95Ms: dashboard.p95,
  sendPerSecond: send.perSecond,
  sendRssGrowthMb: send.growthMb,
};
console.log(
  JSON.stringify({ database: where, dashboard, send: { ...send, perSecond: Math.round(send.perSecond) } }, null, 2),
);
let short = checkBudgets(budgets, figures);
if (sent !== subscribers || received !== subscribers) {
  console.log(`SHORT: ${sent} sent and ${received} received of ${subscribers}`);
  short++;
}
if (check && short) process.exit(1);
