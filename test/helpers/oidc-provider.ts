import { createServer } from "node:http";
import Provider from "oidc-provider";

export interface TestIdentity {
  email: string;
  name: string;
  organisation?: string;
  role?: string;
}

/**
 * A real OpenID Connect provider on loopback (oidc-provider with its development login screens).
 * Any login name signs in; `identities` maps login names to the claims it vouches for.
 */
export async function startOidcProvider(options: {
  redirectUri: string;
  clientId: string;
  clientSecret: string;
  identities: Record<string, TestIdentity>;
}) {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "organisation", "samen_role"],
    },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ["test-cookie-key-that-is-long-enough"] },
    async findAccount(_ctx: unknown, sub: string) {
      const identity = options.identities[sub];
      return {
        accountId: sub,
        async claims() {
          return identity
            ? {
                sub,
                email: identity.email,
                email_verified: true,
                name: identity.name,
                ...(identity.organisation ? { organisation: identity.organisation } : {}),
                ...(identity.role ? { samen_role: identity.role } : {}),
              }
            : { sub };
        },
      };
    },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
