import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { migrationState } from "../../platform/db/migrate.ts";
import { requireActor } from "../../platform/http/request.ts";
import { problemResponses, wholeNumber } from "../../platform/http/schemas.ts";
import { listOutbox, outboxMailSchema } from "./outbox.ts";

export async function systemRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database, config } = base.platform;

  app.get(
    "/health",
    {
      config: { public: true },
      schema: {
        tags: ["system"],
        summary: "The process is alive",
        security: [],
        response: { 200: z.object({ status: z.literal("ok") }) },
      },
    },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/ready",
    {
      config: { public: true },
      schema: {
        tags: ["system"],
        summary: "The database is reachable and its migrations are current",
        security: [],
        response: {
          200: z.object({
            status: z.literal("ready"),
            database: z.string(),
            migrations: z.object({ applied: z.number(), pending: z.number() }),
          }),
          503: z.object({ status: z.literal("not-ready"), reason: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        const migrations = await migrationState(database);
        if (migrations.pending > 0) {
          return reply
            .status(503)
            .send({ status: "not-ready" as const, reason: `${migrations.pending} migration(s) pending` });
        }
        return { status: "ready" as const, database: database.driver, migrations };
      } catch {
        return reply.status(503).send({ status: "not-ready" as const, reason: "database unreachable" });
      }
    },
  );

  app.get(
    "/mails",
    {
      schema: {
        tags: ["system"],
        summary: "The outbox: mails Samen sent or would send (demo: your own; platform administrators: all)",
        querystring: z.object({ limit: wholeNumber(1, 100).default(20) }).strict(),
        response: { 200: z.object({ items: z.array(outboxMailSchema) }), ...problemResponses },
      },
    },
    async (request) => ({
      items: await listOutbox(database.db, requireActor(request), config.demo, request.query.limit),
    }),
  );
}
