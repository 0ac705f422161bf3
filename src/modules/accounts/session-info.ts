import { and, eq } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../platform/auth/actor.ts";
import { actorFromSession, endSession, type SessionSettings, sessionCookie } from "../../platform/auth/sessions.ts";
import type { Db, Queryable, Tx } from "../../platform/db/client.ts";
import { organisations, sessions, userRoles, users } from "../../platform/db/schema.ts";
import { AppError } from "../../platform/errors.ts";
import { setSessionCookie } from "../../platform/http/session-cookie.ts";
import { hostPolicy } from "../agreements/policy.ts";
import { cataloguePolicy } from "../catalogue/policy.ts";
import { mayCreateCollaboration } from "../collaborations/policy.ts";
import type { MandateScope } from "../mandates/policy.ts";
import { mandatesToActUnder } from "../mandates/queries.ts";
import { organisationPolicy, registerPolicy } from "../organisations/policy.ts";
import { mayOpenBundle } from "../procurement/policy.ts";
import { mayCreateProject, mayPlanDeployments } from "../projects/policy.ts";
import { surveyCreationPolicy } from "../surveys/policy.ts";
import { outboxPolicy } from "../system/policy.ts";

/** Who the actor is, which organisations they may act for, and what the shell may offer them. */
export async function sessionInfo(db: Queryable, actor: Actor, demo: boolean) {
  const [user] = actor.userId
    ? await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, actor.userId))
    : [];
  const memberships =
    actor.kind === "user" && actor.userId
      ? await db
          .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, role: userRoles.role })
          .from(userRoles)
          .innerJoin(organisations, eq(organisations.id, userRoles.organisationId))
          .where(eq(userRoles.userId, actor.userId))
          .orderBy(organisations.name)
      : [];
  let active: {
    id: string;
    name: string;
    role: (typeof memberships)[number]["role"] | null;
    hr: boolean;
    mandate: { id: string; receiverName: string; scopes: MandateScope[] } | null;
  } | null = null;
  if (actor.organisationId) {
    const [org] = await db
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, actor.organisationId));
    const mandate = actor.mandate
      ? {
          id: actor.mandate.id,
          receiverName: actor.mandate.receiverName,
          scopes: actor.mandate.scopes as MandateScope[],
        }
      : null;
    if (org) active = { id: actor.organisationId, name: org.name, role: actor.role, hr: actor.hr ?? false, mandate };
  }
  const mandates = actor.kind === "user" && actor.userId ? await mandatesToActUnder(db, actor.userId) : [];
  const own = { id: actor.organisationId ?? "" };
  // Under a mandate the shell offers only what its scopes open: none of the abilities below.
  const may = (allowed: boolean) => allowed && !actor.mandate;
  return {
    user: {
      id: actor.userId,
      name: actor.kind === "token" ? actor.name : (user?.name ?? actor.name),
      email: actor.kind === "token" ? null : (user?.email ?? null),
      isPlatformAdmin: actor.isPlatformAdmin,
    },
    via: actor.kind === "token" ? ("token" as const) : ("session" as const),
    organisations: memberships,
    activeOrganisation: active,
    mandates,
    abilities: {
      manageTokens: may(actor.organisationId !== null && organisationPolicy.manageTokens(actor, own)),
      readAudit: may(actor.organisationId !== null && organisationPolicy.readAudit(actor, own)),
      readOutbox: may(outboxPolicy.readAll(actor, { demo }) || outboxPolicy.readOwn(actor, { demo })),
      importRegister: may(registerPolicy.import(actor, null)),
      createCollaboration: may(mayCreateCollaboration(actor)),
      createFramework: may(hostPolicy.createFramework(actor, null)),
      createSurvey: may(surveyCreationPolicy.prepare(actor, null)),
      startScan: may(surveyCreationPolicy.startScan(actor, null)),
      createProject: may(mayCreateProject(actor)),
      openBundle: may(mayOpenBundle(actor)),
      planDeployments: may(mayPlanDeployments(actor)),
      startCatalogue: may(
        actor.organisationId !== null &&
          cataloguePolicy.manage(actor, {
            providerId: actor.organisationId,
            visibility: "clients",
            servesActor: false,
          }),
      ),
    },
    demo,
  };
}

/**
 * Makes another of the user's organisations the one they act for in this session, or, with a mandate, an
 * organisation that gave one of theirs a mandate (while it holds and they edit for the receiver).
 */
export async function switchOrganisation(
  tx: Tx,
  actor: Actor,
  sessionId: string,
  organisationId: string,
  mandateId?: string,
) {
  if (actor.kind !== "user" || !actor.userId) throw new AppError("forbidden", "accounts.switchPeopleOnly");
  if (mandateId) {
    const usable = await mandatesToActUnder(tx, actor.userId);
    if (!usable.some((m) => m.id === mandateId && m.organisationId === organisationId)) {
      throw new AppError("not_found", "mandates.notYours");
    }
    await tx.update(sessions).set({ organisationId, mandateId }).where(eq(sessions.id, sessionId));
    return;
  }
  const [membership] = await tx
    .select({ role: userRoles.role })
    .from(userRoles)
    .where(and(eq(userRoles.userId, actor.userId), eq(userRoles.organisationId, organisationId)));
  if (!membership && !actor.isPlatformAdmin) {
    // Do not reveal whether the organisation exists; the user simply has no part in it.
    throw new AppError("not_found", "accounts.noRoleThere");
  }
  if (!membership) {
    const [exists] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.id, organisationId));
    if (!exists) throw new AppError("not_found", "accounts.noRoleThere");
  }
  await tx.update(sessions).set({ organisationId, mandateId: null }).where(eq(sessions.id, sessionId));
}

/**
 * Hands the browser a session just started (a sign-in, an accepted invitation): ends the one it had, sets the
 * cookie, and answers who is now signed in.
 */
export async function answerNewSession(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { db: Db; settings: SessionSettings; publicUrl: string; demo: boolean },
  session: { token: string; expiresAt: Date },
) {
  const previous = request.cookies[sessionCookie];
  if (previous) await endSession(options.db, options.settings, previous);
  setSessionCookie(reply, options.publicUrl, session.token, session.expiresAt);
  const actor = await actorFromSession(options.db, options.settings, session.token);
  if (!actor) throw new AppError("internal");
  return sessionInfo(options.db, actor, options.demo);
}
