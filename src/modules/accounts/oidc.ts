import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import * as oidc from "openid-client";
import { z } from "zod";
import { unseal } from "../../platform/auth/secrets.ts";
import { AppError } from "../../platform/errors.ts";
import { setSessionCookie } from "../../platform/http/session-cookie.ts";
import { signInThroughOrganisation, signInWithOidc } from "./oidc-sign-in.ts";
import { signInProviderOf } from "./organisation-sign-in.ts";

const flowCookie = "samen_oidc";

interface Flow {
  verifier: string;
  state: string;
  nonce: string;
  /** Signing in through this organisation's own identity provider (else the one configured for the server). */
  organisationId?: string;
  /** Accepting this invitation on the way. */
  invitation?: string;
}

/**
 * OpenID Connect sign-in: authorization code flow with PKCE, against the identity provider configured for the
 * server (`OIDC_ISSUER`), or an organisation's own one set up in the app. One callback serves both.
 */
export async function oidcRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config, database } = app.platform;
  const settings = config.oidc;
  const redirectUri = `${config.publicUrl}/api/auth/oidc/callback`;
  const sessionSettings = { secret: config.sessionSecret, ttlMs: config.sessionTtlMs };
  // Discovery per provider, lazily, and again after a failure: Samen starts while an identity provider is down.
  const discovered = new Map<string, Promise<oidc.Configuration>>();
  const discover = (key: string, issuer: string, clientId: string, secret: string, allowHttp: boolean) => {
    let found = discovered.get(key);
    if (!found) {
      found = oidc
        .discovery(
          new URL(issuer),
          clientId,
          secret,
          undefined,
          allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
        )
        .catch((error: unknown) => {
          discovered.delete(key);
          throw error;
        });
      discovered.set(key, found);
    }
    return found;
  };
  const serverProvider = () => {
    if (!settings) throw new AppError("not_found", "notFound.resource");
    return discover("server", settings.issuer, settings.clientId, settings.clientSecret, settings.allowHttp);
  };
  const organisationProvider = async (organisationId: string) => {
    const row = await signInProviderOf(database.db, organisationId);
    if (!row) throw new AppError("not_found", "notFound.organisation");
    return discover(
      `${organisationId}:${row.version}`,
      row.issuer,
      row.clientId,
      unseal(config.sessionSecret, row.clientSecretSealed),
      row.issuer.startsWith("http://"),
    );
  };

  async function start(
    request: FastifyRequest,
    reply: FastifyReply,
    provider: () => Promise<oidc.Configuration>,
    extra: Omit<Flow, "verifier" | "state" | "nonce">,
  ) {
    let cfg: oidc.Configuration;
    try {
      cfg = await provider();
    } catch (error) {
      if (error instanceof AppError) throw error;
      request.log.warn({ err: error }, "identity provider unreachable");
      throw new AppError("unavailable", "problem.oidcUnreachable");
    }
    const flow: Flow = {
      verifier: oidc.randomPKCECodeVerifier(),
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      ...extra,
    };
    const url = oidc.buildAuthorizationUrl(cfg, {
      redirect_uri: redirectUri,
      scope: "openid email profile",
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: "S256",
      state: flow.state,
      nonce: flow.nonce,
    });
    reply.setCookie(flowCookie, JSON.stringify(flow), {
      path: "/api/auth/oidc",
      httpOnly: true,
      sameSite: "lax",
      secure: config.publicUrl.startsWith("https://"),
      maxAge: 600,
      signed: true,
    });
    return reply.redirect(url.href, 302);
  }

  if (settings) {
    app.get(
      "/auth/oidc/start",
      { config: { public: true }, schema: { tags: ["sign-in"], summary: "Start single sign-on", security: [] } },
      async (request, reply) => start(request, reply, serverProvider, {}),
    );
  }

  app.get(
    "/auth/oidc/organisations/:id/start",
    {
      config: { public: true },
      schema: {
        tags: ["sign-in"],
        summary: "Start signing in through an organisation's own identity provider (and accept an invitation)",
        security: [],
        params: z.object({ id: z.uuid({ message: "field.uuid" }) }).strict(),
        querystring: z.object({ invitation: z.string().min(20).max(200).optional() }).strict(),
      },
    },
    async (request, reply) =>
      start(request, reply, () => organisationProvider(request.params.id), {
        organisationId: request.params.id,
        ...(request.query.invitation ? { invitation: request.query.invitation } : {}),
      }),
  );

  app.get(
    "/auth/oidc/callback",
    { config: { public: true }, schema: { tags: ["sign-in"], summary: "Return from single sign-on", security: [] } },
    async (request, reply) => {
      const raw = request.cookies[flowCookie];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      reply.clearCookie(flowCookie, { path: "/api/auth/oidc" });
      if (!unsigned?.valid || !unsigned.value) return reply.redirect("/aanmelden?fout=sso", 302);
      const flow = JSON.parse(unsigned.value) as Flow;
      try {
        const cfg = await (flow.organisationId ? organisationProvider(flow.organisationId) : serverProvider());
        const tokens = await oidc.authorizationCodeGrant(cfg, new URL(request.url, config.publicUrl), {
          pkceCodeVerifier: flow.verifier,
          expectedState: flow.state,
          expectedNonce: flow.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims) throw new Error("no ID token claims");
        let profile: Record<string, unknown> = { ...claims };
        if (!claims.email) {
          profile = { ...profile, ...(await oidc.fetchUserInfo(cfg, tokens.access_token, claims.sub)) };
        }
        const text = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : undefined);
        const identity = {
          issuer: claims.iss,
          subject: claims.sub,
          email: text(profile.email),
          name: text(profile.name),
          organisation: settings && !flow.organisationId ? text(profile[settings.organisationClaim]) : undefined,
          role: settings && !flow.organisationId ? text(profile[settings.roleClaim]) : undefined,
        };
        const input = { userAgent: request.headers["user-agent"], requestId: request.id };
        const session = await database.db.transaction((tx) =>
          flow.organisationId
            ? signInThroughOrganisation(tx, sessionSettings, flow.organisationId, identity, {
                ...input,
                invitation: flow.invitation,
              })
            : signInWithOidc(tx, sessionSettings, identity, input),
        );
        setSessionCookie(reply, config.publicUrl, session.token, session.expiresAt);
        return reply.redirect("/", 302);
      } catch (error) {
        request.log.warn(
          { err: error instanceof Error ? { message: error.message } : String(error) },
          "single sign-on failed",
        );
        const noRole = error instanceof AppError && error.detail === "accounts.noRoleViaOrganisation";
        return reply.redirect(noRole ? "/aanmelden?fout=sso-geen-rol" : "/aanmelden?fout=sso", 302);
      }
    },
  );
}
