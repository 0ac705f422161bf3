import { eq, inArray } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { organisations, partnerRelations } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { organisationPolicy } from "./policy.ts";
import { presentSummary, province, summaryColumns } from "./queries.ts";

/** The organisations a provider serves, by name. */
export async function listPartnerClients(db: Queryable, actor: Actor, providerId: string) {
  const [provider] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, providerId));
  if (!provider) throw notFound("organisation");
  authorize(organisationPolicy, actor, "read", provider, { conceal: "organisation" });
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
