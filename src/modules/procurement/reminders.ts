import { and, eq, gte, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/client.ts";
import { purchaseBundles, purchaseParticipants } from "../../platform/db/schema.ts";
import { type Language, say, sayDay } from "../../platform/i18n.ts";
import type { JobDefinition } from "../../platform/jobs.ts";
import type { Mailer } from "../../platform/mail.ts";
import { todayIn } from "../../platform/working-days.ts";
import { editorsOf } from "../accounts/editors.ts";
import { addDays } from "../agreements/calendar-rules.ts";

/** How many days before the window closes a participant that has not declared is reminded. */
export const reminderLead = 7;

/**
 * Reminds the participants of bundles collecting demand whose window closes within a week and that have declared
 * nothing yet: their editors get one mail, once (a second run sends nothing again; one that was missed catches up).
 */
export async function sendDemandReminders(deps: { db: Db; mailer: Mailer; publicUrl: string }, today: string) {
  const { db, mailer } = deps;
  const closing = await db
    .select()
    .from(purchaseBundles)
    .where(
      and(
        eq(purchaseBundles.status, "collecting"),
        gte(purchaseBundles.demandClosesOn, today),
        lte(purchaseBundles.demandClosesOn, addDays(today, reminderLead)),
      ),
    );
  let mails = 0;
  for (const bundle of closing) {
    mails += await db.transaction(async (tx) => {
      const silent = await tx
        .update(purchaseParticipants)
        .set({ remindedAt: new Date() })
        .where(
          and(
            eq(purchaseParticipants.bundleId, bundle.id),
            isNull(purchaseParticipants.remindedAt),
            sql`NOT EXISTS (SELECT 1 FROM purchase_declarations d WHERE d.bundle_id = ${bundle.id} AND d.organisation_id = ${purchaseParticipants.organisationId})`,
          ),
        )
        .returning({ organisationId: purchaseParticipants.organisationId });
      if (!silent.length) return 0;
      const to = await editorsOf(
        tx,
        silent.map((s) => s.organisationId),
      );
      const link = `${deps.publicUrl}/gezamenlijke-aankoop/${bundle.id}`;
      for (const person of to) {
        const language: Language = person.locale === "en" ? "en" : "nl";
        const words = {
          title: bundle.title,
          date: sayDay(bundle.demandClosesOn, language),
          organisations: person.organisations.map((o) => o.name).join(", "),
        };
        await mailer.queue(tx, {
          to: person.email,
          subject: say(language, { key: "procurement.reminder.subject", params: words }),
          text: [
            say(language, { key: "procurement.reminder.body", params: words }),
            "",
            link,
            "",
            "---",
            say(language, { key: "procurement.reminder.footer" }),
          ].join("\n"),
        });
      }
      return to.length;
    });
  }
  await mailer.flush();
  return { mails };
}

/** The daily job: at seven in the morning, Belgian and Dutch time. */
export const demandRemindersJob: JobDefinition = {
  name: "purchase-demand-reminders",
  cron: "0 7 * * *",
  run: (deps) => sendDemandReminders(deps, todayIn("BE", deps.now())).then(() => undefined),
};
