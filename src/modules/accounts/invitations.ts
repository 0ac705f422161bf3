import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../../platform/audit.ts";
import { type Actor, personActor } from "../../platform/auth/actor.ts";
import { hashPassword, verifyPassword } from "../../platform/auth/passwords.ts";
import { randomToken, sha256 } from "../../platform/auth/secrets.ts";
import type { SessionSettings } from "../../platform/auth/sessions.ts";
import type { RequestContext } from "../../platform/context.ts";
import type { Queryable, Tx } from "../../platform/db/client.ts";
import { invitations, organisationSignIns, organisations, userRoles, users } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { say } from "../../platform/i18n.ts";
import type { Mailer } from "../../platform/mail.ts";
import { authorize } from "../../platform/policy.ts";
import { roles } from "../../platform/vocabulary.ts";
import { organisationPolicy, personPolicy } from "../organisations/policy.ts";
import { organisationFor } from "../organisations/queries.ts";
import { emailSchema, passwordSchema } from "./schemas.ts";
import { startSessionFor } from "./sign-in.ts";

const validForMs = 7 * 24 * 60 * 60 * 1000;

export const invitationBody = z
  .object({
    email: emailSchema,
    role: z.enum(roles),
    /** Works in the organisation's HR department (sessions only; granted as the HR rule says). */
    hr: z.boolean().default(false),
  })
  .strict();

export const acceptInvitationBody = z
  .object({
    token: z.string().min(20).max(200),
    /** For a new account: the name colleagues see. */
    name: z.string().trim().min(1, { message: "field.required" }).max(200).optional(),
    /** A new account's password, or the existing account's own password to confirm it is theirs. */
    password: passwordSchema.or(z.string().min(1).max(256)),
  })
  .strict();

const invalid = () =>
  new AppError("validation_failed", "accounts.invitationInvalid", [
    { field: "token", message: "accounts.invitationInvalid" },
  ]);

/**
 * An organisation's administrator (or a platform administrator), signed in, invites a colleague by e-mail with a
 * role: a link valid for a week. An earlier open invitation of the same address to the same organisation is
 * replaced. Inviting with HR standing follows the HR rule (only who has it, or a platform administrator).
 */
export async function inviteColleague(
  tx: Tx,
  ctx: RequestContext,
  notify: { mailer: Mailer; publicUrl: string },
  organisationId: string,
  input: z.infer<typeof invitationBody>,
) {
  const organisation = await organisationFor(tx, ctx.actor, organisationId, "read");
  const person = { organisationId, userId: "" };
  authorize(personPolicy, ctx.actor, "changeRole", person, { conceal: "organisation" });
  if (input.hr) authorize(personPolicy, ctx.actor, "grantHr", person);
  const [member] = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.organisationId, organisationId)))
    .where(sql`lower(${users.email}) = ${input.email}`);
  if (member) {
    throw new AppError("conflict", "accounts.alreadyMember", [{ field: "email", message: "accounts.alreadyMember" }]);
  }
  await tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.organisationId, organisationId),
        sql`lower(${invitations.email}) = ${input.email}`,
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
  const token = randomToken();
  const expiresAt = new Date(Date.now() + validForMs);
  const [row] = await tx
    .insert(invitations)
    .values({
      organisationId,
      email: input.email,
      role: input.role,
      hr: input.hr,
      tokenHash: sha256(token),
      invitedBy: ctx.actor.userId,
      expiresAt,
    })
    .returning({ id: invitations.id });
  if (!row) throw new Error("invitation not stored");
  // The token travels in the fragment, which browsers never send to a server, so it stays out of every log.
  const link = `${notify.publicUrl}/uitnodiging#token=${token}`;
  const params = {
    inviter: ctx.actor.name,
    organisation: organisation.name,
    role: say("nl", { key: `accounts.role.${input.role}` }),
    roleEn: say("en", { key: `accounts.role.${input.role}` }),
    link,
  };
  await notify.mailer.queue(tx, {
    to: input.email,
    subject: say("nl", { key: "accounts.invitationSubject", params }),
    text: [
      say("nl", { key: "accounts.invitationMail", params }),
      "",
      "---",
      say("en", { key: "accounts.invitationMail", params: { ...params, role: params.roleEn } }),
    ].join("\n"),
  });
  await recordAudit(tx, ctx, {
    entityType: "invitation",
    entityId: row.id,
    ownerOrganisationId: organisationId,
    action: "invite",
    after: { email: input.email, role: input.role, hr: input.hr },
  });
  return { id: row.id, expiresAt: expiresAt.toISOString() };
}

/** The open invitations of an organisation, for its administrators: who, with which role, until when. */
export async function listInvitations(db: Queryable, actor: Actor, organisationId: string) {
  await organisationFor(db, actor, organisationId, "readUsers");
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      hr: invitations.hr,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      invitedBy: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.organisationId, organisationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .orderBy(asc(invitations.email));
  const now = Date.now();
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    expired: r.expiresAt.getTime() < now,
  }));
}

/** Withdraws an open invitation; its link stops working. */
export async function revokeInvitation(tx: Tx, ctx: RequestContext, id: string) {
  const [row] = await tx.select().from(invitations).where(eq(invitations.id, id));
  if (!row || !organisationPolicy.readUsers(ctx.actor, { id: row.organisationId })) {
    throw new AppError("not_found", "accounts.noSuchInvitation");
  }
  authorize(personPolicy, ctx.actor, "changeRole", { organisationId: row.organisationId, userId: "" });
  if (row.acceptedAt || row.revokedAt) throw new AppError("conflict", "accounts.invitationClosed");
  await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, id));
  await recordAudit(tx, ctx, {
    entityType: "invitation",
    entityId: id,
    ownerOrganisationId: row.organisationId,
    action: "revoke",
    before: { email: row.email, role: row.role },
  });
}

/** The open invitation a link is for; `lock` takes its row for the rest of the transaction (two tabs accepting at once). */
export async function openInvitation(db: Queryable, token: string, lock = false) {
  const query = db
    .select({ invitation: invitations, organisation: organisations.name })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(
      and(
        eq(invitations.tokenHash, sha256(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  const [row] = lock ? await query.for("update", { of: invitations }) : await query;
  return row ?? null;
}

/**
 * What an invitation link is for, before it is accepted: the organisation, the role, the address, and whether that
 * address has an account already (then its own password confirms it; otherwise the person chooses a name and one).
 */
export async function describeInvitation(db: Queryable, token: string) {
  const open = await openInvitation(db, token);
  if (!open) throw invalid();
  const [account] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${open.invitation.email.toLowerCase()}`);
  const [provider] = await db
    .select({ enabled: organisationSignIns.enabled })
    .from(organisationSignIns)
    .where(eq(organisationSignIns.organisationId, open.invitation.organisationId));
  return {
    organisation: open.organisation,
    organisationId: open.invitation.organisationId,
    email: open.invitation.email,
    role: open.invitation.role,
    hasAccount: !!account,
    singleSignOn: provider?.enabled === true,
    expiresAt: open.invitation.expiresAt.toISOString(),
  };
}

/**
 * Accepts an invitation and signs the person in: a new account with the name and password chosen, or the account
 * the address has (its password confirms it is theirs), given the role in the organisation. Once only.
 */
export async function acceptInvitation(
  tx: Tx,
  settings: SessionSettings,
  input: z.infer<typeof acceptInvitationBody> & { userAgent?: string | undefined; requestId: string },
) {
  const open = await openInvitation(tx, input.token, true);
  if (!open) throw invalid();
  const { invitation } = open;
  let [user] = await tx.select().from(users).where(sql`lower(${users.email}) = ${invitation.email.toLowerCase()}`);
  if (user) {
    if (user.disabledAt || !(await verifyPassword(user.passwordHash, input.password))) {
      throw new AppError("validation_failed", "accounts.invitationWrongPassword", [
        { field: "password", message: "accounts.invitationWrongPassword" },
      ]);
    }
  } else {
    const password = passwordSchema.safeParse(input.password);
    if (!password.success) {
      throw new AppError("validation_failed", "accounts.passwordTooShort", [
        { field: "password", message: "accounts.passwordTooShort" },
      ]);
    }
    if (!input.name) {
      throw new AppError("validation_failed", "field.required", [{ field: "name", message: "field.required" }]);
    }
    [user] = await tx
      .insert(users)
      .values({ email: invitation.email, name: input.name, passwordHash: await hashPassword(password.data) })
      .returning();
  }
  if (!user) throw new Error("user not stored");
  await grantInvitation(tx, invitation, user, input.requestId);
  const session = await startSessionFor(tx, settings, user, {
    userAgent: input.userAgent,
    requestId: input.requestId,
    method: "password",
    organisationId: invitation.organisationId,
  });
  return session;
}

/** Gives the person the invitation's role, marks it accepted, and records it: however they proved who they are. */
export async function grantInvitation(
  tx: Tx,
  invitation: typeof invitations.$inferSelect,
  user: { id: string; name: string; isPlatformAdmin?: boolean },
  requestId: string,
) {
  await tx
    .insert(userRoles)
    .values({ userId: user.id, organisationId: invitation.organisationId, role: invitation.role, hr: invitation.hr })
    .onConflictDoNothing();
  await tx
    .update(invitations)
    .set({ acceptedAt: new Date(), acceptedBy: user.id })
    .where(eq(invitations.id, invitation.id));
  await recordAudit(
    tx,
    { actor: personActor(user, invitation.organisationId, invitation.role), requestId },
    {
      entityType: "invitation",
      entityId: invitation.id,
      ownerOrganisationId: invitation.organisationId,
      action: "accept",
      after: { userId: user.id, role: invitation.role },
    },
  );
}
