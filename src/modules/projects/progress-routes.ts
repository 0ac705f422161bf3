import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { contextOf, mutate, requireActor } from "../../platform/http/request.ts";
import { ifMatch, problemResponses, uuidParam, writeProblemResponses } from "../../platform/http/schemas.ts";
import { editUpdate, getUpdate, listUpdates, postUpdate, updateHistory } from "./progress.ts";
import { editUpdateBody, postUpdateBody, progressUpdateSchema, revisionSchema } from "./progress-schemas.ts";

const tags = ["projects"];

/** Progress updates of partner projects, in Markdown, with their history. */
export async function progressRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.platform.database;

  app.get(
    "/projects/:id/updates",
    {
      schema: {
        tags,
        summary: "A project's progress updates, newest first",
        params: uuidParam,
        response: { 200: z.object({ items: z.array(progressUpdateSchema) }), ...problemResponses },
      },
    },
    async (request) => listUpdates(db, requireActor(request), request.params.id),
  );

  app.post(
    "/projects/:id/updates",
    {
      schema: {
        tags,
        summary: "Post a progress update (the provider's team, or a participant about its own track)",
        params: uuidParam,
        body: postUpdateBody,
        response: { 201: progressUpdateSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) => postUpdate(tx, ctx, request.params.id, request.body));
      const update = await getUpdate(db, contextOf(request).actor, created.id);
      reply.status(201).header("etag", etagOf(update.version));
      return update;
    },
  );

  app.get(
    "/progress-updates/:id",
    {
      schema: {
        tags,
        summary: "One progress update",
        params: uuidParam,
        response: { 200: progressUpdateSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const update = await getUpdate(db, requireActor(request), request.params.id);
      reply.header("etag", etagOf(update.version));
      return update;
    },
  );

  app.patch(
    "/progress-updates/:id",
    {
      schema: {
        tags,
        summary: "Edit a progress update; its earlier text is kept (send If-Match with the ETag you read)",
        params: uuidParam,
        body: editUpdateBody,
        headers: ifMatch,
        response: { 200: progressUpdateSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) => editUpdate(tx, ctx, request.params.id, version, request.body));
      const update = await getUpdate(db, contextOf(request).actor, request.params.id);
      reply.header("etag", etagOf(update.version));
      return update;
    },
  );

  app.get(
    "/progress-updates/:id/history",
    {
      schema: {
        tags,
        summary: "The earlier texts of a progress update, newest first",
        params: uuidParam,
        response: { 200: z.object({ items: z.array(revisionSchema) }), ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return updateHistory(db, request.params.id);
    },
  );
}
