import { eq, inArray } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { organisations, partnerRelations } from "../../platform/db/schema.ts";
import { organisationFor, presentSummary, province, summaryColumns } from "./queries.ts";

/** The organisations a provider serves, by name. */
export async function listPartnerClients(db: Queryable, actor: Actor, providerId: string) {
  await organisationFor(db, actor, providerId, "read");
  const clientIds = db
    .select({ id: partnerRelations.clientId })
    .from(partnerRelations)
    .where(eq(partnerRelations.providerId, providerId));
  const rows = await db
    .select(summaryColumns)
    .from(organisations)
    .leftJoin(province, eq(province.id, organisations.provinceId))
    .where(inArray(organisations.id, clientIds))
    .orderBy(organisations.name);
  return rows.map(presentSummary);
}
