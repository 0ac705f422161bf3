import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { contextOf, mutate, requireActor } from "../../platform/http/request.ts";
import {
  ifMatch,
  pageSchema,
  problemResponses,
  uuidParam,
  writeProblemResponses,
} from "../../platform/http/schemas.ts";
import { policyDomainSchemes } from "../../platform/vocabulary.ts";
import { getCollaboration } from "./get-collaboration.ts";
import { listCollaborations } from "./list-collaborations.ts";
import { listPolicyDomains, listPortfolio } from "./list-portfolio.ts";
import { addMembership, confirmMembership, removeMembership, updateMembership } from "./memberships.ts";
import {
  addMembershipBody,
  collaborationSchema,
  collaborationSummarySchema,
  createCollaborationBody,
  listCollaborationsQuery,
  policyDomainSchema,
  portfolioItemSchema,
  portfolioQuery,
  updateCollaborationBody,
  updateMembershipBody,
} from "./schemas.ts";
import { createCollaboration, updateCollaboration } from "./write-collaboration.ts";

const tags = ["collaborations"];

export async function collaborationRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.platform.database.db;

  app.get(
    "/collaborations",
    {
      schema: {
        tags,
        summary: "List collaborations (samenwerkingsverbanden)",
        querystring: listCollaborationsQuery,
        response: { 200: pageSchema(collaborationSummarySchema), ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return listCollaborations(db, request.query);
    },
  );

  app.post(
    "/collaborations",
    {
      schema: {
        tags,
        summary: "Create a collaboration, coordinated by the organisation you act for",
        body: createCollaborationBody,
        response: { 201: collaborationSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) => createCollaboration(tx, ctx, request.body));
      const collaboration = await getCollaboration(db, contextOf(request).actor, created.id);
      reply
        .status(201)
        .header("etag", etagOf(collaboration.version))
        .header("location", `/api/collaborations/${created.id}`);
      return collaboration;
    },
  );

  app.get(
    "/collaborations/:id",
    {
      schema: {
        tags,
        summary: "Read one collaboration with its members",
        params: uuidParam,
        querystring: portfolioQuery,
        response: { 200: collaborationSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const collaboration = await getCollaboration(db, requireActor(request), request.params.id, request.query.asOf);
      reply.header("etag", etagOf(collaboration.version)).header("vary", "Cookie, Authorization");
      return collaboration;
    },
  );

  app.patch(
    "/collaborations/:id",
    {
      schema: {
        tags,
        summary: "Change a collaboration (send If-Match with the ETag you read)",
        params: uuidParam,
        body: updateCollaborationBody,
        headers: ifMatch,
        response: { 200: collaborationSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) => updateCollaboration(tx, ctx, request.params.id, version, request.body));
      const collaboration = await getCollaboration(db, contextOf(request).actor, request.params.id);
      reply.header("etag", etagOf(collaboration.version));
      return collaboration;
    },
  );

  app.post(
    "/collaborations/:id/members",
    {
      schema: {
        tags,
        summary: "Add an organisation to a collaboration (the member confirms it)",
        params: uuidParam,
        body: addMembershipBody,
        response: { 201: collaborationSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => addMembership(tx, ctx, request.params.id, request.body));
      const collaboration = await getCollaboration(db, contextOf(request).actor, request.params.id);
      reply.status(201).header("etag", etagOf(collaboration.version));
      return collaboration;
    },
  );

  app.post(
    "/memberships/:id/confirm",
    {
      schema: {
        tags,
        summary: "Confirm a participation entered by the other side",
        params: uuidParam,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => confirmMembership(tx, ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.patch(
    "/memberships/:id",
    {
      schema: {
        tags,
        summary: "Change a membership's role, share or dates; end it by setting validTo (send If-Match)",
        params: uuidParam,
        body: updateMembershipBody,
        headers: ifMatch,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      const next = await mutate(request, (tx, ctx) =>
        updateMembership(tx, ctx, request.params.id, version, request.body),
      );
      return reply.status(204).header("etag", etagOf(next)).send(null);
    },
  );

  app.delete(
    "/memberships/:id",
    {
      schema: {
        tags,
        summary: "Remove a membership entered by mistake",
        params: uuidParam,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => removeMembership(tx, ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/organisations/:id/collaborations",
    {
      schema: {
        tags,
        summary: "An organisation's portfolio: every collaboration it takes part in on a date",
        params: uuidParam,
        querystring: portfolioQuery,
        response: { 200: z.object({ items: z.array(portfolioItemSchema) }), ...problemResponses },
      },
    },
    async (request) => ({
      items: await listPortfolio(db, requireActor(request), request.params.id, request.query.asOf),
    }),
  );

  app.get(
    "/policy-domains",
    {
      // The official lists are public reference data: a public catalogue filters by them without signing in.
      config: { public: true },
      schema: {
        tags,
        security: [],
        summary: "Policy domains: the Flemish BBC list and the Dutch Iv3 list, with their mapping",
        querystring: z.object({ scheme: z.enum(policyDomainSchemes).optional() }).strict(),
        response: { 200: z.object({ items: z.array(policyDomainSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await listPolicyDomains(db, request.query.scheme) }),
  );
}
