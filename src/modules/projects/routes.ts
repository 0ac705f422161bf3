import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../platform/errors.ts";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { contextOf, mutate, requireActor } from "../../platform/http/request.ts";
import { ifMatch, problemResponses, uuidParam, writeProblemResponses } from "../../platform/http/schemas.ts";
import { authorize } from "../../platform/policy.ts";
import { addClosingDay, listClosingDays } from "./closing-days.ts";
import { listProjects } from "./list-projects.ts";
import { createMilestone, updateMilestone } from "./milestones.ts";
import { addParticipant, confirmParticipant, recordStep } from "./participants.ts";
import { dashboardPolicy } from "./policy.ts";
import { getParticipant, getProject, projectDashboard, today } from "./queries.ts";
import {
  addParticipantBody,
  closingDayBody,
  closingDaySchema,
  createMilestoneBody,
  createProjectBody,
  dashboardSchema,
  listProjectsQuery,
  milestoneSchema,
  participantSchema,
  projectSchema,
  projectSummarySchema,
  recordStepBody,
  teamMemberBody,
  updateMilestoneBody,
  updateProjectBody,
} from "./schemas.ts";
import { removeTeamMember, setTeamMember } from "./team.ts";
import { createProject, updateProject } from "./write-project.ts";

const tags = ["projects"];

export async function projectRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.platform.database.db;

  app.get(
    "/projects",
    {
      schema: {
        tags,
        summary: "List partner projects",
        querystring: listProjectsQuery,
        response: { 200: z.object({ items: z.array(projectSummarySchema) }), ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return listProjects(db, request.query);
    },
  );

  app.post(
    "/projects",
    {
      schema: {
        tags,
        summary: "Start a partner project, provided by the organisation you act for",
        body: createProjectBody,
        response: { 201: projectSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) => createProject(tx, ctx, request.body));
      const project = await getProject(db, contextOf(request).actor, created.id);
      reply.status(201).header("etag", etagOf(project.version)).header("location", `/api/projects/${created.id}`);
      return project;
    },
  );

  app.get(
    "/projects/dashboard",
    {
      schema: {
        tags,
        summary: "The coordinator's dashboard: a provider's projects, who is behind, what is due this month",
        querystring: z
          .object({ providerId: z.uuid({ message: "field.uuid" }).optional().describe("Yours when not given") })
          .strict(),
        response: { 200: dashboardSchema, ...problemResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const providerId = request.query.providerId ?? actor.organisationId;
      if (!providerId)
        throw new AppError("validation_failed", "problem.nameProvider", [
          { field: "providerId", message: "field.required" },
        ]);
      authorize(dashboardPolicy, actor, "read", { providerId });
      return projectDashboard(db, providerId, today());
    },
  );

  app.get(
    "/projects/:id",
    {
      schema: {
        tags,
        summary: "One project with its participants and milestones",
        params: uuidParam,
        response: { 200: projectSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const project = await getProject(db, requireActor(request), request.params.id);
      reply.header("etag", etagOf(project.version)).header("vary", "Cookie, Authorization");
      return project;
    },
  );

  app.patch(
    "/projects/:id",
    {
      schema: {
        tags,
        summary: "Change a project (send If-Match with the ETag you read)",
        params: uuidParam,
        body: updateProjectBody,
        headers: ifMatch,
        response: { 200: projectSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) => updateProject(tx, ctx, request.params.id, version, request.body));
      const project = await getProject(db, contextOf(request).actor, request.params.id);
      reply.header("etag", etagOf(project.version));
      return project;
    },
  );

  app.post(
    "/projects/:id/participants",
    {
      schema: {
        tags,
        summary: "Enrol the organisation you act for, or (as the provider) invite one; the other side confirms",
        params: uuidParam,
        body: addParticipantBody,
        response: { 201: projectSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => addParticipant(tx, ctx, request.params.id, request.body.organisationId));
      const project = await getProject(db, contextOf(request).actor, request.params.id);
      reply.status(201).header("etag", etagOf(project.version));
      return project;
    },
  );

  app.post(
    "/project-participants/:id/confirm",
    {
      schema: {
        tags,
        summary: "Confirm a participation entered by the other side",
        params: uuidParam,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => confirmParticipant(tx, ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/project-participants/:id",
    {
      schema: {
        tags,
        summary: "A participant's page: its own track with every step (its own people and the provider's)",
        params: uuidParam,
        response: { 200: participantSchema, ...problemResponses },
      },
    },
    async (request) => getParticipant(db, requireActor(request), request.params.id),
  );

  app.post(
    "/project-participants/:id/steps",
    {
      schema: {
        tags,
        summary: "Record a stage the participant's track reached",
        params: uuidParam,
        body: recordStepBody,
        response: { 201: participantSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => recordStep(tx, ctx, request.params.id, request.body));
      reply.status(201);
      return getParticipant(db, contextOf(request).actor, request.params.id);
    },
  );

  app.post(
    "/projects/:id/milestones",
    {
      schema: {
        tags,
        summary: "Add a milestone to a project",
        params: uuidParam,
        body: createMilestoneBody,
        response: { 201: projectSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => createMilestone(tx, ctx, request.params.id, request.body));
      const project = await getProject(db, contextOf(request).actor, request.params.id);
      reply.status(201).header("etag", etagOf(project.version));
      return project;
    },
  );

  app.patch(
    "/project-milestones/:id",
    {
      schema: {
        tags,
        summary: "Change a milestone, or mark it done (send If-Match with the ETag you read)",
        params: uuidParam,
        body: updateMilestoneBody,
        headers: ifMatch,
        response: { 200: milestoneSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      const updated = await mutate(request, (tx, ctx) =>
        updateMilestone(tx, ctx, request.params.id, version, request.body),
      );
      reply.header("etag", etagOf(updated.version));
      return {
        id: updated.id,
        title: updated.title,
        dueOn: updated.dueOn,
        doneOn: updated.doneOn,
        overdue: updated.doneOn === null && updated.dueOn < today(),
        version: updated.version,
      };
    },
  );

  app.put(
    "/projects/:id/team/:userId",
    {
      schema: {
        tags,
        summary: "Put one of the provider's people on the project's team, or change their role",
        params: uuidParam.extend({ userId: z.uuid({ message: "field.uuid" }) }).strict(),
        body: teamMemberBody,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) =>
        setTeamMember(tx, ctx, request.params.id, request.params.userId, request.body.role),
      );
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/projects/:id/team/:userId",
    {
      schema: {
        tags,
        summary: "Take someone off the project's team",
        params: uuidParam.extend({ userId: z.uuid({ message: "field.uuid" }) }).strict(),
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => removeTeamMember(tx, ctx, request.params.id, request.params.userId));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/organisations/:id/closing-days",
    {
      schema: {
        tags,
        summary: "The days an organisation is closed besides weekends and public holidays, from today on",
        params: uuidParam,
        response: { 200: z.object({ items: z.array(closingDaySchema) }), ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return listClosingDays(db, request.params.id);
    },
  );

  app.post(
    "/organisations/:id/closing-days",
    {
      schema: {
        tags,
        summary: "Add a day the organisation is closed (deployments on it are flagged)",
        params: uuidParam,
        body: closingDayBody,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => addClosingDay(tx, ctx, request.params.id, request.body));
      return reply.status(204).send(null);
    },
  );
}
