import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../platform/http/request.ts";
import { problemResponses, uuidParam } from "../../platform/http/schemas.ts";
import { organisationKinds } from "../../platform/vocabulary.ts";
import { mapRegionSchema, mapShapes, mapValues, mapValuesQuery } from "./map.ts";
import { neighboursOf } from "./neighbours.ts";
import { network, networkQuery } from "./network.ts";

const tags = ["map"];

export async function geographyRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.platform.database.db;

  app.get(
    "/map/shapes",
    {
      schema: {
        tags,
        summary: "The municipalities of a region as SVG paths",
        querystring: z.object({ region: mapRegionSchema }).strict(),
        response: {
          200: z.object({
            width: z.number(),
            height: z.number(),
            shapes: z.array(z.object({ id: z.uuid(), name: z.string(), code: z.string().nullable(), d: z.string() })),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      requireActor(request);
      reply.header("cache-control", "private, max-age=3600");
      return mapShapes(db, request.query.region);
    },
  );

  app.get(
    "/organisations/:id/neighbours",
    {
      schema: {
        tags,
        summary: "The municipalities that share a border with an organisation, from the stored boundaries",
        params: uuidParam,
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.enum(organisationKinds) })),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => neighboursOf(db, requireActor(request), request.params.id),
  );

  app.get(
    "/map/values",
    {
      schema: {
        tags,
        summary:
          "A measure per municipality: how many collaborations, membership of one, or collaborations on a policy domain",
        querystring: mapValuesQuery,
        response: {
          200: z.object({
            measure: z.string(),
            values: z.array(z.object({ id: z.uuid(), name: z.string(), value: z.number().int() })),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      requireActor(request);
      return mapValues(db, request.query);
    },
  );

  app.get(
    "/network",
    {
      schema: {
        tags,
        summary:
          "Who works with whom: organisations and collaborations as a graph, for a province, a collaboration or a domain",
        querystring: networkQuery,
        response: {
          200: z.object({
            nodes: z.array(
              z.object({
                id: z.uuid(),
                type: z.enum(["organisation", "collaboration"]),
                name: z.string(),
                group: z.string(),
                degree: z.number().int(),
              }),
            ),
            edges: z.array(z.object({ source: z.uuid(), target: z.uuid(), role: z.string() })),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      requireActor(request);
      return network(db, request.query);
    },
  );
}
