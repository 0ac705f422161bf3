import { and, asc, eq, gte } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { closingDays, organisations } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { closingDaysPolicy } from "./policy.ts";
import { today } from "./queries.ts";

/** An organisation's own closing days from today on; weekends and public holidays are known without them. */
export async function listClosingDays(db: Queryable, organisationId: string) {
  const [organisation] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!organisation) throw notFound("organisation");
  const rows = await db
    .select({ day: closingDays.day, reason: closingDays.reason })
    .from(closingDays)
    .where(and(eq(closingDays.organisationId, organisationId), gte(closingDays.day, today())))
    .orderBy(asc(closingDays.day));
  return { items: rows };
}

/** Adds (or words anew) a day the organisation is closed; deployments on it are flagged. */
export async function addClosingDay(
  tx: Tx,
  ctx: RequestContext,
  organisationId: string,
  input: { day: string; reason: string | null },
) {
  authorize(closingDaysPolicy, ctx.actor, "keep", { organisationId });
  await tx
    .insert(closingDays)
    .values({ organisationId, ...input })
    .onConflictDoUpdate({ target: [closingDays.organisationId, closingDays.day], set: { reason: input.reason } });
  await recordAudit(tx, ctx, {
    entityType: "organisation",
    entityId: organisationId,
    ownerOrganisationId: organisationId,
    action: "add-closing-day",
    after: input,
  });
}
