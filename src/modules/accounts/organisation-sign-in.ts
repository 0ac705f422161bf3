import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { seal } from "../../platform/auth/secrets.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { organisationSignIns, organisations } from "../../platform/db/schema.ts";
import { putPerOrganisation } from "../../platform/db/versioned.ts";
import { AppError } from "../../platform/errors.ts";
import { authorize } from "../../platform/policy.ts";
import { signInSetupPolicy } from "../organisations/policy.ts";
import { organisationFor } from "../organisations/queries.ts";

/** An issuer: https, or http on this machine only (a provider tried out beside Samen). */
const issuerSchema = z
  .url({ message: "field.webAddress" })
  .max(500)
  .refine(
    (value) => {
      // Checked even when the address did not parse (zod runs every check): then simply not one.
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return (
        url.protocol === "https:" || (url.protocol === "http:" && ["127.0.0.1", "localhost"].includes(url.hostname))
      );
    },
    { message: "field.httpsIssuer" },
  );

export const signInSetupBody = z
  .object({
    issuer: issuerSchema,
    clientId: z.string().trim().min(1, { message: "field.required" }).max(200),
    /** Required the first time; left out afterwards, the secret kept stays. */
    clientSecret: z.string().min(1).max(500).optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

export const signInSetupSchema = z
  .object({
    configured: z.boolean(),
    issuer: z.string().nullable(),
    clientId: z.string().nullable(),
    enabled: z.boolean(),
    version: z.number().int().describe("0 when nothing is set up yet"),
    callbackUrl: z.string().describe("What the identity provider must allow as redirect URI"),
    abilities: z.object({ configure: z.boolean() }),
  })
  .meta({ id: "OrganisationSignIn" });

/** Whether and where an organisation's own sign-in is set up: never its secret. */
export async function getSignInSetup(db: Queryable, actor: Actor, organisationId: string, publicUrl: string) {
  await organisationFor(db, actor, organisationId, "read");
  authorize(signInSetupPolicy, actor, "read", { organisationId }, { conceal: "organisation" });
  const [row] = await db
    .select()
    .from(organisationSignIns)
    .where(eq(organisationSignIns.organisationId, organisationId));
  return {
    configured: !!row,
    issuer: row?.issuer ?? null,
    clientId: row?.clientId ?? null,
    enabled: row?.enabled ?? false,
    version: row?.version ?? 0,
    callbackUrl: `${publicUrl}/api/auth/oidc/callback`,
    abilities: { configure: signInSetupPolicy.configure(actor, { organisationId }) },
  };
}

/** A platform administrator sets up (or changes, with If-Match) an organisation's own sign-in. */
export async function putSignInSetup(
  tx: Tx,
  ctx: RequestContext,
  serverSecret: string,
  organisationId: string,
  expectedVersion: number,
  input: z.infer<typeof signInSetupBody>,
) {
  await organisationFor(tx, ctx.actor, organisationId, "read");
  authorize(signInSetupPolicy, ctx.actor, "configure", { organisationId });
  const [current] = await tx
    .select()
    .from(organisationSignIns)
    .where(eq(organisationSignIns.organisationId, organisationId))
    .for("update");
  if (!current && !input.clientSecret) {
    throw new AppError("validation_failed", "problem.clientSecretFirst", [
      { field: "clientSecret", message: "field.required" },
    ]);
  }
  const version = await putPerOrganisation(
    tx,
    organisationSignIns,
    organisationId,
    current?.version ?? 0,
    expectedVersion,
    {
      issuer: input.issuer.replace(/\/$/, ""),
      clientId: input.clientId,
      clientSecretSealed: input.clientSecret ? seal(serverSecret, input.clientSecret) : current?.clientSecretSealed,
      enabled: input.enabled,
      updatedBy: ctx.actor.userId,
    },
  );
  await recordAudit(tx, ctx, {
    entityType: "organisation_sign_in",
    entityId: organisationId,
    ownerOrganisationId: organisationId,
    action: current ? "update" : "create",
    before: current ? { issuer: current.issuer, clientId: current.clientId, enabled: current.enabled } : undefined,
    after: {
      issuer: input.issuer,
      clientId: input.clientId,
      enabled: input.enabled,
      secretChanged: !!input.clientSecret,
    },
  });
  return version;
}

/** The organisations whose own sign-in is on, for the sign-in page. */
export async function organisationsWithSignIn(db: Queryable) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisationSignIns)
    .innerJoin(organisations, eq(organisations.id, organisationSignIns.organisationId))
    .where(eq(organisationSignIns.enabled, true))
    .orderBy(asc(organisations.name));
}

/** An organisation's sign-in as the sign-in flow uses it (secret still sealed), when it is on. */
export async function signInProviderOf(db: Queryable, organisationId: string) {
  const [row] = await db
    .select()
    .from(organisationSignIns)
    .where(eq(organisationSignIns.organisationId, organisationId));
  return row?.enabled ? row : null;
}
