import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../platform/db/client.ts";
import { calendarReminders, frameworkClients, frameworks } from "../../platform/db/schema.ts";
import type { JobDefinition } from "../../platform/jobs.ts";
import type { Mailer } from "../../platform/mail.ts";
import { todayIn } from "../../platform/working-days.ts";
import { editorsOf } from "../accounts/editors.ts";
import { calendarOf, describe } from "./calendar.ts";
import { addDays, type Deadline, deadlinesBetween } from "./calendar-rules.ts";

const longestLead = 120;

/**
 * Mails the reminders that are due on `today`: for every signed or active framework, each deadline whose reminder
 * day (so many days before it) has come and whose reminder has not gone out. A run that was missed is caught up
 * with one mail per deadline, not one per missed reminder; a second run on the same day sends nothing again. The
 * host's editors get every reminder; the clients' editors those for the councils and the clients.
 */
export async function sendCalendarReminders(deps: { db: Db; mailer: Mailer; publicUrl: string }, today: string) {
  const { db, mailer } = deps;
  const running = await db
    .select()
    .from(frameworks)
    .where(inArray(frameworks.status, ["signed", "active"]));
  let mails = 0;
  for (const framework of running) {
    const { rules } = await calendarOf(db, framework);
    const upcoming = deadlinesBetween(rules, framework, today, addDays(today, longestLead));
    for (const deadline of upcoming) {
      const reached = deadline.remindDaysBefore.filter((d) => addDays(deadline.dueOn, -d) <= today);
      if (!reached.length) continue;
      mails += await db.transaction(async (tx) => {
        const recorded = await tx
          .insert(calendarReminders)
          .values(
            reached.map((daysBefore) => ({
              frameworkId: framework.id,
              ruleKey: deadline.ruleKey,
              dueOn: deadline.dueOn,
              daysBefore,
            })),
          )
          .onConflictDoNothing()
          .returning({ daysBefore: calendarReminders.daysBefore });
        if (!recorded.length) return 0;
        const to = await recipients(tx, framework.id, framework.hostId, deadline);
        const link = `${deps.publicUrl}/gedeelde-diensten/${framework.id}`;
        for (const person of to) {
          await mailer.queue(tx, {
            to: person.email,
            ...reminderMail(framework.name, deadline, today, link, person.locale),
          });
        }
        return to.length;
      });
    }
  }
  await mailer.flush();
  return { mails };
}

async function recipients(
  tx: Parameters<Parameters<Db["transaction"]>[0]>[0],
  frameworkId: string,
  hostId: string,
  deadline: Deadline,
) {
  const organisationIds = [hostId];
  if (deadline.actor === "councils" || deadline.actor === "clients") {
    const clients = await tx
      .select({ id: frameworkClients.organisationId })
      .from(frameworkClients)
      .where(eq(frameworkClients.frameworkId, frameworkId));
    organisationIds.push(...clients.map((c) => c.id));
  }
  return editorsOf(tx, organisationIds);
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

export function reminderMail(frameworkName: string, d: Deadline, today: string, link: string, locale: string) {
  const days = daysBetween(today, d.dueOn);
  const english = locale === "en";
  const title = english ? d.title.en : d.title.nl;
  const when = english
    ? days === 0
      ? "today"
      : `in ${days} day${days === 1 ? "" : "s"}, on ${d.dueOn}`
    : days === 0
      ? "vandaag"
      : `over ${days} dag${days === 1 ? "" : "en"}, op ${d.dueOn}`;
  const subject = english ? `Due ${when}: ${title} (${frameworkName})` : `${title}: ${when} (${frameworkName})`;
  const text = [
    english
      ? `In the governance calendar of ${frameworkName}, this step is due ${when}:`
      : `In de bestuurskalender van ${frameworkName} staat deze stap ${when}:`,
    "",
    describe(d),
    "",
    link,
    "",
    "---",
    english
      ? "Samen sends these reminders to the editors of the parties. The calendar's dates are kept in the agreement's calendar template."
      : "Samen stuurt deze herinneringen aan de redacteurs van de partijen. De data staan in de kalendersjabloon van de overeenkomst.",
  ].join("\n");
  return { subject, text };
}

/** The daily job: reminders go out at seven in the morning, Dutch and Belgian time. */
export const calendarRemindersJob: JobDefinition = {
  name: "calendar-reminders",
  cron: "0 7 * * *",
  run: (deps) => sendCalendarReminders(deps, todayIn("NL", deps.now())).then(() => undefined),
};
