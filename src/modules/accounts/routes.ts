import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { FailureLimiter } from "../../platform/auth/failure-limiter.ts";
import { actorFromSession, endSession, sessionCookie, sessionIdOf } from "../../platform/auth/sessions.ts";
import { AppError } from "../../platform/errors.ts";
import { requireActor } from "../../platform/http/request.ts";
import { problemResponses, writeProblemResponses } from "../../platform/http/schemas.ts";
import { demoAccounts } from "../demo/seed-demo.ts";
import { invitationRoutes } from "./invitation-routes.ts";
import { oidcRoutes } from "./oidc.ts";
import { organisationsWithSignIn } from "./organisation-sign-in.ts";
import { requestPasswordReset, resetPassword } from "./password-reset.ts";
import {
  passwordResetConfirmBody,
  passwordResetRequestBody,
  sessionSchema,
  signInBody,
  switchOrganisationBody,
} from "./schemas.ts";
import { answerNewSession, sessionInfo, switchOrganisation } from "./session-info.ts";
import { signInWithPassword } from "./sign-in.ts";

const tags = ["sign-in"];

const emailOf = (request: FastifyRequest) =>
  String((request.body as { email?: unknown } | undefined)?.email ?? "")
    .trim()
    .toLowerCase();

export async function accountRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config, database, mailer } = base.platform;
  const settings = { secret: config.sessionSecret, ttlMs: config.sessionTtlMs };
  // Failed sign-ins per address over all accounts (a town hall shares one address: room for a morning's typos,
  // not for a list of accounts) and per account from any address.
  const failedSignIns = {
    address: new FailureLimiter(config.signInRateLimit * 3, 60_000),
    account: new FailureLimiter(config.signInRateLimit * 2, 60_000),
    blocked(request: FastifyRequest) {
      return this.address.blocked(request.ip) || this.account.blocked(emailOf(request));
    },
    fail(request: FastifyRequest) {
      this.address.fail(request.ip);
      this.account.fail(emailOf(request));
    },
  };

  app.get(
    "/auth/providers",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "How one can sign in here, and in the demo its accounts with who each is",
        security: [],
        response: {
          200: z.object({
            password: z.boolean(),
            oidc: z.boolean(),
            organisations: z
              .array(z.object({ id: z.uuid(), name: z.string() }))
              .describe("Organisations whose people sign in through their own identity provider"),
            demo: z.boolean(),
            demoAccounts: z.array(
              z.object({ email: z.string(), persona: z.object({ nl: z.string(), en: z.string() }) }),
            ),
          }),
        },
      },
    },
    async () => ({
      password: true,
      oidc: config.oidc !== undefined,
      organisations: await organisationsWithSignIn(database.db),
      demo: config.demo,
      // The demo's accounts are public knowledge in demo mode (demo mode only listens on localhost); never otherwise.
      demoAccounts: config.demo
        ? demoAccounts.map((a) => ({ email: a.email, persona: { nl: a.persona, en: a.personaEn } }))
        : [],
    }),
  );

  app.post(
    "/auth/sign-in",
    {
      config: {
        public: true,
        rateLimit: {
          max: config.signInRateLimit,
          timeWindow: 60_000,
          hook: "preHandler",
          // Limit per address and account; `failedSignIns` adds limits on failures per account from anywhere
          // (guessing one password from many addresses) and per address over all accounts (spraying many).
          keyGenerator: (request) => `${request.ip}|${emailOf(request)}`,
        },
      },
      schema: {
        tags,
        summary: "Sign in with e-mail and password",
        security: [],
        body: signInBody,
        response: { 200: sessionSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      if (failedSignIns.blocked(request)) {
        throw new AppError("rate_limited", "problem.tooManySignIns");
      }
      const { token, expiresAt } = await database.db
        .transaction((tx) =>
          signInWithPassword(tx, settings, {
            email: request.body.email,
            password: request.body.password,
            userAgent: request.headers["user-agent"],
            requestId: request.id,
          }),
        )
        .catch((error: unknown) => {
          if (error instanceof AppError && error.status === 401) failedSignIns.fail(request);
          throw error;
        });
      return answerNewSession(
        request,
        reply,
        { db: database.db, settings, publicUrl: config.publicUrl, demo: config.demo },
        { token, expiresAt },
      );
    },
  );

  app.post(
    "/auth/sign-out",
    { config: { public: true }, schema: { tags, summary: "End this session", response: { 204: z.null() } } },
    async (request, reply) => {
      const token = request.cookies[sessionCookie];
      if (token) await endSession(database.db, settings, token);
      reply.clearCookie(sessionCookie, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/auth/session",
    {
      schema: {
        tags,
        summary: "Who is signed in, and for which organisation",
        response: { 200: sessionSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return sessionInfo(database.db, requireActor(request), config.demo);
    },
  );

  app.put(
    "/auth/session/organisation",
    {
      schema: {
        tags,
        summary: "Act for another of your organisations",
        body: switchOrganisationBody,
        response: { 200: sessionSchema, ...writeProblemResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const token = request.cookies[sessionCookie];
      if (actor.kind !== "user" || !token) throw new AppError("forbidden", "problem.tokenOneOrganisation");
      await database.db.transaction((tx) =>
        switchOrganisation(
          tx,
          actor,
          sessionIdOf(settings, token),
          request.body.organisationId,
          request.body.mandateId,
        ),
      );
      const switched = await actorFromSession(database.db, settings, token);
      if (!switched) throw new AppError("unauthenticated");
      return sessionInfo(database.db, switched, config.demo);
    },
  );

  app.post(
    "/auth/password-reset",
    {
      config: { public: true, rateLimit: { max: 5, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: "Mail a link to set a new password (the answer is the same whether the address is known or not)",
        security: [],
        body: passwordResetRequestBody,
        response: { 202: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await database.db.transaction((tx) =>
        requestPasswordReset(tx, mailer, {
          email: request.body.email,
          publicUrl: config.publicUrl,
          requestId: request.id,
        }),
      );
      await mailer.flush();
      return reply.status(202).send(null);
    },
  );

  app.post(
    "/auth/password-reset/confirm",
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: "Set a new password with the token from the mail",
        security: [],
        body: passwordResetConfirmBody,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await database.db.transaction((tx) => resetPassword(tx, { ...request.body, requestId: request.id }));
      return reply.status(204).send(null);
    },
  );

  await app.register(oidcRoutes);
  await app.register(invitationRoutes);
}
