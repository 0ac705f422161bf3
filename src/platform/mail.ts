import { and, asc, eq, isNull } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db, Tx } from "./db/client.ts";
import { mails } from "./db/schema.ts";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** A mail with an HTML part and headers of its own (a newsletter), sent at once rather than through the outbox. */
export interface RichMail extends OutgoingMail {
  html: string;
  headers: Record<string, string>;
  messageId: string;
}

export interface Mailer {
  /**
   * Sends one mail now: over SMTP, or into the outbox when there is none (the demo shows it there). Resolves once
   * the mail server took it; throws when it refused.
   */
  send(mail: RichMail): Promise<void>;
  /** Records the mail in the outbox inside the caller's transaction; it is delivered after that commits. */
  queue(tx: Tx, mail: OutgoingMail): Promise<void>;
  /** Delivers what is queued over SMTP; without SMTP mails stay in the outbox, which the demo shows. */
  flush(): Promise<void>;
  readonly delivers: boolean;
  close(): void;
}

export function createMailer(db: Db, options: { smtpUrl: string | undefined; from: string }): Mailer {
  const transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
  let queued = false;
  return {
    delivers: transport !== null,
    async send(mail) {
      if (!transport) {
        await db.insert(mails).values({ to: mail.to, subject: mail.subject, text: mail.text });
        return;
      }
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: mail.headers,
        messageId: mail.messageId,
      });
    },
    async queue(tx, mail) {
      await tx.insert(mails).values(mail);
      queued = true;
    },
    async flush() {
      if (!transport || !queued) return;
      queued = false;
      const pending = await db
        .select()
        .from(mails)
        .where(and(isNull(mails.sentAt), isNull(mails.error)))
        .orderBy(asc(mails.createdAt))
        .limit(100);
      for (const mail of pending) {
        try {
          await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text });
          await db.update(mails).set({ sentAt: new Date() }).where(eq(mails.id, mail.id));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await db
            .update(mails)
            .set({ error: message.slice(0, 500) })
            .where(eq(mails.id, mail.id));
        }
      }
    },
    close() {
      transport?.close();
    },
  };
}
