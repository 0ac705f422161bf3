import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { contextOf, mutate, requireActor } from "../../platform/http/request.ts";
import {
  isoDate,
  pageSchema,
  problemResponses,
  uuidParam,
  writeProblemResponses,
} from "../../platform/http/schemas.ts";
import { roles } from "../../platform/vocabulary.ts";
import { setAccountActive } from "./account-standing.ts";
import { getOrganisation } from "./get-organisation.ts";
import {
  changeUserRole,
  listOrganisationUsers,
  userOfOrganisationSchema,
  userRoleBody,
} from "./list-organisation-users.ts";
import { listOrganisations } from "./list-organisations.ts";
import { listPartnerClients } from "./list-partner-clients.ts";
import { mergeOrganisation } from "./merge-organisation.ts";
import {
  listOrganisationsQuery,
  organisationSchema,
  organisationSummarySchema,
  updateOrganisationBody,
} from "./schemas.ts";
import { updateOrganisation } from "./update-organisation.ts";

const tags = ["organisations"];

export async function organisationRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/organisations",
    {
      schema: {
        tags,
        summary: "List organisations in the register",
        querystring: listOrganisationsQuery,
        response: { 200: pageSchema(organisationSummarySchema), ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return listOrganisations(request.server.platform.database.db, request.query);
    },
  );

  app.get(
    "/organisations/:id",
    {
      schema: {
        tags,
        summary: "Read one organisation",
        params: uuidParam,
        response: { 200: organisationSchema, 304: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const organisation = await getOrganisation(
        request.server.platform.database.db,
        requireActor(request),
        request.params.id,
      );
      const etag = etagOf(organisation.version);
      reply.header("etag", etag).header("vary", "Cookie, Authorization").header("cache-control", "private, no-cache");
      if (request.headers["if-none-match"] === etag) return reply.status(304).send(null);
      return organisation;
    },
  );

  app.patch(
    "/organisations/:id",
    {
      schema: {
        tags,
        summary: "Change an organisation's record (send If-Match with the ETag you read)",
        params: uuidParam,
        body: updateOrganisationBody,
        headers: z.object({ "if-match": z.string().max(100).optional() }),
        response: { 200: organisationSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) => updateOrganisation(tx, ctx, request.params.id, version, request.body));
      const organisation = await getOrganisation(
        request.server.platform.database.db,
        contextOf(request).actor,
        request.params.id,
      );
      reply.header("etag", etagOf(organisation.version));
      return organisation;
    },
  );

  app.post(
    "/organisations/:id/merge",
    {
      schema: {
        tags,
        summary:
          "Record that this organisation merged into another on a date; its memberships carry over (platform administrators)",
        params: uuidParam,
        body: z.object({ intoId: z.uuid(), effectiveDate: isoDate }).strict(),
        response: { 200: organisationSchema, ...writeProblemResponses },
      },
    },
    async (request) => {
      await mutate(request, (tx, ctx) => mergeOrganisation(tx, ctx, { fromId: request.params.id, ...request.body }));
      return getOrganisation(request.server.platform.database.db, contextOf(request).actor, request.params.id);
    },
  );

  app.get(
    "/organisations/:id/users",
    {
      schema: {
        tags,
        summary: "The people of an organisation and their roles (its administrators only)",
        params: uuidParam,
        response: { 200: z.object({ items: z.array(userOfOrganisationSchema) }), ...problemResponses },
      },
    },
    async (request) => ({
      items: await listOrganisationUsers(request.server.platform.database.db, requireActor(request), request.params.id),
    }),
  );

  app.patch(
    "/organisations/:id/users/:userId",
    {
      schema: {
        tags,
        summary: "Change a person's role in the organisation, or whether they work in its HR department (admins)",
        params: z.object({ id: z.uuid(), userId: z.uuid() }),
        body: userRoleBody,
        response: { 200: z.object({ role: z.enum(roles), hr: z.boolean() }), ...writeProblemResponses },
      },
    },
    async (request) =>
      mutate(request, (tx, ctx) => changeUserRole(tx, ctx, request.params.id, request.params.userId, request.body)),
  );

  app.put(
    "/organisations/:id/users/:userId/active",
    {
      schema: {
        tags,
        summary:
          "Switch a colleague's account off (their sessions end) or on again (administrators, signed in; an account that works for other organisations too is a platform administrator's)",
        params: z.object({ id: z.uuid(), userId: z.uuid() }).strict(),
        body: z.object({ active: z.boolean() }).strict(),
        response: { 200: z.object({ active: z.boolean() }), ...writeProblemResponses },
      },
    },
    async (request) =>
      mutate(request, (tx, ctx) =>
        setAccountActive(tx, ctx, request.params.id, request.params.userId, request.body.active),
      ),
  );

  app.get(
    "/organisations/:id/clients",
    {
      schema: {
        tags,
        summary: "The organisations this provider serves (the partner relation)",
        params: uuidParam,
        response: { 200: z.object({ items: z.array(organisationSummarySchema) }), ...problemResponses },
      },
    },
    async (request) => ({
      items: await listPartnerClients(request.server.platform.database.db, requireActor(request), request.params.id),
    }),
  );
}
