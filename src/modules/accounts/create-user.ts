import { eq, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import { hashPassword } from "../../platform/auth/passwords.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/db/client.ts";
import { organisations, userRoles, users } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { registerPolicy } from "../organisations/policy.ts";
import { type CreateUserInput, createUserInput } from "./schemas.ts";

/** Creates a user, optionally with a role in one organisation. Only platform administrators create users. */
export async function createUser(
  tx: Tx,
  ctx: RequestContext,
  input: CreateUserInput,
): Promise<{ id: string; email: string }> {
  authorize(registerPolicy, ctx.actor, "createUser", null);
  const parsed = createUserInput.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      "validation_failed",
      "problem.userInvalid",
      parsed.error.issues.map((i) => ({ field: i.path.join(".") || "user", message: i.message })),
    );
  }
  const user = parsed.data;
  const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${user.email}`);
  if (existing) throw new AppError("conflict", "problem.userExists", [{ field: "email", message: "field.taken" }]);
  if (user.organisationId) {
    const [organisation] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, user.organisationId));
    if (!organisation)
      throw new AppError("validation_failed", "problem.noSuchOrganisation", [
        { field: "organisationId", message: "field.noSuchOrganisation" },
      ]);
  }
  const [row] = await tx
    .insert(users)
    .values({
      email: user.email,
      name: user.name,
      passwordHash: user.password ? await hashPassword(user.password) : null,
      isPlatformAdmin: user.isPlatformAdmin,
      isDemo: user.isDemo,
    })
    .returning({ id: users.id });
  if (!row) throw new Error("user not stored");
  if (user.organisationId && user.role) {
    await tx
      .insert(userRoles)
      .values({ userId: row.id, organisationId: user.organisationId, role: user.role, hr: user.hr });
  }
  await recordAudit(tx, ctx, {
    entityType: "user",
    entityId: row.id,
    ownerOrganisationId: user.organisationId ?? null,
    action: "create",
    after: {
      email: user.email,
      name: user.name,
      organisationId: user.organisationId ?? null,
      role: user.role ?? null,
      hr: user.hr,
      isPlatformAdmin: user.isPlatformAdmin,
    },
  });
  return { id: row.id, email: user.email };
}
