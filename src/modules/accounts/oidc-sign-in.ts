import { and, eq, or, sql } from "drizzle-orm";
import { recordAudit } from "../../platform/audit.ts";
import { personActor } from "../../platform/auth/actor.ts";
import type { SessionSettings } from "../../platform/auth/sessions.ts";
import type { Tx } from "../../platform/db/client.ts";
import { organisations, userRoles, users } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { type Role, roles } from "../../platform/vocabulary.ts";
import { grantInvitation, openInvitation } from "./invitations.ts";
import { startSessionFor } from "./sign-in.ts";

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  name: string | undefined;
  /** The organisation claim: an organisation key (be-municipality-71072), NIS code, CBS code or KBO number. */
  organisation: string | undefined;
  role: string | undefined;
}

/** The account an identity is: the one linked to it (issuer and subject), else the one with its e-mail address. */
async function accountOf(tx: Tx, identity: OidcIdentity, email: string) {
  const [account] = await tx
    .select()
    .from(users)
    .where(
      or(
        and(eq(users.oidcIssuer, identity.issuer), eq(users.oidcSubject, identity.subject)),
        sql`lower(${users.email}) = ${email}`,
      ),
    )
    .orderBy(sql`${users.oidcSubject} IS NULL`)
    .limit(1);
  return account;
}

/**
 * Signs in a person whom the identity provider vouched for: finds them by issuer and subject (or links an
 * account with the same e-mail), creates them if new, and gives them the role the claims name.
 */
export async function signInWithOidc(
  tx: Tx,
  settings: SessionSettings,
  identity: OidcIdentity,
  input: { userAgent?: string | undefined; requestId: string },
) {
  if (!identity.email) throw new AppError("unauthenticated", "problem.oidcNoEmail");
  const email = identity.email.toLowerCase();
  const existing = await accountOf(tx, identity, email);
  if (existing?.disabledAt) throw new AppError("unauthenticated", "problem.accountDisabled");
  let user = existing;
  if (!user) {
    const [created] = await tx
      .insert(users)
      .values({ email, name: identity.name ?? email, oidcIssuer: identity.issuer, oidcSubject: identity.subject })
      .returning();
    user = created;
    if (!user) throw new Error("user not stored");
    await recordAudit(
      tx,
      { actor: personActor(user), requestId: input.requestId },
      {
        entityType: "user",
        entityId: user.id,
        ownerOrganisationId: null,
        action: "create",
        after: { email, name: user.name, via: "oidc", issuer: identity.issuer },
      },
    );
  } else if (!user.oidcSubject) {
    await tx
      .update(users)
      .set({ oidcIssuer: identity.issuer, oidcSubject: identity.subject })
      .where(eq(users.id, user.id));
  }

  if (identity.organisation) {
    const code = identity.organisation.trim();
    const [organisation] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(
        or(
          eq(organisations.key, code),
          and(
            eq(organisations.kind, "municipality"),
            or(eq(organisations.nisCode, code), eq(organisations.cbsCode, code.toUpperCase())),
          ),
          eq(organisations.kboNumber, code),
        ),
      )
      .limit(1);
    if (organisation) {
      const role: Role = (roles as readonly string[]).includes(identity.role ?? "")
        ? (identity.role as Role)
        : "viewer";
      await tx
        .insert(userRoles)
        .values({ userId: user.id, organisationId: organisation.id, role })
        .onConflictDoUpdate({ target: [userRoles.userId, userRoles.organisationId], set: { role } });
    }
  }
  return startSessionFor(tx, settings, user, { ...input, method: "oidc" });
}

/**
 * Signs a person in through their organisation's own identity provider. With an invitation (its token from the
 * link), the provider's word for the invited address accepts it: the account is made or found, and given the role.
 * Without one, only someone who already has a role in the organisation gets in: the provider says who they are,
 * the organisation's administrators decide what they may do.
 */
export async function signInThroughOrganisation(
  tx: Tx,
  settings: SessionSettings,
  organisationId: string,
  identity: OidcIdentity,
  input: { invitation?: string | undefined; userAgent?: string | undefined; requestId: string },
) {
  if (!identity.email) throw new AppError("unauthenticated", "problem.oidcNoEmail");
  const email = identity.email.toLowerCase();
  const open = input.invitation ? await openInvitation(tx, input.invitation, true) : null;
  if (input.invitation && (!open || open.invitation.organisationId !== organisationId)) {
    throw new AppError("unauthenticated", "accounts.invitationInvalid");
  }
  if (open && open.invitation.email.toLowerCase() !== email) {
    throw new AppError("unauthenticated", "accounts.invitationOtherAddress");
  }
  const found = await accountOf(tx, identity, email);
  if (found?.disabledAt) throw new AppError("unauthenticated", "problem.accountDisabled");
  let user = found;
  if (!user && open) {
    [user] = await tx
      .insert(users)
      .values({ email, name: identity.name ?? email, oidcIssuer: identity.issuer, oidcSubject: identity.subject })
      .returning();
  } else if (user && !user.oidcSubject) {
    await tx
      .update(users)
      .set({ oidcIssuer: identity.issuer, oidcSubject: identity.subject })
      .where(eq(users.id, user.id));
  }
  if (!user) throw new AppError("forbidden", "accounts.noRoleViaOrganisation");
  if (open) await grantInvitation(tx, open.invitation, user, input.requestId);
  else {
    const [role] = await tx
      .select({ role: userRoles.role })
      .from(userRoles)
      .where(and(eq(userRoles.userId, user.id), eq(userRoles.organisationId, organisationId)));
    if (!role) throw new AppError("forbidden", "accounts.noRoleViaOrganisation");
  }
  return startSessionFor(tx, settings, user, {
    userAgent: input.userAgent,
    requestId: input.requestId,
    method: "oidc",
    organisationId,
  });
}
