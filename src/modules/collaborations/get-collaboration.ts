import { eq } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { organisations } from "../../platform/db/schema.ts";
import { abilitiesOf } from "../../platform/policy.ts";
import { collaborationPolicy } from "./policy.ts";
import { collaborationFor, domainsOf, membersOf, today } from "./queries.ts";

const holds = (m: { validFrom: string | null; validTo: string | null }, date: string) =>
  (m.validFrom === null || m.validFrom <= date) && (m.validTo === null || m.validTo >= date);

/** One collaboration with its members (today's, and former ones apart), domains and the actor's abilities. */
export async function getCollaboration(db: Queryable, actor: Actor, id: string, asOf = today()) {
  const row = await collaborationFor(db, actor, id, "read");
  const [coordinator] = row.coordinatorId
    ? await db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(eq(organisations.id, row.coordinatorId))
    : [];
  const members = await membersOf(db, actor, row);
  const domains = await domainsOf(db, [row.id]);
  const current = members.filter((m) => holds(m, asOf));
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    form: row.form,
    nature: row.nature,
    country: row.country,
    status: row.status,
    kboNumber: row.kboNumber,
    cbsCode: row.cbsCode,
    seat: row.seat,
    startedOn: row.startedOn,
    endedOn: row.endedOn,
    source: row.source,
    sourceDate: row.sourceDate,
    description: row.description,
    coordinator: coordinator ?? null,
    memberCount: current.length,
    members: current,
    formerMembers: members.filter((m) => !holds(m, asOf)),
    domains: domains.get(row.id) ?? [],
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    abilities: abilitiesOf(collaborationPolicy, actor, row),
  };
}
