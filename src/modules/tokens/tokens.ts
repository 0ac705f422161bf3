import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { issueApiToken } from "../../platform/auth/sessions.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { apiTokens, organisations } from "../../platform/db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { roles } from "../../platform/vocabulary.ts";
import { tokenPolicy } from "./policy.ts";

export const tokenScopes = ["read", "write"] as const;

export const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    organisationId: z.uuid(),
    role: z.enum(roles),
    scopes: z.array(z.enum(tokenScopes)).min(1).max(2).default(["read"]),
    expiresInDays: z.number().int().min(1).max(3650).nullable().default(365),
  })
  .strict();
export type CreateTokenInput = z.input<typeof createTokenBody>;

export const tokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    organisationId: z.uuid(),
    role: z.enum(roles),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: "ApiToken" });

/** Creates an API token for an organisation and role. The secret is returned once, here, and never again. */
export async function createToken(tx: Tx, ctx: RequestContext, input: CreateTokenInput) {
  const body = createTokenBody.parse(input);
  const [organisation] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, body.organisationId));
  if (!organisation) throw notFound("organisation");
  authorize(tokenPolicy, ctx.actor, "create", { organisationId: body.organisationId }, { conceal: "organisation" });
  const expiresAt = body.expiresInDays ? new Date(Date.now() + body.expiresInDays * 86_400_000) : null;
  const { id, token } = await issueApiToken(tx, {
    name: body.name,
    organisationId: body.organisationId,
    role: body.role,
    scopes: body.scopes,
    createdBy: ctx.actor.userId,
    expiresAt,
  });
  await recordAudit(tx, ctx, {
    entityType: "api-token",
    entityId: id,
    ownerOrganisationId: body.organisationId,
    action: "create",
    after: { name: body.name, role: body.role, scopes: body.scopes, expiresAt: expiresAt?.toISOString() ?? null },
  });
  return { id, token, expiresAt };
}

const present = (row: typeof apiTokens.$inferSelect) => ({
  id: row.id,
  name: row.name,
  organisationId: row.organisationId,
  role: row.role,
  scopes: row.scopes,
  createdAt: row.createdAt.toISOString(),
  expiresAt: row.expiresAt?.toISOString() ?? null,
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
});

/** The organisation's tokens that are not revoked (never their secrets). */
export async function listTokens(db: Queryable, actor: Actor, organisationId: string) {
  authorize(tokenPolicy, actor, "list", { organisationId }, { conceal: "organisation" });
  const rows = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.organisationId, organisationId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(present);
}

export async function revokeToken(tx: Tx, ctx: RequestContext, id: string): Promise<void> {
  const [token] = await tx
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .for("update");
  if (!token) throw notFound("token");
  authorize(tokenPolicy, ctx.actor, "revoke", token, { conceal: "token" });
  await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
  await recordAudit(tx, ctx, {
    entityType: "api-token",
    entityId: id,
    ownerOrganisationId: token.organisationId,
    action: "revoke",
    before: { name: token.name },
  });
}
