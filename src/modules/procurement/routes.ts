import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { maxDocumentBytes } from "../../platform/documents.ts";
import { AppError, notFound } from "../../platform/errors.ts";
import {
  acceptDocumentBodies,
  documentFilename,
  documentOf,
  documentTitle,
  sendDocument,
} from "../../platform/http/documents.ts";
import { fileSchema, sendDownload } from "../../platform/http/download.ts";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { openToPublic, optionalSignIn } from "../../platform/http/open-routes.ts";
import { mutate, requireActor } from "../../platform/http/request.ts";
import {
  csvDialectSchema,
  ifMatch,
  problemResponses,
  uuidParam,
  writeProblemResponses,
} from "../../platform/http/schemas.ts";
import { languageOf, languages } from "../../platform/i18n.ts";
import { awardLot } from "./awards.ts";
import { declare, updateDeclaration } from "./declarations.ts";
import { attachBundleDocument, getBundleDocument } from "./documents.ts";
import { savingsCsv, savingsXlsx } from "./export.ts";
import { addLot, updateLot } from "./lots.ts";
import { ocdsReleases, recordPackage, releasePackage } from "./ocds.ts";
import { addParticipant } from "./participants.ts";
import { ocdsPolicy } from "./policy.ts";
import { bundleFor, listBundles, presentBundle } from "./queries.ts";
import { bundleSavings, organisationSavings, savingsDashboard } from "./savings-report.ts";
import { addSavingsUse, removeSavingsUse, updateSavingsUse } from "./savings-uses.ts";
import {
  awardBody,
  bundleSavingsSchema,
  bundleSchema,
  bundleSummarySchema,
  createBundleBody,
  createLotBody,
  dashboardSchema,
  declareBody,
  listBundlesQuery,
  organisationSavingsSchema,
  participantBody,
  savingsUseBody,
  statusBody,
  updateBundleBody,
  updateDeclarationBody,
  updateLotBody,
  updateSavingsUseBody,
} from "./schemas.ts";
import { changeStatus, openBundle, updateBundle } from "./write-bundle.ts";

const tags = ["procurement"];
const languageQuery = z.enum(languages).optional().describe("The language of its words; else Accept-Language's");

/** An OCDS package as JSON: checked against the standard's schema in the tests, described here by its top. */
const ocdsPackageSchema = z
  .looseObject({ uri: z.string(), version: z.literal("1.1"), publishedDate: z.string() })
  .meta({ id: "OcdsPackage", description: "An Open Contracting Data Standard 1.1 package" });

/** Joint procurement: bundles, lots, demand, awards, savings and the Open Contracting data. */
export async function procurementRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = base.platform.database;
  const { ocdsPrefix, publicUrl } = base.platform.config;
  const present = (request: FastifyRequest, id: string) => presentBundle(db, requireActor(request), id, ocdsPrefix);

  app.get(
    "/purchase-bundles",
    {
      schema: {
        tags,
        summary: "List joint purchases",
        querystring: listBundlesQuery,
        response: { 200: z.object({ items: z.array(bundleSummarySchema) }), ...problemResponses },
      },
    },
    async (request) => {
      requireActor(request);
      return listBundles(db, request.query);
    },
  );

  app.post(
    "/purchase-bundles",
    {
      schema: {
        tags,
        summary: "Open a joint purchase, led by the organisation you act for",
        body: createBundleBody,
        response: { 201: bundleSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) => openBundle(tx, ctx, request.body));
      const bundle = await present(request, created.id);
      reply
        .status(201)
        .header("etag", etagOf(bundle.version))
        .header("location", `/api/purchase-bundles/${created.id}`);
      return bundle;
    },
  );

  app.get(
    "/purchase-bundles/:id",
    {
      schema: {
        tags,
        summary: "One joint purchase: lots with their totals and award, participants, documents",
        params: uuidParam,
        response: { 200: bundleSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const bundle = await present(request, request.params.id);
      reply.header("etag", etagOf(bundle.version)).header("vary", "Cookie, Authorization");
      return bundle;
    },
  );

  app.patch(
    "/purchase-bundles/:id",
    {
      schema: {
        tags,
        summary: "Change a joint purchase (send If-Match with the ETag you read)",
        params: uuidParam,
        body: updateBundleBody,
        headers: ifMatch,
        response: { 200: bundleSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) => updateBundle(tx, ctx, request.params.id, version, request.body));
      const bundle = await present(request, request.params.id);
      reply.header("etag", etagOf(bundle.version));
      return bundle;
    },
  );

  app.post(
    "/purchase-bundles/:id/status",
    {
      schema: {
        tags,
        summary: "Move a joint purchase along: collecting demand, tendering, running, closed",
        params: uuidParam,
        body: statusBody,
        response: { 200: bundleSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => changeStatus(tx, ctx, request.params.id, request.body.status));
      const bundle = await present(request, request.params.id);
      reply.header("etag", etagOf(bundle.version));
      return bundle;
    },
  );

  app.post(
    "/purchase-bundles/:id/lots",
    {
      schema: {
        tags,
        summary: "Add a lot",
        params: uuidParam,
        body: createLotBody,
        response: { 201: bundleSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => addLot(tx, ctx, request.params.id, request.body));
      reply.status(201);
      return present(request, request.params.id);
    },
  );

  app.patch(
    "/purchase-lots/:id",
    {
      schema: {
        tags,
        summary: "Change a lot (send If-Match with its version as ETag)",
        params: uuidParam,
        body: updateLotBody,
        headers: ifMatch,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      const next = await mutate(request, (tx, ctx) => updateLot(tx, ctx, request.params.id, version, request.body));
      return reply.header("etag", etagOf(next)).status(204).send(null);
    },
  );

  app.post(
    "/purchase-bundles/:id/participants",
    {
      schema: {
        tags,
        summary: "Join with the organisation you act for, or (as the lead buyer) invite one",
        params: uuidParam,
        body: participantBody,
        response: { 201: bundleSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => addParticipant(tx, ctx, request.params.id, request.body.organisationId));
      reply.status(201);
      return present(request, request.params.id);
    },
  );

  app.post(
    "/purchase-bundles/:id/declarations",
    {
      schema: {
        tags,
        summary: "Declare demand for a lot, in the window",
        params: uuidParam,
        body: declareBody,
        response: { 201: bundleSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => declare(tx, ctx, request.params.id, request.body, "demand"));
      reply.status(201);
      return present(request, request.params.id);
    },
  );

  app.post(
    "/purchase-bundles/:id/call-offs",
    {
      schema: {
        tags,
        summary: "Buy from the awarded framework later, by a call-off for a lot",
        params: uuidParam,
        body: declareBody,
        response: { 201: bundleSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => declare(tx, ctx, request.params.id, request.body, "callOff"));
      reply.status(201);
      return present(request, request.params.id);
    },
  );

  app.patch(
    "/purchase-declarations/:id",
    {
      schema: {
        tags,
        summary: "Change a declaration in the window (send If-Match with its version as ETag)",
        params: uuidParam,
        body: updateDeclarationBody,
        headers: ifMatch,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      const next = await mutate(request, (tx, ctx) =>
        updateDeclaration(tx, ctx, request.params.id, version, request.body),
      );
      return reply.header("etag", etagOf(next)).status(204).send(null);
    },
  );

  app.post(
    "/purchase-bundles/:id/awards",
    {
      schema: {
        tags,
        summary: "Award a lot (or correct its award, saying why)",
        params: uuidParam,
        body: awardBody,
        response: { 201: bundleSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => awardLot(tx, ctx, request.params.id, request.body));
      reply.status(201);
      return present(request, request.params.id);
    },
  );

  app.get(
    "/purchase-bundles/:id/savings",
    {
      schema: {
        tags,
        summary: "Savings per participant: estimated, realised, per year, with their assumptions",
        params: uuidParam,
        querystring: z.object({ lang: languageQuery }).strict(),
        response: { 200: bundleSavingsSchema, ...problemResponses },
      },
    },
    async (request) =>
      bundleSavings(
        db,
        requireActor(request),
        request.params.id,
        request.query.lang ?? languageOf(request.headers["accept-language"]),
      ),
  );

  const exportQuery = z
    .object({
      organisationId: z.uuid({ message: "field.uuid" }).optional().describe("One participant; else all you may see"),
      lang: languageQuery,
    })
    .strict();

  app.get(
    "/purchase-bundles/:id/savings.csv",
    {
      schema: {
        tags,
        summary: "Savings per participant and lot as CSV",
        params: uuidParam,
        querystring: exportQuery.extend({ dialect: csvDialectSchema }),
        response: { 200: fileSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const csv = await savingsCsv(db, requireActor(request), request.params.id, {
        ...(request.query.organisationId ? { organisationId: request.query.organisationId } : {}),
        language: request.query.lang ?? languageOf(request.headers["accept-language"]),
        dialect: request.query.dialect,
      });
      return sendDownload(reply as unknown as FastifyReply, "samen-besparingen.csv", csv);
    },
  );

  app.get(
    "/purchase-bundles/:id/savings.xlsx",
    {
      schema: {
        tags,
        summary: "Savings per participant, lot and year as a spreadsheet (XLSX)",
        params: uuidParam,
        querystring: exportQuery,
        response: { 200: fileSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const file = await savingsXlsx(db, requireActor(request), request.params.id, {
        ...(request.query.organisationId ? { organisationId: request.query.organisationId } : {}),
        language: request.query.lang ?? languageOf(request.headers["accept-language"]),
      });
      return sendDownload(reply as unknown as FastifyReply, "samen-besparingen.xlsx", file);
    },
  );

  for (const kind of ["releases", "record"] as const)
    app.get(
      `/purchase-bundles/:id/${kind}.json`,
      {
        config: openToPublic,
        schema: {
          tags,
          security: optionalSignIn,
          summary:
            kind === "releases"
              ? "The joint purchase as an OCDS 1.1 release package: the framework's releases and each call-off's"
              : "The joint purchase as an OCDS 1.1 record package: a compiled record per contracting process",
          params: uuidParam,
          response: { 200: ocdsPackageSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { bundle, leadBuyerName } = await bundleFor(db, request.params.id);
        if (!ocdsPolicy.read(request.actor ?? null, bundle)) throw notFound("bundle");
        const releases = await ocdsReleases(db, bundle, leadBuyerName, ocdsPrefix);
        const meta = { uri: `${publicUrl}/api/purchase-bundles/${bundle.id}/${kind}.json`, publisher: leadBuyerName };
        reply
          .header("content-disposition", `inline; filename="ocds-${kind}-${bundle.id}.json"`)
          .header("cache-control", "no-cache");
        return kind === "releases" ? releasePackage(releases, meta) : recordPackage(releases, meta);
      },
    );

  app.get(
    "/purchase-dashboard",
    {
      schema: {
        tags,
        summary: "The lead buyer's savings over all its joint purchases, per year, bundle and participant",
        querystring: z
          .object({
            leadBuyerId: z.uuid({ message: "field.uuid" }).optional().describe("Yours when not given"),
            lang: languageQuery,
          })
          .strict(),
        response: { 200: dashboardSchema, ...problemResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const leadBuyerId = request.query.leadBuyerId ?? actor.organisationId;
      if (!leadBuyerId)
        throw new AppError("validation_failed", "procurement.nameLeadBuyer", [
          { field: "leadBuyerId", message: "field.required" },
        ]);
      return savingsDashboard(
        db,
        actor,
        leadBuyerId,
        request.query.lang ?? languageOf(request.headers["accept-language"]),
      );
    },
  );

  app.get(
    "/organisations/:id/purchase-savings",
    {
      schema: {
        tags,
        summary: "An organisation's savings over its joint purchases per year, and what they pay for",
        params: uuidParam,
        querystring: z.object({ lang: languageQuery }).strict(),
        response: { 200: organisationSavingsSchema, ...problemResponses },
      },
    },
    async (request) =>
      organisationSavings(
        db,
        requireActor(request),
        request.params.id,
        request.query.lang ?? languageOf(request.headers["accept-language"]),
      ),
  );

  app.post(
    "/organisations/:id/savings-uses",
    {
      schema: {
        tags,
        summary: "Name a thing the savings could pay for (a sports field, an FTE)",
        params: uuidParam,
        body: savingsUseBody,
        response: { 201: z.object({ id: z.uuid() }), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) => addSavingsUse(tx, ctx, request.params.id, request.body));
      reply.status(201);
      return created;
    },
  );

  app.patch(
    "/savings-uses/:id",
    {
      schema: {
        tags,
        summary: "Change a thing the savings could pay for (send If-Match with its version as ETag)",
        params: uuidParam,
        body: updateSavingsUseBody,
        headers: ifMatch,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      const next = await mutate(request, (tx, ctx) =>
        updateSavingsUse(tx, ctx, request.params.id, version, request.body),
      );
      return reply.header("etag", etagOf(next)).status(204).send(null);
    },
  );

  app.delete(
    "/savings-uses/:id",
    {
      schema: {
        tags,
        summary: "Remove a thing the savings could pay for",
        params: uuidParam,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => removeSavingsUse(tx, ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/purchase-documents/:id",
    {
      schema: {
        tags,
        summary: "Download a document of a joint purchase",
        params: uuidParam,
        response: { 200: fileSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      requireActor(request);
      const file = await getBundleDocument(db, request.params.id);
      return sendDocument(reply as unknown as FastifyReply, file);
    },
  );

  // Documents are sent as their bytes: in a plugin of their own, whose bodies are files.
  await base.register(async (files) => {
    acceptDocumentBodies(files);
    files.withTypeProvider<ZodTypeProvider>().post(
      "/purchase-bundles/:id/documents",
      {
        bodyLimit: maxDocumentBytes,
        schema: {
          tags,
          summary: "Attach a document (its bytes as the body, its type as Content-Type; the type is checked)",
          params: uuidParam,
          querystring: z.object({ title: documentTitle, filename: documentFilename }).strict(),
          response: { 201: z.object({ id: z.uuid() }), ...writeProblemResponses },
        },
      },
      async (request, reply) => {
        const { bytes, contentType } = documentOf(request);
        const created = await mutate(request, (tx, ctx) =>
          attachBundleDocument(tx, ctx, request.params.id, { ...request.query, contentType, bytes }),
        );
        reply.status(201);
        return created;
      },
    );
  });
}
