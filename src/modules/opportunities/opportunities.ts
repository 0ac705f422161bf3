import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { authorize } from "../../platform/policy.ts";
import { organisationFor } from "../organisations/queries.ts";
import { opportunitiesPolicy } from "./policy.ts";
import { collaborationsOfNeighbours, neighbourList, portfolioByNature } from "./queries.ts";

/**
 * An organisation's opportunities as the register shows them on a day: its portfolio split into real collaboration
 * and outsourcing, its neighbours, and the collaborations its neighbours take part in and it does not.
 */
export async function opportunitiesOf(db: Queryable, actor: Actor, organisationId: string, asOf: string) {
  authorize(opportunitiesPolicy, actor, "read", { organisationId });
  const { id, name } = await organisationFor(db, actor, organisationId, "read");
  const [neighbours, portfolio, fromNeighbours] = await Promise.all([
    neighbourList(db, organisationId),
    portfolioByNature(db, organisationId, asOf),
    collaborationsOfNeighbours(db, organisationId, asOf),
  ]);
  return {
    organisation: { id, name },
    asOf,
    neighbours,
    portfolio,
    fromNeighbours: fromNeighbours.map((c) => ({
      collaboration: { id: c.id, name: c.name, nature: c.nature, form: c.form },
      neighbourMembers: [...c.neighbour_members].sort((a, b) => a.name.localeCompare(b.name, "nl")),
      members: Number(c.members),
    })),
  };
}
