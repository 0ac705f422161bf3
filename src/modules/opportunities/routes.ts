import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { fileSchema, sendDownload } from "../../platform/http/download.ts";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { mutate, requireActor } from "../../platform/http/request.ts";
import { ifMatch, isoDate, problemResponses, uuidParam, writeProblemResponses } from "../../platform/http/schemas.ts";
import { languageOf } from "../../platform/i18n.ts";
import { coCreationThemes } from "../../platform/vocabulary.ts";
import { today } from "../collaborations/queries.ts";
import { chapterText, getChapter, saveChapter } from "./chapter.ts";
import { chapterDocx, chapterPdf } from "./chapter-export.ts";
import { listThemes, markTheme, startTogether, unmarkTheme } from "./matchmaking.ts";
import { opportunitiesOf } from "./opportunities.ts";
import {
  chapterBody,
  chapterSchema,
  opportunitiesSchema,
  startTogetherBody,
  themeParams,
  themesSchema,
} from "./schemas.ts";

const tags = ["opportunities"];
const asOfQuery = z.object({ asOf: isoDate.optional().describe("Today when not given") }).strict();

/** Opportunities: what an organisation could join, who wants to co-create on what, and the council chapter. */
export async function opportunityRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database, mailer, config } = base.platform;
  const { db } = database;

  app.get(
    "/organisations/:id/opportunities",
    {
      schema: {
        tags,
        summary:
          "An organisation's portfolio by nature, the task areas its neighbours and peers share without it, and what it could join with estimated savings",
        params: uuidParam,
        querystring: asOfQuery,
        response: { 200: opportunitiesSchema, ...problemResponses },
      },
    },
    async (request) => opportunitiesOf(db, requireActor(request), request.params.id, request.query.asOf ?? today()),
  );

  app.get(
    "/co-creation-themes",
    {
      schema: {
        tags,
        summary: "Every co-creation theme with the organisations that want to work on it",
        response: { 200: themesSchema, ...problemResponses },
      },
    },
    async (request) => listThemes(db, requireActor(request)),
  );

  app.put(
    "/organisations/:id/co-creation-themes/:theme",
    {
      schema: {
        tags,
        summary: "Say the organisation wants to co-create on a theme",
        params: themeParams,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => markTheme(tx, ctx, request.params.id, request.params.theme));
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/organisations/:id/co-creation-themes/:theme",
    {
      schema: {
        tags,
        summary: "Withdraw the organisation from a co-creation theme",
        params: themeParams,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => unmarkTheme(tx, ctx, request.params.id, request.params.theme));
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/co-creation-themes/:theme/start",
    {
      schema: {
        tags,
        summary:
          "Start a readiness scan or a project with organisations that want to co-create on the same theme, in one step",
        params: z.object({ theme: z.enum(coCreationThemes) }).strict(),
        body: startTogetherBody,
        response: {
          201: z.object({ kind: z.enum(["scan", "project"]), id: z.uuid() }),
          ...writeProblemResponses,
        },
      },
    },
    async (request, reply) => {
      const language = languageOf(request.headers["accept-language"]);
      const started = await mutate(request, (tx, ctx) =>
        startTogether(tx, ctx, { mailer, publicUrl: config.publicUrl }, request.params.theme, request.body, language),
      );
      reply
        .status(201)
        .header("location", started.kind === "scan" ? `/api/scans/${started.id}` : `/api/projects/${started.id}`);
      return started;
    },
  );

  app.get(
    "/organisations/:id/chapter",
    {
      schema: {
        tags,
        summary:
          "The council programme's chapter on collaboration: as saved, or the draft from the municipality's figures",
        params: uuidParam,
        querystring: asOfQuery,
        response: { 200: chapterSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const chapter = await getChapter(db, requireActor(request), request.params.id, request.query.asOf ?? today());
      reply.header("etag", etagOf(chapter.version)).header("vary", "Cookie, Authorization");
      return chapter;
    },
  );

  app.put(
    "/organisations/:id/chapter",
    {
      schema: {
        tags,
        summary: 'Save the edited chapter (If-Match: the ETag you read; "v0" before the first save)',
        params: uuidParam,
        headers: ifMatch,
        body: chapterBody,
        response: { 200: z.object({ version: z.number().int() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers["if-match"]);
      const version = await mutate(request, (tx, ctx) =>
        saveChapter(tx, ctx, request.params.id, expected, request.body.body),
      );
      reply.header("etag", etagOf(version));
      return { version };
    },
  );

  for (const format of ["docx", "pdf", "md"] as const) {
    app.get(
      `/organisations/:id/chapter.${format}`,
      {
        schema: {
          tags,
          summary: `The chapter as ${format === "md" ? "Markdown" : format.toUpperCase()} (as saved, or the draft)`,
          params: uuidParam,
          querystring: asOfQuery,
          response: { 200: fileSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const body = await chapterText(db, actor, request.params.id, request.query.asOf ?? today());
        const title = body.match(/^#\s+(.+)$/m)?.[1] ?? "Intergemeentelijke samenwerking";
        const filename = `hoofdstuk-samenwerking.${format}`;
        if (format === "md") return sendDownload(reply, filename, body);
        if (format === "docx") {
          return sendDownload(reply, filename, await chapterDocx(body, { title, creator: actor.name }));
        }
        return sendDownload(reply, filename, await chapterPdf(body, { title, author: actor.name }));
      },
    );
  }
}
