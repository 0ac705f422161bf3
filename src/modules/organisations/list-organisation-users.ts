import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../platform/auth/actor.ts";
import type { Queryable } from "../../platform/db/client.ts";
import { userRoles, users } from "../../platform/db/schema.ts";
import { roles } from "../../platform/vocabulary.ts";
import { organisationFor } from "./queries.ts";

export const userOfOrganisationSchema = z
  .object({ id: z.uuid(), name: z.string(), email: z.string(), role: z.enum(roles) })
  .meta({ id: "UserOfOrganisation" });

/** The users of an organisation with their roles; personal data, so only for its administrators. */
export async function listOrganisationUsers(db: Queryable, actor: Actor, organisationId: string) {
  await organisationFor(db, actor, organisationId, "readUsers");
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: userRoles.role })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(eq(userRoles.organisationId, organisationId))
    .orderBy(users.name);
}
