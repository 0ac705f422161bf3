import type { FastifyInstance } from "fastify";
import * as oidc from "openid-client";
import { AppError } from "../../platform/errors.ts";
import { setSessionCookie } from "../../platform/http/session-cookie.ts";
import { signInWithOidc } from "./oidc-sign-in.ts";

const flowCookie = "samen_oidc";

/** OpenID Connect sign-in: authorization code flow with PKCE against the configured issuer. */
export async function oidcRoutes(app: FastifyInstance) {
  const { config, database } = app.platform;
  const settings = config.oidc;
  if (!settings) return;
  const redirectUri = `${config.publicUrl}/api/auth/oidc/callback`;
  let discovered: Promise<oidc.Configuration> | null = null;
  // Discover lazily and retry after a failure, so Samen starts even while the identity provider is down.
  const configuration = () => {
    discovered ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        settings.allowHttp ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };

  app.get(
    "/auth/oidc/start",
    { config: { public: true }, schema: { tags: ["sign-in"], summary: "Start single sign-on", security: [] } },
    async (request, reply) => {
      let cfg: oidc.Configuration;
      try {
        cfg = await configuration();
      } catch (error) {
        request.log.warn({ err: error }, "identity provider unreachable");
        throw new AppError("unavailable", "problem.oidcUnreachable");
      }
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(cfg, {
        redirect_uri: redirectUri,
        scope: "openid email profile",
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: "S256",
        state,
        nonce,
      });
      reply.setCookie(flowCookie, JSON.stringify({ verifier, state, nonce }), {
        path: "/api/auth/oidc",
        httpOnly: true,
        sameSite: "lax",
        secure: config.publicUrl.startsWith("https://"),
        maxAge: 600,
        signed: true,
      });
      return reply.redirect(url.href, 302);
    },
  );

  app.get(
    "/auth/oidc/callback",
    { config: { public: true }, schema: { tags: ["sign-in"], summary: "Return from single sign-on", security: [] } },
    async (request, reply) => {
      const raw = request.cookies[flowCookie];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      reply.clearCookie(flowCookie, { path: "/api/auth/oidc" });
      if (!unsigned?.valid || !unsigned.value) return reply.redirect("/aanmelden?fout=sso", 302);
      const flow = JSON.parse(unsigned.value) as { verifier: string; state: string; nonce: string };
      try {
        const cfg = await configuration();
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
        const session = await database.db.transaction((tx) =>
          signInWithOidc(
            tx,
            { secret: config.sessionSecret, ttlMs: config.sessionTtlMs },
            {
              issuer: claims.iss,
              subject: claims.sub,
              email: text(profile.email),
              name: text(profile.name),
              organisation: text(profile[settings.organisationClaim]),
              role: text(profile[settings.roleClaim]),
            },
            { userAgent: request.headers["user-agent"], requestId: request.id },
          ),
        );
        setSessionCookie(reply, config.publicUrl, session.token, session.expiresAt);
        return reply.redirect("/", 302);
      } catch (error) {
        request.log.warn(
          { err: error instanceof Error ? { message: error.message } : String(error) },
          "single sign-on failed",
        );
        return reply.redirect("/aanmelden?fout=sso", 302);
      }
    },
  );
}
