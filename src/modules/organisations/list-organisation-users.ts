import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { userRoles, users } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { roles } from "../../platform/vocabulary.ts";
import { personPolicy } from "./policy.ts";
import { organisationFor } from "./queries.ts";

export const userOfOrganisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(roles),
    hr: z.boolean(),
    lastSignInAt: z.string().nullable().describe("When they last signed in; null if never"),
    disabled: z.boolean(),
  })
  .meta({ id: "UserOfOrganisation" });

export const userRoleBody = z
  .object({
    role: z.enum(roles).optional(),
    /** Works in the organisation's HR department: sees the people in its staff transfers. */
    hr: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.role !== undefined || b.hr !== undefined, { message: "field.roleOrHr", path: ["role"] });

/** The users of an organisation with their roles; personal data, so only for its administrators. */
export async function listOrganisationUsers(db: Queryable, actor: Actor, organisationId: string) {
  await organisationFor(db, actor, organisationId, "readUsers");
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: userRoles.role,
      hr: userRoles.hr,
      lastSignInAt: users.lastSignInAt,
      disabledAt: users.disabledAt,
    })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(eq(userRoles.organisationId, organisationId))
    .orderBy(users.name);
  return rows.map(({ lastSignInAt, disabledAt, ...r }) => ({
    ...r,
    lastSignInAt: lastSignInAt?.toISOString() ?? null,
    disabled: disabledAt !== null,
  }));
}

/**
 * An organisation's administrator changes a user's role or HR standing there. An administrator does not take
 * away their own administration (someone else must), so an organisation is never left without one by mistake.
 */
export async function changeUserRole(
  tx: Tx,
  ctx: RequestContext,
  organisationId: string,
  userId: string,
  change: z.infer<typeof userRoleBody>,
) {
  await organisationFor(tx, ctx.actor, organisationId, "read");
  const person = { organisationId, userId };
  authorize(personPolicy, ctx.actor, "changeRole", person);
  const [current] = await tx
    .select({ role: userRoles.role, hr: userRoles.hr })
    .from(userRoles)
    .where(and(eq(userRoles.organisationId, organisationId), eq(userRoles.userId, userId)));
  if (!current) throw new AppError("not_found", "notFound.personInOrganisation");
  if (userId === ctx.actor.userId && change.role && change.role !== "admin" && current.role === "admin") {
    throw new AppError("validation_failed", "problem.ownAdministration", [
      { field: "role", message: "field.anotherAdministrator" },
    ]);
  }
  if (change.hr === true && !current.hr) authorize(personPolicy, ctx.actor, "grantHr", person);
  if (change.hr === false && current.hr) authorize(personPolicy, ctx.actor, "revokeHr", person);
  const next = { role: change.role ?? current.role, hr: change.hr ?? current.hr };
  await tx
    .update(userRoles)
    .set(next)
    .where(and(eq(userRoles.organisationId, organisationId), eq(userRoles.userId, userId)));
  await recordAudit(tx, ctx, {
    entityType: "user",
    entityId: userId,
    ownerOrganisationId: organisationId,
    action: "update",
    before: current,
    after: next,
  });
  return next;
}
