import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { organisations, roles, userRoles, users } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { organisationPolicy } from "./policy.ts";

export const userOfOrganisationSchema = z
  .object({ id: z.uuid(), name: z.string(), email: z.string(), role: z.enum(roles) })
  .meta({ id: "UserOfOrganisation" });

/** The users of an organisation with their roles; personal data, so only for its administrators. */
export async function listOrganisationUsers(db: Queryable, actor: Actor, organisationId: string) {
  const [organisation] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  if (!organisation) throw notFound("organisation");
  authorize(organisationPolicy, actor, "readUsers", organisation, { conceal: "organisation" });
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: userRoles.role })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(eq(userRoles.organisationId, organisationId))
    .orderBy(users.name);
}
