import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { fileSchema, sendDownload } from "../../platform/http/download.ts";
import { mutate, requireActor } from "../../platform/http/request.ts";
import { problemResponses, uuidParam, writeProblemResponses } from "../../platform/http/schemas.ts";
import { surveyStatuses } from "../../platform/vocabulary.ts";
import { scanSchema } from "./result-schemas.ts";
import { createScan, getScan, listScans, scanBody, scanReport } from "./scans.ts";

const tags = ["readiness scan"];

/** The readiness scan (samenwerkingsscan): two or more administrations score how far they can go together. */
export async function scanRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database, mailer, config } = base.platform;
  const db = database.db;

  app.get(
    "/scans",
    {
      schema: {
        tags,
        summary: "The readiness scans your organisation is a party to",
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                title: z.string(),
                status: z.enum(surveyStatuses),
                wave: z.string().nullable(),
                series: z.string().nullable(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => ({ items: await listScans(db, requireActor(request)) }),
  );

  app.post(
    "/scans",
    {
      schema: {
        tags,
        summary: "Start a readiness scan with one or more partners; every party, yours included, answers it",
        body: scanBody,
        response: { 201: z.object({ id: z.uuid() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) =>
        createScan(tx, ctx, { mailer, publicUrl: config.publicUrl }, request.body),
      );
      reply.status(201).header("location", `/api/scans/${created.id}`);
      return created;
    },
  );

  app.get(
    "/scans/:id",
    {
      schema: {
        tags,
        summary:
          "A scan's result: scores per party and factor, the gaps, how far the parties can go on the collaboration ladder and why, next steps, earlier scans",
        params: uuidParam,
        response: { 200: scanSchema, ...problemResponses },
      },
    },
    async (request) => getScan(db, requireActor(request), request.params.id),
  );

  app.get(
    "/scans/:id/report.pdf",
    {
      schema: {
        tags,
        summary: "The scan's report as a PDF",
        params: uuidParam,
        response: { 200: fileSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const pdf = await scanReport(db, requireActor(request), request.params.id);
      return sendDownload(reply, "samenwerkingsscan.pdf", pdf);
    },
  );
}
