import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../platform/http/request.ts";
import { isoDate, problemResponses, uuidParam } from "../../platform/http/schemas.ts";
import { today } from "../collaborations/queries.ts";
import { opportunitiesOf } from "./opportunities.ts";
import { opportunitiesSchema } from "./schemas.ts";

const tags = ["opportunities"];

/** Opportunities: what an organisation could join, as the register shows it. */
export async function opportunityRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.platform.database;

  app.get(
    "/organisations/:id/opportunities",
    {
      schema: {
        tags,
        summary:
          "An organisation's portfolio by nature, its neighbours, and the collaborations they are in and it is not",
        params: uuidParam,
        querystring: z.object({ asOf: isoDate.optional().describe("Today when not given") }).strict(),
        response: { 200: opportunitiesSchema, ...problemResponses },
      },
    },
    async (request) => opportunitiesOf(db, requireActor(request), request.params.id, request.query.asOf ?? today()),
  );
}
