import type { FastifyRequest } from "fastify";

/**
 * Routes anyone may call, signed in or not (a public catalogue, open procurement data): the policy decides what an
 * anonymous caller sees. Signed-out readers are limited per address; signed-in people are not.
 */
export const openToPublic = {
  public: true,
  rateLimit: {
    max: 120,
    timeWindow: 60_000,
    hook: "preHandler" as const,
    allowList: (request: FastifyRequest) => Boolean(request.actor),
  },
};

/** In the OpenAPI document: signing in is optional (`{}`), with a session or a token. */
export const optionalSignIn: Record<string, string[]>[] = [{}, { session: [] }, { bearer: [] }];
