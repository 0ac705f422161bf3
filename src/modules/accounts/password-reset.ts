import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import { personActor } from "../../platform/auth/actor.ts";
import { hashPassword } from "../../platform/auth/passwords.ts";
import { randomToken, sha256 } from "../../platform/auth/secrets.ts";
import type { Tx } from "../../platform/db/client.ts";
import { passwordResets, sessions, users } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { inBothLanguages, say } from "../../platform/i18n.ts";
import type { Mailer } from "../../platform/mail.ts";

const validForMs = 60 * 60 * 1000;

/**
 * Sends a one-hour reset link to the address if it belongs to an account. The answer is the same either way,
 * so nobody learns which addresses have accounts.
 */
export async function requestPasswordReset(
  tx: Tx,
  mailer: Mailer,
  input: { email: string; publicUrl: string; requestId: string },
): Promise<void> {
  const [user] = await tx.select().from(users).where(sql`lower(${users.email}) = ${input.email}`);
  if (!user || user.disabledAt) return;
  const token = randomToken();
  await tx
    .insert(passwordResets)
    .values({ tokenHash: sha256(token), userId: user.id, expiresAt: new Date(Date.now() + validForMs) });
  // The token travels in the fragment, which browsers never send to a server, so it stays out of every log.
  const link = `${input.publicUrl}/wachtwoord-herstellen#token=${token}`;
  await mailer.queue(tx, {
    to: user.email,
    subject: say("nl", { key: "accounts.resetSubject" }),
    text: inBothLanguages((language) => [
      say(language, { key: "accounts.resetMail", params: { name: user.name, link } }),
    ]),
  });
  await recordAudit(
    tx,
    { actor: personActor(user), requestId: input.requestId },
    {
      entityType: "user",
      entityId: user.id,
      ownerOrganisationId: null,
      action: "password-reset-requested",
    },
  );
}

/**
 * Sets a new password with a valid, unused reset token, spends the account's other reset links, and ends every
 * session of the account.
 */
export async function resetPassword(
  tx: Tx,
  input: { token: string; password: string; requestId: string },
): Promise<void> {
  const [reset] = await tx
    .select()
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, sha256(input.token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, new Date()),
      ),
    )
    .for("update");
  if (!reset) {
    throw new AppError("validation_failed", "problem.resetLinkInvalid", [
      { field: "token", message: "field.tokenUsed" },
    ]);
  }
  // Every link of the account is spent with the one used: an older mail in the inbox opens nothing any more.
  await tx
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(input.password) })
    .where(eq(users.id, reset.userId));
  await tx.delete(sessions).where(eq(sessions.userId, reset.userId));
  await recordAudit(
    tx,
    { actor: personActor({ id: reset.userId, name: "password reset" }), requestId: input.requestId },
    {
      entityType: "user",
      entityId: reset.userId,
      ownerOrganisationId: null,
      action: "password-reset",
    },
  );
}
