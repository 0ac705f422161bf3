import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { fileSchema, sendDownload } from "../../platform/http/download.ts";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { mutate, mutateInOneStatement, requireActor } from "../../platform/http/request.ts";
import {
  csvDialectSchema,
  ifMatch,
  plainText,
  problemResponses,
  uuidParam,
  wholeNumber,
  writeProblemResponses,
} from "../../platform/http/schemas.ts";
import { languageOf, languages } from "../../platform/i18n.ts";
import { createFramework, getFramework, listFrameworks, updateFramework } from "./frameworks.ts";
import { clientStatement, frameworkOverviewCsv, frameworkOverviewXlsx } from "./reports.ts";
import {
  createFrameworkBody,
  frameworkSchema,
  settlementSchema,
  subAgreementBody,
  subAgreementSchema,
  updateFrameworkBody,
  updateSubAgreementBody,
  yearBody,
  yearParams,
  yearSchema,
} from "./schemas.ts";
import { approveSettlement, listSettlements, settleYear } from "./settlements.ts";
import { createSubAgreement, getSubAgreement, updateSubAgreement } from "./sub-agreements.ts";
import { getYear, putYear } from "./years.ts";

const tags = ["shared services"];

/** If-Match when it is sent: a year is created without one and changed with one. */
const optionalVersion = (header: string | undefined) => (header === undefined ? null : expectedVersion(header));

export async function agreementRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.platform.database.db;

  app.get(
    "/frameworks",
    {
      schema: {
        tags,
        summary: "The framework agreements your organisation hosts or is a client of",
        response: { 200: z.object({ items: z.array(frameworkSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await listFrameworks(db, requireActor(request)) }),
  );

  app.post(
    "/frameworks",
    {
      schema: {
        tags,
        summary: "Set up a framework agreement (raamovereenkomst) as host, with its clients",
        body: createFrameworkBody,
        response: { 201: frameworkSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) => createFramework(tx, ctx, request.body));
      const framework = await getFramework(db, requireActor(request), created.id);
      reply.status(201).header("etag", etagOf(framework.version)).header("location", `/api/frameworks/${created.id}`);
      return framework;
    },
  );

  app.get(
    "/frameworks/:id",
    {
      schema: {
        tags,
        summary: "One framework agreement",
        params: uuidParam,
        response: { 200: frameworkSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const framework = await getFramework(db, requireActor(request), request.params.id);
      reply.header("etag", etagOf(framework.version));
      return framework;
    },
  );

  app.patch(
    "/frameworks/:id",
    {
      schema: {
        tags,
        summary: "Change a framework agreement: name, term, status, governance (send If-Match)",
        params: uuidParam,
        headers: ifMatch,
        body: updateFrameworkBody,
        response: { 200: frameworkSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) => updateFramework(tx, ctx, request.params.id, version, request.body));
      const framework = await getFramework(db, requireActor(request), request.params.id);
      reply.header("etag", etagOf(framework.version));
      return framework;
    },
  );

  app.get(
    "/frameworks/:id/overview.csv",
    {
      schema: {
        tags,
        summary: "The host's overview of a year: budget, advances, actual amount and balance per client (CSV)",
        params: uuidParam,
        querystring: z.object({ year: wholeNumber(1990, 2100), dialect: csvDialectSchema }).strict(),
        response: { 200: z.string(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const csv = await frameworkOverviewCsv(
        db,
        requireActor(request),
        request.params.id,
        request.query.year,
        request.query.dialect,
      );
      return sendDownload(reply, `samen-overzicht-${request.query.year}.csv`, csv);
    },
  );

  app.get(
    "/frameworks/:id/overview.xlsx",
    {
      schema: {
        tags,
        summary: "The host's overview of a year as a spreadsheet (XLSX)",
        params: uuidParam,
        querystring: z
          .object({
            year: wholeNumber(1990, 2100),
            lang: z.enum(languages).optional().describe("The language of its headings; else Accept-Language's"),
          })
          .strict(),
        response: { 200: fileSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const file = await frameworkOverviewXlsx(
        db,
        requireActor(request),
        request.params.id,
        request.query.year,
        request.query.lang ?? languageOf(request.headers["accept-language"]),
      );
      return sendDownload(reply, `samen-overzicht-${request.query.year}.xlsx`, file);
    },
  );

  app.get(
    "/frameworks/:id/statements/:clientId",
    {
      schema: {
        tags,
        summary: "A client's statement of a year (PDF): budget, advances, actual amount and balance per sub-agreement",
        params: uuidParam.extend({ clientId: z.uuid({ message: "field.uuid" }) }).strict(),
        querystring: z.object({ year: wholeNumber(1990, 2100) }).strict(),
        response: { 200: fileSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const pdf = await clientStatement(
        db,
        requireActor(request),
        request.params.id,
        request.params.clientId,
        request.query.year,
      );
      return sendDownload(reply, `afrekening-${request.query.year}.pdf`, pdf);
    },
  );

  app.post(
    "/frameworks/:id/sub-agreements",
    {
      schema: {
        tags,
        summary: "Add a sub-agreement (deelovereenkomst) for a domain, with its services and service levels",
        params: uuidParam,
        body: subAgreementBody,
        response: { 201: subAgreementSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) => createSubAgreement(tx, ctx, request.params.id, request.body));
      const sub = await getSubAgreement(db, requireActor(request), created.id);
      reply.status(201).header("etag", etagOf(sub.version)).header("location", `/api/sub-agreements/${created.id}`);
      return sub;
    },
  );

  app.get(
    "/sub-agreements/:id",
    {
      schema: {
        tags,
        summary: "One sub-agreement with its years",
        params: uuidParam,
        response: { 200: subAgreementSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const sub = await getSubAgreement(db, requireActor(request), request.params.id);
      reply.header("etag", etagOf(sub.version));
      return sub;
    },
  );

  app.patch(
    "/sub-agreements/:id",
    {
      schema: {
        tags,
        summary: "Change a sub-agreement's services, service levels or description (send If-Match)",
        params: uuidParam,
        headers: ifMatch,
        body: updateSubAgreementBody,
        response: { 200: subAgreementSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) => updateSubAgreement(tx, ctx, request.params.id, version, request.body));
      const sub = await getSubAgreement(db, requireActor(request), request.params.id);
      reply.header("etag", etagOf(sub.version));
      return sub;
    },
  );

  app.get(
    "/sub-agreements/:id/years/:year",
    {
      schema: {
        tags,
        summary: "A year's budget per client, with advances and the explanation of each amount",
        params: yearParams,
        response: { 200: yearSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const year = await getYear(db, requireActor(request), request.params.id, request.params.year);
      reply.header("etag", etagOf(year.version));
      return year;
    },
  );

  app.put(
    "/sub-agreements/:id/years/:year",
    {
      schema: {
        tags,
        summary: "Set a year's budget, key and accents, and after the year its actual figures (If-Match to change)",
        params: yearParams,
        headers: ifMatch,
        body: yearBody,
        response: { 200: yearSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = optionalVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) =>
        putYear(tx, ctx, request.params.id, request.params.year, version, request.body),
      );
      const year = await getYear(db, requireActor(request), request.params.id, request.params.year);
      reply.header("etag", etagOf(year.version));
      return year;
    },
  );

  app.get(
    "/sub-agreements/:id/years/:year/settlements",
    {
      schema: {
        tags,
        summary: "A year's settlements, newest version first",
        params: yearParams,
        response: { 200: z.object({ items: z.array(settlementSchema) }), ...problemResponses },
      },
    },
    async (request) => ({
      items: await listSettlements(db, requireActor(request), request.params.id, request.params.year),
    }),
  );

  app.post(
    "/sub-agreements/:id/years/:year/settlements",
    {
      schema: {
        tags,
        summary: "Compute the year's settlement as a draft; after an approved one, a correction (with a note)",
        params: yearParams,
        body: z.object({ note: plainText(1000).nullable().optional() }).strict(),
        response: { 201: settlementSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const settlement = await mutateInOneStatement(request, (db, ctx) =>
        settleYear(db, ctx, request.params.id, request.params.year, request.body.note || null),
      );
      return reply.status(201).send(settlement);
    },
  );

  app.post(
    "/settlements/:id/approve",
    {
      schema: {
        tags,
        summary: "Approve a draft settlement; it is frozen from then on",
        params: uuidParam,
        response: { 200: settlementSchema, ...writeProblemResponses },
      },
    },
    async (request) => mutate(request, (tx, ctx) => approveSettlement(tx, ctx, request.params.id)),
  );
}
