import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { sessionCookie, sessionIdOf } from "../../platform/auth/sessions.ts";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { mutate, requireActor } from "../../platform/http/request.ts";
import { ifMatch, problemResponses, uuidParam, writeProblemResponses } from "../../platform/http/schemas.ts";
import { roles } from "../../platform/vocabulary.ts";
import {
  acceptInvitation,
  acceptInvitationBody,
  describeInvitation,
  invitationBody,
  inviteColleague,
  listInvitations,
  revokeInvitation,
} from "./invitations.ts";
import { getSignInSetup, putSignInSetup, signInSetupBody, signInSetupSchema } from "./organisation-sign-in.ts";
import { endOwnSession, ownSessions } from "./own-sessions.ts";
import { sessionSchema } from "./schemas.ts";
import { answerNewSession } from "./session-info.ts";

const tags = ["people"];

/** Inviting colleagues into an organisation, and accepting an invitation. */
export async function invitationRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config, database, mailer } = base.platform;
  const settings = { secret: config.sessionSecret, ttlMs: config.sessionTtlMs };

  app.get(
    "/organisations/:id/sign-in",
    {
      schema: {
        tags,
        summary: "Whether and where the organisation's own OpenID Connect sign-in is set up (never its secret)",
        params: uuidParam,
        response: { 200: signInSetupSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const setup = await getSignInSetup(database.db, requireActor(request), request.params.id, config.publicUrl);
      reply.header("etag", etagOf(setup.version));
      return setup;
    },
  );

  app.put(
    "/organisations/:id/sign-in",
    {
      schema: {
        tags,
        summary:
          'Set up the organisation\'s own OpenID Connect sign-in (platform administrators; If-Match, "v0" the first time)',
        params: uuidParam,
        headers: ifMatch,
        body: signInSetupBody,
        response: { 200: z.object({ version: z.number().int() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers["if-match"]);
      const version = await mutate(request, (tx, ctx) =>
        putSignInSetup(tx, ctx, config.sessionSecret, request.params.id, expected, request.body),
      );
      reply.header("etag", etagOf(version));
      return { version };
    },
  );

  app.post(
    "/organisations/:id/invitations",
    {
      schema: {
        tags,
        summary: "Invite a colleague by e-mail with a role (administrators, signed in): a link valid for a week",
        params: uuidParam,
        body: invitationBody,
        response: { 201: z.object({ id: z.uuid(), expiresAt: z.string() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const made = await mutate(request, (tx, ctx) =>
        inviteColleague(tx, ctx, { mailer, publicUrl: config.publicUrl }, request.params.id, request.body),
      );
      await mailer.flush();
      reply.status(201);
      return made;
    },
  );

  app.get(
    "/organisations/:id/invitations",
    {
      schema: {
        tags,
        summary: "The organisation's open invitations (its administrators)",
        params: uuidParam,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                email: z.string(),
                role: z.enum(roles),
                hr: z.boolean(),
                createdAt: z.string(),
                expiresAt: z.string(),
                expired: z.boolean(),
                invitedBy: z.string().nullable(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => ({ items: await listInvitations(database.db, requireActor(request), request.params.id) }),
  );

  app.delete(
    "/invitations/:id",
    {
      schema: {
        tags,
        summary: "Withdraw an open invitation; its link stops working",
        params: uuidParam,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => revokeInvitation(tx, ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/auth/sessions",
    {
      schema: {
        tags: ["sign-in"],
        summary: "Your own sessions: when each began and was last used, from which browser, and which is this one",
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                createdAt: z.string(),
                lastSeenAt: z.string(),
                expiresAt: z.string(),
                userAgent: z.string().nullable(),
                current: z.boolean(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const token = request.cookies[sessionCookie];
      return {
        items: await ownSessions(
          database.db,
          { actor: requireActor(request) },
          token ? sessionIdOf(settings, token) : null,
        ),
      };
    },
  );

  app.delete(
    "/auth/sessions/:id",
    {
      schema: {
        tags: ["sign-in"],
        summary: "End one of your own sessions (sign out elsewhere)",
        params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, { message: "field.invalid" }) }).strict(),
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => endOwnSession(tx, ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/auth/invitation",
    {
      config: { public: true, rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: "What an invitation link is for (the token from the mail's link): organisation, role, address",
        security: [],
        body: z.object({ token: z.string().min(20).max(200) }).strict(),
        response: {
          200: z.object({
            organisation: z.string(),
            organisationId: z.uuid(),
            email: z.string(),
            role: z.enum(roles),
            hasAccount: z.boolean(),
            singleSignOn: z
              .boolean()
              .describe("The organisation has its own sign-in: the invitation may be accepted there"),
            expiresAt: z.string(),
          }),
          ...writeProblemResponses,
        },
      },
    },
    async (request) => describeInvitation(database.db, request.body.token),
  );

  app.post(
    "/auth/invitation/accept",
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        tags,
        summary:
          "Accept an invitation: a new account with a name and password, or an existing one confirmed by its password; signs in",
        security: [],
        body: acceptInvitationBody,
        response: { 200: sessionSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const { token, expiresAt } = await database.db.transaction((tx) =>
        acceptInvitation(tx, settings, {
          ...request.body,
          userAgent: request.headers["user-agent"],
          requestId: request.id,
        }),
      );
      return answerNewSession(
        request,
        reply,
        { db: database.db, settings, publicUrl: config.publicUrl, demo: config.demo },
        { token, expiresAt },
      );
    },
  );
}
