import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { openToPublic, optionalSignIn } from "../../platform/http/open-routes.ts";
import { mutate, requireActor } from "../../platform/http/request.ts";
import { ifMatch, isoDate, problemResponses, uuidParam, writeProblemResponses } from "../../platform/http/schemas.ts";
import { today } from "../collaborations/queries.ts";
import { putContribution, removeContribution } from "./contributions.ts";
import { councilView, publicPage } from "./council-view.ts";
import { setPublicPage } from "./public-page-settings.ts";
import { addRepresentative, removeRepresentative, updateRepresentative } from "./representatives.ts";
import {
  contributionBody,
  contributionParams,
  councilViewSchema,
  publicPageBody,
  publicPageSchema,
  representativeBody,
  representativeChanges,
} from "./schemas.ts";

const tags = ["council"];
const asOfQuery = z.object({ asOf: isoDate.optional().describe("Today when not given") }).strict();

/** The council's view of a municipality, what it keeps for it, and its public page. */
export async function councilRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.platform.database;

  app.get(
    "/organisations/:id/council",
    {
      schema: {
        tags,
        summary:
          "The council's view: every collaboration, what the organisation pays into each per year with the source, its representatives, the council's coming deadlines",
        params: uuidParam,
        querystring: asOfQuery,
        response: { 200: councilViewSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const view = await councilView(db, requireActor(request), request.params.id, request.query.asOf ?? today());
      reply.header("etag", etagOf(view.publicPage.version)).header("vary", "Cookie, Authorization");
      return view;
    },
  );

  app.post(
    "/organisations/:id/representatives",
    {
      schema: {
        tags,
        summary: "Enter who represents the organisation in a collaboration's board or general meeting",
        params: uuidParam,
        body: representativeBody,
        response: { 201: z.object({ id: z.uuid() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const row = await mutate(request, (tx, ctx) => addRepresentative(tx, ctx, request.params.id, request.body));
      reply.status(201);
      return row;
    },
  );

  app.patch(
    "/representatives/:id",
    {
      schema: {
        tags,
        summary: 'Change a representative entry (send If-Match with the version you read, as an ETag "v1")',
        params: uuidParam,
        headers: ifMatch,
        body: representativeChanges,
        response: { 200: z.object({ version: z.number().int() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers["if-match"]);
      const version = await mutate(request, (tx, ctx) =>
        updateRepresentative(tx, ctx, request.params.id, expected, request.body),
      );
      reply.header("etag", etagOf(version));
      return { version };
    },
  );

  app.delete(
    "/representatives/:id",
    {
      schema: {
        tags,
        summary: "Remove a representative entered in error (end a term with `until` instead)",
        params: uuidParam,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => removeRepresentative(tx, ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/organisations/:id/contributions/:collaborationId/:year",
    {
      schema: {
        tags,
        summary:
          "Enter what the organisation pays into a collaboration in a year, with its source (replacing one needs If-Match)",
        params: contributionParams,
        headers: ifMatch,
        body: contributionBody,
        response: {
          200: z.object({ version: z.number().int() }),
          201: z.object({ version: z.number().int() }),
          ...writeProblemResponses,
        },
      },
    },
    async (request, reply) => {
      const header = request.headers["if-match"];
      const expected = header === undefined ? null : expectedVersion(header);
      const { id: organisationId, collaborationId, year } = request.params;
      const result = await mutate(request, (tx, ctx) =>
        putContribution(tx, ctx, { organisationId, collaborationId, year }, expected, request.body),
      );
      reply.status(result.created ? 201 : 200).header("etag", etagOf(result.version));
      return { version: result.version };
    },
  );

  app.delete(
    "/organisations/:id/contributions/:collaborationId/:year",
    {
      schema: {
        tags,
        summary: "Remove a contribution entered in error",
        params: contributionParams,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const { id: organisationId, collaborationId, year } = request.params;
      await mutate(request, (tx, ctx) => removeContribution(tx, ctx, { organisationId, collaborationId, year }));
      return reply.status(204).send(null);
    },
  );

  app.put(
    "/organisations/:id/public-page",
    {
      schema: {
        tags,
        summary:
          'Choose what the municipality\'s public page shows and whether it is published (If-Match: the ETag of the council view; "v0" before the first choice)',
        params: uuidParam,
        headers: ifMatch,
        body: publicPageBody,
        response: { 200: z.object({ version: z.number().int() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers["if-match"]);
      const version = await mutate(request, (tx, ctx) =>
        setPublicPage(tx, ctx, request.params.id, expected, request.body),
      );
      reply.header("etag", etagOf(version));
      return { version };
    },
  );

  app.get(
    "/public/municipalities/:id",
    {
      config: openToPublic,
      schema: {
        tags,
        security: optionalSignIn,
        summary: "A municipality's public page: only the sections it chose to publish; 404 until it publishes",
        params: uuidParam,
        querystring: asOfQuery,
        response: { 200: publicPageSchema, ...problemResponses },
      },
    },
    async (request) => publicPage(db, request.actor ?? null, request.params.id, request.query.asOf ?? today()),
  );
}
