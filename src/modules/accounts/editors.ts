import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "../../platform/db/client.ts";
import { organisations, userRoles, users } from "../../platform/db/schema.ts";

export interface Editor {
  email: string;
  locale: string;
  /** Which of the organisations asked about this person acts for, by name (for a mail that says so). */
  organisations: { id: string; name: string }[];
}

/**
 * The people who act for these organisations and get mail about their work: editors and administrators whose
 * account is not disabled, once each (a person in two of the organisations is listed once, with both), in one
 * query.
 */
export async function editorsOf(db: Queryable, organisationIds: readonly string[]): Promise<Editor[]> {
  if (!organisationIds.length) return [];
  const rows = await db
    .select({
      email: users.email,
      locale: users.locale,
      organisationId: organisations.id,
      organisationName: organisations.name,
    })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .innerJoin(organisations, eq(organisations.id, userRoles.organisationId))
    .where(
      and(
        inArray(userRoles.organisationId, [...organisationIds]),
        inArray(userRoles.role, ["editor", "admin"]),
        isNull(users.disabledAt),
      ),
    )
    .orderBy(users.email, organisations.name);
  const people = new Map<string, Editor>();
  for (const r of rows) {
    const person = people.get(r.email) ?? { email: r.email, locale: r.locale, organisations: [] };
    person.organisations.push({ id: r.organisationId, name: r.organisationName });
    people.set(r.email, person);
  }
  return [...people.values()];
}
