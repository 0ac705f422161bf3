import { desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { mails, users } from "../../platform/db/schema.ts";
import { authorize } from "../../platform/policy.ts";
import { outboxPolicy } from "./policy.ts";

export const outboxMailSchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: "OutboxMail" });

/**
 * Mails in the outbox. Platform administrators read all; in the demo, where no mail leaves the machine,
 * people read the mails addressed to them.
 */
export async function listOutbox(db: Queryable, actor: Actor, demo: boolean, limit: number) {
  let address: string | null = null;
  if (!outboxPolicy.readAll(actor, { demo })) {
    authorize(outboxPolicy, actor, "readOwn", { demo });
    const [user] = await db
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, actor.userId as string));
    address = user?.email ?? null;
    if (!address) return [];
  }
  const rows = await db
    .select()
    .from(mails)
    .where(address ? sql`lower(${mails.to}) = ${address.toLowerCase()}` : undefined)
    .orderBy(desc(mails.createdAt))
    .limit(limit);
  return rows.map((m) => ({
    id: m.id,
    to: m.to,
    subject: m.subject,
    text: m.text,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  }));
}
