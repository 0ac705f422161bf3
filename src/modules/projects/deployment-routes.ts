import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../platform/errors.ts";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { contextOf, mutate, requireActor } from "../../platform/http/request.ts";
import { ifMatch, problemResponses, uuidParam, writeProblemResponses } from "../../platform/http/schemas.ts";
import { authorize } from "../../platform/policy.ts";
import { listAbsences, recordAbsence } from "./absences.ts";
import {
  absenceSchema,
  createFeedBody,
  deploymentSchema,
  hoursSchema,
  listDeploymentsQuery,
  planDeploymentBody,
  recordAbsenceBody,
  updateDeploymentBody,
} from "./deployment-schemas.ts";
import {
  getDeployment,
  listDeployments,
  listStaff,
  planDeployment,
  projectHours,
  updateDeployment,
} from "./deployments.ts";
import { createDeploymentFeed, deploymentFeedCalendar } from "./feeds.ts";
import { projectPolicy } from "./policy.ts";
import { projectFor } from "./queries.ts";

const tags = ["deployments"];

/** Deployments on site (inzet ter plaatse): planning, reporting, leave, hours per project, calendar feeds. */
export async function deploymentRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.platform.database;
  const { config } = base.platform;

  app.get(
    "/deployments",
    {
      schema: {
        tags,
        summary: "A calendar of deployments: of a staff member, an organisation or a project, as you may see them",
        querystring: listDeploymentsQuery,
        response: {
          200: z.object({ from: z.string(), to: z.string(), items: z.array(deploymentSchema) }),
          ...problemResponses,
        },
      },
    },
    async (request) => listDeployments(db, requireActor(request), request.query),
  );

  app.post(
    "/deployments",
    {
      schema: {
        tags,
        summary: "Plan a deployment of one of your staff at an organisation (an overlap with another is refused)",
        body: planDeploymentBody,
        response: { 201: deploymentSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) => planDeployment(tx, ctx, request.body));
      const deployment = await getDeployment(db, contextOf(request).actor, created.id);
      reply.status(201).header("etag", etagOf(deployment.version)).header("location", `/api/deployments/${created.id}`);
      return deployment;
    },
  );

  app.get(
    "/deployments/:id",
    {
      schema: {
        tags,
        summary: "One deployment",
        params: uuidParam,
        response: { 200: deploymentSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const deployment = await getDeployment(db, requireActor(request), request.params.id);
      reply.header("etag", etagOf(deployment.version));
      return deployment;
    },
  );

  app.patch(
    "/deployments/:id",
    {
      schema: {
        tags,
        summary: "Move, cancel or report a deployment as done (send If-Match with the ETag you read)",
        params: uuidParam,
        body: updateDeploymentBody,
        headers: ifMatch,
        response: { 200: deploymentSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) => updateDeployment(tx, ctx, request.params.id, version, request.body));
      const deployment = await getDeployment(db, contextOf(request).actor, request.params.id);
      reply.header("etag", etagOf(deployment.version));
      return deployment;
    },
  );

  app.get(
    "/deployments/staff",
    {
      schema: {
        tags,
        summary: "The staff of the organisation you act for, to plan their deployments",
        response: {
          200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) }),
          ...problemResponses,
        },
      },
    },
    async (request) => listStaff(db, requireActor(request)),
  );

  app.get(
    "/staff-absences",
    {
      schema: {
        tags,
        summary: "Leave of your organisation's staff from today on",
        response: { 200: z.object({ items: z.array(absenceSchema) }), ...problemResponses },
      },
    },
    async (request) => listAbsences(db, requireActor(request)),
  );

  app.post(
    "/staff-absences",
    {
      schema: {
        tags,
        summary: "Record a staff member's leave (deployments on those days are flagged)",
        body: recordAbsenceBody,
        response: { 201: z.object({ id: z.uuid() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) => recordAbsence(tx, ctx, request.body));
      reply.status(201);
      return created;
    },
  );

  app.get(
    "/projects/:id/hours",
    {
      schema: {
        tags,
        summary: "Hours of a project's deployments per participant, planned against done (the provider's people)",
        params: uuidParam,
        response: { 200: hoursSchema, ...problemResponses },
      },
    },
    async (request) => {
      const { project } = await projectFor(db, request.params.id);
      authorize(projectPolicy, requireActor(request), "readHours", project);
      return projectHours(db, project.id);
    },
  );

  app.post(
    "/deployment-feeds",
    {
      schema: {
        tags,
        summary:
          "A secret feed address for calendar apps: a staff member's, an organisation's or a project's deployments",
        body: createFeedBody,
        response: { 201: z.object({ url: z.string() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const feed = await mutate(request, (tx, ctx) => createDeploymentFeed(tx, ctx, request.body, config.publicUrl));
      reply.status(201);
      return feed;
    },
  );

  app.get(
    "/deployment-feeds/:token",
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: "A deployments feed (text/calendar): the secret address stands in for signing in",
        security: [],
        params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) }),
        response: { 200: z.string(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const calendar = await deploymentFeedCalendar(db, request.params.token.replace(/\.ics$/, ""), config.publicUrl);
      if (calendar === null) throw new AppError("not_found", "notFound.calendarFeed");
      reply
        .header("content-type", "text/calendar; charset=utf-8")
        .header("cache-control", "private, max-age=900")
        .header("content-disposition", 'inline; filename="samen-inzet.ics"');
      return calendar;
    },
  );
}
