import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../platform/errors.ts";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { mutate, requireActor } from "../../platform/http/request.ts";
import {
  ifMatch,
  problemResponses,
  uuidParam,
  wholeNumber,
  writeProblemResponses,
} from "../../platform/http/schemas.ts";
import { legalRegimes } from "../../platform/vocabulary.ts";
import {
  calendarRuleSchema,
  createFeed,
  createTemplate,
  deleteFeed,
  feedCalendar,
  feedStatus,
  getCalendar,
  getTemplate,
  listTemplates,
  newTemplateBody,
  templateChanges,
  updateTemplate,
} from "./calendar.ts";

const tags = ["shared services"];

const templateSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    legalRegime: z.enum(legalRegimes),
    basedOn: z.string(),
    rules: z.array(calendarRuleSchema),
    version: z.number().int(),
  })
  .meta({ id: "CalendarTemplate" });
const builtInSchema = z.object({
  key: z.string(),
  name: z.string(),
  legalRegime: z.enum(legalRegimes),
  note: z.object({ nl: z.string(), en: z.string() }),
  rules: z.array(calendarRuleSchema),
});
const deadlineSchema = z.object({
  ruleKey: z.string(),
  budgetYear: z.number().int(),
  dueOn: z.string(),
  title: z.object({ nl: z.string(), en: z.string() }),
  actor: calendarRuleSchema.shape.actor,
  source: calendarRuleSchema.shape.source,
  remindDaysBefore: z.array(z.number().int()),
});
const feedSchema = z.object({
  active: z.boolean(),
  createdAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

/** The governance calendar: templates per legal regime, a framework's deadlines, and the personal iCalendar feed. */
export async function calendarRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database, config } = base.platform;
  const db = database.db;

  app.get(
    "/frameworks/:id/calendar",
    {
      schema: {
        tags,
        summary: "A framework's governance deadlines in one calendar year, each with its legal source",
        params: uuidParam,
        querystring: z.object({ year: wholeNumber(1990, 2100).optional() }).strict(),
        response: {
          200: z.object({
            template: z.object({
              id: z.uuid().nullable(),
              name: z.string(),
              note: z.object({ nl: z.string(), en: z.string() }).nullable(),
            }),
            year: z.number().int(),
            deadlines: z.array(deadlineSchema),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) =>
      getCalendar(db, requireActor(request), request.params.id, request.query.year ?? new Date().getUTCFullYear()),
  );

  app.get(
    "/calendar-templates",
    {
      schema: {
        tags,
        summary: "The built-in calendar templates (one per legal regime) and your organisation's own",
        response: {
          200: z.object({ builtIn: z.array(builtInSchema), own: z.array(templateSchema) }),
          ...problemResponses,
        },
      },
    },
    async (request) => listTemplates(db, requireActor(request)),
  );

  app.post(
    "/calendar-templates",
    {
      schema: {
        tags,
        summary: "Copy a legal regime's calendar into a template of your own, to change where your agreement differs",
        body: newTemplateBody,
        response: { 201: templateSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const { id } = await mutate(request, (tx, ctx) => createTemplate(tx, ctx, request.body));
      reply.status(201).header("etag", etagOf(1)).header("location", `/api/calendar-templates/${id}`);
      return getTemplate(db, requireActor(request), id);
    },
  );

  app.get(
    "/calendar-templates/:id",
    {
      schema: {
        tags,
        summary: "One of your organisation's calendar templates",
        params: uuidParam,
        response: { 200: templateSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const template = await getTemplate(db, requireActor(request), request.params.id);
      reply.header("etag", etagOf(template.version));
      return template;
    },
  );

  app.patch(
    "/calendar-templates/:id",
    {
      schema: {
        tags,
        summary: "Change a calendar template's name or steps (send If-Match)",
        params: uuidParam,
        headers: ifMatch,
        body: templateChanges,
        response: { 200: templateSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) => updateTemplate(tx, ctx, request.params.id, expected, request.body));
      const template = await getTemplate(db, requireActor(request), request.params.id);
      reply.header("etag", etagOf(template.version));
      return template;
    },
  );

  app.get(
    "/me/calendar-feed",
    {
      schema: {
        tags,
        summary: "Whether you have a calendar feed for the organisation you act for",
        response: { 200: feedSchema, ...problemResponses },
      },
    },
    async (request) => feedStatus(db, requireActor(request)),
  );

  app.post(
    "/me/calendar-feed",
    {
      schema: {
        tags,
        summary:
          "Make a new calendar feed address (iCalendar) for the organisation you act for; an earlier address stops working",
        response: { 201: z.object({ url: z.string() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const feed = await mutate(request, (tx, ctx) => createFeed(tx, ctx, config.publicUrl));
      reply.status(201).header("cache-control", "no-store");
      return feed;
    },
  );

  app.delete(
    "/me/calendar-feed",
    {
      schema: {
        tags,
        summary: "Stop your calendar feed",
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => deleteFeed(tx, ctx));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/calendar/:token",
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags,
        summary:
          "A calendar feed (text/calendar) for calendar apps: the secret address stands in for signing in, and shows deadlines only",
        security: [],
        params: z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) }),
        response: { 200: z.string(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const calendar = await feedCalendar(db, request.params.token.replace(/\.ics$/, ""), config.publicUrl);
      if (calendar === null) throw new AppError("not_found", "notFound.calendarFeed");
      reply
        .header("content-type", "text/calendar; charset=utf-8")
        .header("cache-control", "private, max-age=900")
        .header("content-disposition", 'inline; filename="samen.ics"');
      return calendar;
    },
  );
}
