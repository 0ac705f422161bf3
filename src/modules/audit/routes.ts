import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireActor } from "../../platform/http/request.ts";
import { pageSchema, problemResponses } from "../../platform/http/schemas.ts";
import { auditEventSchema, listAuditEvents, listAuditQuery } from "./list-audit-events.ts";

export async function auditRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "The history of one entity: who changed what, when, before and after",
        querystring: listAuditQuery,
        response: { 200: pageSchema(auditEventSchema), ...problemResponses },
      },
    },
    async (request) => listAuditEvents(base.platform.database.db, requireActor(request), request.query),
  );
}
