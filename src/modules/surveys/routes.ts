import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../platform/errors.ts";
import { fileSchema, sendDownload } from "../../platform/http/download.ts";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { mutate, mutateInOneStatement, requireActor } from "../../platform/http/request.ts";
import {
  csvDialectSchema,
  ifMatch,
  problemResponses,
  problemSchema,
  uuidParam,
  writeProblemResponses,
} from "../../platform/http/schemas.ts";
import { type Language, languageOf, type Message, say } from "../../platform/i18n.ts";
import { responseStatuses, segmentDimensions, surveyStatuses } from "../../platform/vocabulary.ts";
import { XlsxError } from "../../platform/xlsx-read.ts";
import { benchmarkReport, surveyTrends } from "./comparisons.ts";
import { type Finding, lintDefinition } from "./definition.ts";
import { answersCsv, answersXlsx } from "./export.ts";
import { limesurveyToSurvey } from "./limesurvey.ts";
import { LimeSurveyError } from "./limesurvey-document.ts";
import { getResponse, reopenResponse, saveDraft, submitResponse } from "./responses.ts";
import { benchmarkSchema, surveyResultsSchema, surveyTrendsSchema } from "./result-schemas.ts";
import { responseRates, surveyResults } from "./results.ts";
import {
  audiencePreview,
  audienceSchema,
  closeSurvey,
  createSurvey,
  getSurvey,
  listSurveys,
  openSurvey,
  remindSurvey,
  surveyBody,
  surveyChanges,
  updateSurvey,
} from "./surveys.ts";
import { xlsformToSurvey } from "./xlsform.ts";
import { surveyToXlsform } from "./xlsform-export.ts";

const tags = ["surveys"];
const findingSchema = z.object({ severity: z.enum(["error", "warning"]), where: z.string(), message: z.string() });
const splitQuery = z
  .object({
    split: z.enum(segmentDimensions).optional(),
    collaborationId: z.uuid().optional(),
    locale: z.enum(["nl", "en"]).optional(),
  })
  .strict();
const definitionSchema = z.record(z.string(), z.unknown());

const surveySchema = z
  .object({
    id: z.uuid(),
    owner: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    definition: definitionSchema,
    status: z.enum(surveyStatuses),
    audience: audienceSchema,
    sizeThresholds: z.array(z.number().int()),
    anonymous: z.boolean(),
    minGroupSize: z.number().int(),
    deadline: z.string().nullable(),
    series: z.string().nullable(),
    wave: z.string().nullable(),
    openedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    isDemo: z.boolean(),
    version: z.number().int(),
    findings: z.array(findingSchema),
    locales: z.array(z.string()),
    questions: z.number().int(),
    abilities: z.object({
      read: z.boolean(),
      manage: z.boolean(),
      readResults: z.boolean(),
      draft: z.boolean(),
      submit: z.boolean(),
    }),
  })
  .meta({ id: "Survey" });

const responseSchema = z
  .object({
    surveyId: z.uuid(),
    status: z.enum(responseStatuses),
    data: z.record(z.string(), z.unknown()),
    lastEditedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
    submittedAt: z.string().nullable(),
    submittedBy: z.string().nullable(),
    version: z.number().int(),
    abilities: z.object({ draft: z.boolean(), submit: z.boolean(), reopen: z.boolean() }),
  })
  .meta({ id: "SurveyResponse" });

/** Surveys of organisations: definitions, audience, invitations, one answer per organisation, results. */
export async function surveyRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database, mailer, config } = base.platform;
  const db = database.db;
  const notify = { mailer, publicUrl: config.publicUrl };

  app.get(
    "/surveys",
    {
      schema: {
        tags,
        summary: "The surveys your organisation prepared, and those it is asked to answer",
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.uuid(),
                title: z.string(),
                status: z.enum(surveyStatuses),
                deadline: z.string().nullable(),
                owner: z.uuid(),
                anonymous: z.boolean(),
                series: z.string().nullable(),
                wave: z.string().nullable(),
                role: z.enum(["owner", "invited"]),
                ownResponse: z.enum(responseStatuses).nullable(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => ({ items: await listSurveys(db, requireActor(request)) }),
  );

  app.post(
    "/surveys",
    {
      schema: {
        tags,
        summary: "Prepare a survey from a SurveyJS definition (checked by the linter first)",
        body: surveyBody,
        response: { 201: surveySchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const { id } = await mutate(request, (tx, ctx) => createSurvey(tx, ctx, request.body));
      reply.status(201).header("etag", etagOf(1)).header("location", `/api/surveys/${id}`);
      return getSurvey(db, requireActor(request), id, languageOf(request.headers["accept-language"]));
    },
  );

  app.post(
    "/survey-definitions/check",
    {
      schema: {
        tags,
        summary: "Check a SurveyJS definition: the linter's findings in words (nothing is stored)",
        body: z.object({ definition: definitionSchema }).strict(),
        response: { 200: z.object({ findings: z.array(findingSchema) }), ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return { findings: lintDefinition(request.body.definition, languageOf(request.headers["accept-language"])) };
    },
  );

  await app.register(async (files) => {
    const child = files.withTypeProvider<ZodTypeProvider>();
    child.addContentTypeParser(
      [
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/xml",
        "text/xml",
        "application/octet-stream",
      ],
      { parseAs: "buffer", bodyLimit: 5 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    /** A file converted to a definition, with the linter's findings after the converter's; nothing is stored. */
    const converted = async (
      request: FastifyRequest,
      send: Message,
      convert: (
        bytes: Buffer,
        language: Language,
      ) => Promise<{ definition: Record<string, unknown>; findings: Finding[] }>,
    ) => {
      requireActor(request);
      const language = languageOf(request.headers["accept-language"]);
      if (!Buffer.isBuffer(request.body)) throw new AppError("malformed_request", send.key);
      try {
        const { definition, findings } = await convert(request.body, language);
        const lint = Object.keys(definition).length ? lintDefinition(definition, language) : [];
        return { definition, findings: [...findings, ...lint] };
      } catch (error) {
        if (error instanceof XlsxError || error instanceof LimeSurveyError) {
          const message = say(language, error.problem);
          throw new AppError("unprocessable", message, [{ field: "file", message }]);
        }
        throw error;
      }
    };
    const conversion = { 200: z.object({ definition: definitionSchema, findings: z.array(findingSchema) }) };
    child.post(
      "/survey-definitions/from-xlsform",
      {
        schema: {
          tags,
          summary:
            "Convert an XLSForm (.xlsx) into a SurveyJS definition, with what could not be converted (nothing is stored)",
          response: { ...conversion, ...problemResponses },
        },
      },
      (request) => converted(request, { key: "problem.sendXlsx" }, xlsformToSurvey),
    );
    child.post(
      "/survey-definitions/from-limesurvey",
      {
        schema: {
          tags,
          summary:
            "Convert a LimeSurvey survey structure (.lss) into a SurveyJS definition, with what could not be converted (nothing is stored)",
          response: { ...conversion, ...problemResponses },
        },
      },
      (request) =>
        converted(request, { key: "problem.sendLss" }, async (bytes, language) => limesurveyToSurvey(bytes, language)),
    );
  });

  app.get(
    "/surveys/:id",
    {
      schema: { tags, summary: "One survey", params: uuidParam, response: { 200: surveySchema, ...problemResponses } },
    },
    async (request, reply) => {
      const survey = await getSurvey(
        db,
        requireActor(request),
        request.params.id,
        languageOf(request.headers["accept-language"]),
      );
      reply.header("etag", etagOf(survey.version));
      return survey;
    },
  );

  app.get(
    "/surveys/:id/definition.json",
    {
      schema: {
        tags,
        summary: "The survey's definition in the SurveyJS JSON format (export)",
        params: uuidParam,
        response: { 200: definitionSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const survey = await getSurvey(
        db,
        requireActor(request),
        request.params.id,
        languageOf(request.headers["accept-language"]),
      );
      reply.header("content-disposition", `attachment; filename="enquete-${survey.id}.json"`);
      return survey.definition;
    },
  );

  app.get(
    "/surveys/:id/xlsform.xlsx",
    {
      schema: {
        tags,
        summary:
          "The survey's definition as an XLSForm (for KoboToolbox or ODK), with what XLSForm cannot say on a sheet samen_notes",
        params: uuidParam,
        response: { 200: fileSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const language = languageOf(request.headers["accept-language"]);
      const survey = await getSurvey(db, requireActor(request), request.params.id, language);
      return sendDownload(reply, `enquete-${survey.id}-xlsform.xlsx`, surveyToXlsform(survey.definition, language));
    },
  );

  app.patch(
    "/surveys/:id",
    {
      schema: {
        tags,
        summary: "Change a survey (send If-Match); its questions no longer change once it is open",
        params: uuidParam,
        headers: ifMatch,
        body: surveyChanges,
        response: { 200: surveySchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) => updateSurvey(tx, ctx, request.params.id, expected, request.body));
      const survey = await getSurvey(
        db,
        requireActor(request),
        request.params.id,
        languageOf(request.headers["accept-language"]),
      );
      reply.header("etag", etagOf(survey.version));
      return survey;
    },
  );

  app.get(
    "/surveys/:id/audience-preview",
    {
      schema: {
        tags,
        summary:
          "Before opening: how many organisations the survey would invite, and which of them have nobody in Samen to receive it",
        params: uuidParam,
        response: {
          200: z.object({
            invited: z.number().int(),
            reachable: z.number().int().describe("Invited organisations with an editor or administrator in Samen"),
            unreachable: z.array(z.object({ id: z.uuid(), name: z.string() })),
            startingQuestionOnly: z.boolean().describe("The survey still holds only the question it started with"),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => audiencePreview(db, requireActor(request), request.params.id),
  );

  app.post(
    "/surveys/:id/open",
    {
      schema: {
        tags,
        summary: "Open the survey: invite every organisation of the audience, by mail to its editors (send If-Match)",
        params: uuidParam,
        headers: ifMatch,
        response: {
          200: z.object({ version: z.number().int(), invited: z.number().int(), mails: z.number().int() }),
          ...writeProblemResponses,
        },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers["if-match"]);
      const result = await mutate(request, (tx, ctx) => openSurvey(tx, ctx, notify, request.params.id, expected));
      reply.header("etag", etagOf(result.version));
      return result;
    },
  );

  app.post(
    "/surveys/:id/remind",
    {
      schema: {
        tags,
        summary: "Remind the invited organisations that have not submitted an answer",
        params: uuidParam,
        response: { 200: z.object({ reminded: z.number().int(), mails: z.number().int() }), ...writeProblemResponses },
      },
    },
    async (request) => mutate(request, (tx, ctx) => remindSurvey(tx, ctx, notify, request.params.id)),
  );

  app.post(
    "/surveys/:id/close",
    {
      schema: {
        tags,
        summary: "Close the survey: no more answers (send If-Match)",
        params: uuidParam,
        headers: ifMatch,
        response: { 200: z.object({ version: z.number().int() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers["if-match"]);
      const version = await mutate(request, (tx, ctx) => closeSurvey(tx, ctx, request.params.id, expected));
      reply.header("etag", etagOf(version));
      return { version };
    },
  );

  app.get(
    "/surveys/:id/response",
    {
      schema: {
        tags,
        summary: "Your organisation's answer: the draft its officials work on, or what it submitted",
        params: uuidParam,
        response: { 200: responseSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const response = await getResponse(db, requireActor(request), request.params.id);
      reply.header("etag", etagOf(response.version));
      return response;
    },
  );

  app.put(
    "/surveys/:id/response",
    {
      schema: {
        tags,
        summary: 'Save the draft answer (send If-Match with the version you read; "v0" for the first save)',
        params: uuidParam,
        headers: ifMatch,
        body: z.object({ data: z.record(z.string(), z.unknown()) }).strict(),
        response: { 200: z.object({ version: z.number().int() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers["if-match"]);
      const version = await mutate(request, (tx, ctx) =>
        saveDraft(tx, ctx, request.params.id, expected, request.body.data),
      );
      reply.header("etag", etagOf(version));
      return { version };
    },
  );

  app.post(
    "/surveys/:id/response/submit",
    {
      schema: {
        tags,
        summary:
          "Approve and submit your organisation's answer (administrators; send If-Match). Checked against the definition: 422 names the questions at fault",
        params: uuidParam,
        headers: ifMatch,
        response: {
          200: z.object({ version: z.number().int(), repeated: z.boolean() }),
          422: problemSchema,
          ...writeProblemResponses,
        },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers["if-match"]);
      const result = await mutateInOneStatement(request, (db, ctx) =>
        submitResponse(db, ctx, request.params.id, expected),
      );
      reply.header("etag", etagOf(result.version));
      return result;
    },
  );

  app.post(
    "/surveys/:id/response/reopen",
    {
      schema: {
        tags,
        summary: "Take a submitted answer back to a draft to correct it, while the survey is open (send If-Match)",
        params: uuidParam,
        headers: ifMatch,
        response: { 200: z.object({ version: z.number().int() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers["if-match"]);
      const version = await mutate(request, (tx, ctx) => reopenResponse(tx, ctx, request.params.id, expected));
      reply.header("etag", etagOf(version));
      return { version };
    },
  );

  app.get(
    "/surveys/:id/results",
    {
      schema: {
        tags,
        summary:
          "The results per question, split by a segment of the register (size class, kind, province, member of a collaboration); small groups are left out",
        params: uuidParam,
        querystring: splitQuery,
        response: { 200: surveyResultsSchema, ...problemResponses },
      },
    },
    async (request) =>
      surveyResults(
        db,
        database.raw,
        requireActor(request),
        request.params.id,
        {
          dimension: request.query.split ?? null,
          collaborationId: request.query.collaborationId,
        },
        request.query.locale,
      ),
  );

  app.get(
    "/surveys/:id/trends",
    {
      schema: {
        tags,
        summary: "The waves of the survey's series side by side, for the questions whose names they share",
        params: uuidParam,
        querystring: z.object({ locale: z.enum(["nl", "en"]).optional() }).strict(),
        response: { 200: surveyTrendsSchema, ...problemResponses },
      },
    },
    async (request) => surveyTrends(db, database.raw, requireActor(request), request.params.id, request.query.locale),
  );

  app.get(
    "/surveys/:id/benchmark",
    {
      schema: {
        tags,
        summary:
          "Your organisation's answers beside those of comparable organisations (same kind and size class), once it submitted",
        params: uuidParam,
        querystring: z.object({ locale: z.enum(["nl", "en"]).optional() }).strict(),
        response: { 200: benchmarkSchema, ...problemResponses },
      },
    },
    async (request) =>
      benchmarkReport(db, database.raw, requireActor(request), request.params.id, request.query.locale),
  );

  app.get(
    "/surveys/:id/response-rates",
    {
      schema: {
        tags,
        summary: "How many invited organisations answered, per segment",
        params: uuidParam,
        querystring: splitQuery,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                key: z.string(),
                label: z.string(),
                invited: z.number().int(),
                drafts: z.number().int(),
                submitted: z.number().int(),
                rate: z.number(),
              }),
            ),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => ({
      items: await responseRates(db, requireActor(request), request.params.id, {
        dimension: request.query.split ?? null,
        collaborationId: request.query.collaborationId,
      }),
    }),
  );

  app.get(
    "/surveys/:id/answers.csv",
    {
      schema: {
        tags,
        summary: "The submitted answers with labels (CSV); without organisations when the survey is anonymous",
        params: uuidParam,
        querystring: z.object({ dialect: csvDialectSchema }).strict(),
        response: { 200: z.string(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const csv = await answersCsv(db, requireActor(request), request.params.id, request.query.dialect);
      return sendDownload(reply, "enquete-antwoorden.csv", csv);
    },
  );

  app.get(
    "/surveys/:id/answers.xlsx",
    {
      schema: {
        tags,
        summary: "The submitted answers with labels (XLSX)",
        params: uuidParam,
        response: { 200: fileSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const file = await answersXlsx(db, requireActor(request), request.params.id);
      return sendDownload(reply, "enquete-antwoorden.xlsx", file);
    },
  );
}
