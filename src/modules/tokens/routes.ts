import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { mutate, requireActor } from "../../platform/http/request.ts";
import { problemResponses, uuidParam, writeProblemResponses } from "../../platform/http/schemas.ts";
import { createToken, createTokenBody, listTokens, revokeToken, tokenSchema } from "./tokens.ts";

const tags = ["api tokens"];

export async function tokenRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.platform.database.db;

  app.get(
    "/organisations/:id/tokens",
    {
      schema: {
        tags,
        summary: "The organisation's API tokens (its administrators only)",
        params: uuidParam,
        response: { 200: z.object({ items: z.array(tokenSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await listTokens(db, requireActor(request), request.params.id) }),
  );

  app.post(
    "/tokens",
    {
      schema: {
        tags,
        summary: "Create an API token; its secret is shown once, in this answer",
        body: createTokenBody,
        response: {
          201: z.object({ id: z.uuid(), token: z.string(), expiresAt: z.string().nullable() }),
          ...writeProblemResponses,
        },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) => createToken(tx, ctx, request.body));
      reply.status(201).header("cache-control", "no-store");
      return { id: created.id, token: created.token, expiresAt: created.expiresAt?.toISOString() ?? null };
    },
  );

  app.delete(
    "/tokens/:id",
    {
      schema: {
        tags,
        summary: "Revoke an API token",
        params: uuidParam,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => revokeToken(tx, ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );
}
