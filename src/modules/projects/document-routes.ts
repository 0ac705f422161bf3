import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { maxDocumentBytes } from "../../platform/documents.ts";
import {
  acceptDocumentBodies,
  documentFilename,
  documentOf,
  documentTitle,
  sendDocument,
} from "../../platform/http/documents.ts";
import { fileSchema } from "../../platform/http/download.ts";
import { mutate, requireActor } from "../../platform/http/request.ts";
import { problemResponses, uuidParam, writeProblemResponses } from "../../platform/http/schemas.ts";
import { attachDocument, getDocument, listDocuments } from "./documents.ts";

const tags = ["projects"];

const documentSchema = z
  .object({
    id: z.uuid(),
    participant: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    title: z.string(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    uploadedBy: z.object({ organisation: z.string(), name: z.string().nullable() }),
    createdAt: z.string(),
  })
  .meta({ id: "ProjectDocument" });

/** Documents of a project and of its participants' tracks: sent as their bytes, checked against their type. */
export async function documentRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.platform.database;
  acceptDocumentBodies(base);

  app.post(
    "/projects/:id/documents",
    {
      bodyLimit: maxDocumentBytes,
      schema: {
        tags,
        summary:
          "Attach a document (its bytes as the body, its type as Content-Type; the type is checked against them)",
        params: uuidParam,
        querystring: z
          .object({
            title: documentTitle,
            filename: documentFilename,
            participantId: z.uuid({ message: "field.uuid" }).optional(),
          })
          .strict(),
        response: { 201: z.object({ id: z.uuid() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const { bytes, contentType } = documentOf(request);
      const created = await mutate(request, (tx, ctx) =>
        attachDocument(tx, ctx, request.params.id, {
          title: request.query.title,
          filename: request.query.filename,
          participantId: request.query.participantId ?? null,
          contentType,
          bytes,
        }),
      );
      reply.status(201);
      return created;
    },
  );

  app.get(
    "/projects/:id/documents",
    {
      schema: {
        tags,
        summary: "A project's documents, those of participants' tracks where you may see them",
        params: uuidParam,
        response: { 200: z.object({ items: z.array(documentSchema) }), ...problemResponses },
      },
    },
    async (request) => listDocuments(db, requireActor(request), request.params.id),
  );

  app.get(
    "/project-documents/:id",
    {
      schema: {
        tags,
        summary: "Download a document",
        params: uuidParam,
        response: { 200: fileSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const file = await getDocument(db, requireActor(request), request.params.id);
      return sendDocument(reply as unknown as FastifyReply, file);
    },
  );
}
