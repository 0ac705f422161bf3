import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "../../platform/db/client.ts";
import { userRoles, users } from "../../platform/db/schema.ts";

/**
 * The people who act for these organisations and get mail about their work: editors and administrators whose
 * account is not disabled, once each (a person in two of the organisations is listed once), in one query.
 */
export async function editorsOf(db: Queryable, organisationIds: readonly string[]) {
  if (!organisationIds.length) return [];
  return db
    .selectDistinct({ email: users.email, locale: users.locale })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        inArray(userRoles.organisationId, [...organisationIds]),
        inArray(userRoles.role, ["editor", "admin"]),
        isNull(users.disabledAt),
      ),
    );
}
