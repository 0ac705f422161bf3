import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../platform/errors.ts";
import { sendDownload } from "../../platform/http/download.ts";
import { etagOf, expectedVersion } from "../../platform/http/etag.ts";
import { openToPublic, optionalSignIn } from "../../platform/http/open-routes.ts";
import { mutate, requireActor } from "../../platform/http/request.ts";
import {
  csvDialectSchema,
  ifMatch,
  pageSchema,
  problemResponses,
  problemSchema,
  uuidParam,
  writeProblemResponses,
} from "../../platform/http/schemas.ts";
import { createEntry, getEntry, listRevisions, updateEntry } from "./entries.ts";
import {
  addSynonyms,
  describeCatalogue,
  dismissMiss,
  listCatalogues,
  listMisses,
  listSynonyms,
  removeSynonyms,
  updateCatalogue,
} from "./manage.ts";
import { catalogueFor } from "./queries.ts";
import {
  catalogueSchema,
  createEntryBody,
  createSynonymBody,
  entrySchema,
  entrySummarySchema,
  missSchema,
  providerParam,
  revisionSchema,
  searchEntriesQuery,
  synonymParams,
  synonymSchema,
  updateCatalogueBody,
  updateEntryBody,
} from "./schemas.ts";
import { SearchCache, searchEntries } from "./search.ts";
import { exportCatalogue, importCatalogue } from "./transfer.ts";

// Readable without signing in when the provider made its catalogue public; the policy decides per catalogue.
const tags = ["catalogue"];
const importReportSchema = z
  .object({
    entries: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    synonyms: z.number().int(),
    dryRun: z.boolean(),
    problems: z.array(z.object({ line: z.number().int(), field: z.string(), message: z.string() })),
  })
  .meta({ id: "CatalogueImportReport" });

export async function catalogueRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = base.platform.database.db;
  const searchCache = new SearchCache(base.platform.config.searchCacheSize);

  app.get(
    "/catalogues",
    {
      schema: {
        tags,
        summary: "The partner catalogues you can read: your own, those of providers that serve you, public ones",
        response: { 200: z.object({ items: z.array(catalogueSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await listCatalogues(db, requireActor(request)) }),
  );

  app.get(
    "/catalogues/:providerId",
    {
      config: openToPublic,
      schema: {
        tags,
        security: optionalSignIn,
        summary: "A provider's catalogue: settings, themes, and what you may do",
        params: providerParam,
        response: { 200: catalogueSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = request.actor ?? null;
      const catalogue = await catalogueFor(db, actor, request.params.providerId, "read");
      reply.header("etag", etagOf(catalogue.version)).header("vary", "Cookie, Authorization");
      return describeCatalogue(db, actor, catalogue);
    },
  );

  app.patch(
    "/catalogues/:providerId",
    {
      schema: {
        tags,
        summary: "Change who may read the catalogue and the front office's service level (send If-Match)",
        params: providerParam,
        body: updateCatalogueBody,
        headers: ifMatch,
        response: { 200: catalogueSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) => updateCatalogue(tx, ctx, request.params.providerId, version, request.body));
      const actor = requireActor(request);
      const catalogue = await catalogueFor(db, actor, request.params.providerId, "read");
      reply.header("etag", etagOf(catalogue.version));
      return describeCatalogue(db, actor, catalogue);
    },
  );

  app.get(
    "/catalogues/:providerId/entries",
    {
      config: openToPublic,
      schema: {
        tags,
        security: optionalSignIn,
        summary:
          "Search a catalogue (Dutch stemming, typos, synonyms; question above tags above answer) or list it by theme",
        params: providerParam,
        querystring: searchEntriesQuery,
        response: { 200: pageSchema(entrySummarySchema), ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = request.actor ?? null;
      const catalogue = await catalogueFor(db, actor, request.params.providerId, "read");
      reply.header("vary", "Cookie, Authorization");
      const { from, ...page } = await searchEntries(db, actor, catalogue, request.query, searchCache);
      // Whether the result cache answered (hit), another request's ranking did (shared), or this one ranked (miss).
      if (from) reply.header("server-timing", `search;desc=${from}`);
      return page;
    },
  );

  app.post(
    "/catalogues/:providerId/entries",
    {
      schema: {
        tags,
        summary: "Add an entry to the catalogue (its editors)",
        params: providerParam,
        body: createEntryBody,
        response: { 201: entrySchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) => createEntry(tx, ctx, request.params.providerId, request.body));
      const entry = await getEntry(db, requireActor(request), created.id);
      reply
        .status(201)
        .header("etag", etagOf(entry.version))
        .header("location", `/api/catalogue-entries/${created.id}`);
      return entry;
    },
  );

  app.get(
    "/catalogue-entries/:id",
    {
      config: openToPublic,
      schema: {
        tags,
        security: optionalSignIn,
        summary: "One catalogue entry with the offer behind it",
        params: uuidParam,
        response: { 200: entrySchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const entry = await getEntry(db, request.actor ?? null, request.params.id);
      reply.header("etag", etagOf(entry.version)).header("vary", "Cookie, Authorization");
      return entry;
    },
  );

  app.patch(
    "/catalogue-entries/:id",
    {
      schema: {
        tags,
        summary: "Change an entry, publish or archive it (send If-Match); every save is a revision",
        params: uuidParam,
        body: updateEntryBody,
        headers: ifMatch,
        response: { 200: entrySchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const version = expectedVersion(request.headers["if-match"]);
      await mutate(request, (tx, ctx) => updateEntry(tx, ctx, request.params.id, version, request.body));
      const entry = await getEntry(db, requireActor(request), request.params.id);
      reply.header("etag", etagOf(entry.version));
      return entry;
    },
  );

  app.get(
    "/catalogue-entries/:id/revisions",
    {
      schema: {
        tags,
        summary: "An entry's history, newest first, with what changed in each revision",
        params: uuidParam,
        response: { 200: z.object({ items: z.array(revisionSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await listRevisions(db, requireActor(request), request.params.id) }),
  );

  app.get(
    "/catalogues/:providerId/synonyms",
    {
      schema: {
        tags,
        summary: "The synonym groups of a catalogue's search",
        params: providerParam,
        response: { 200: z.object({ items: z.array(synonymSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await listSynonyms(db, requireActor(request), request.params.providerId) }),
  );

  app.post(
    "/catalogues/:providerId/synonyms",
    {
      schema: {
        tags,
        summary: "Add a group of words that mean the same (OCMW, sociaal huis)",
        params: providerParam,
        body: createSynonymBody,
        response: { 201: synonymSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const created = await mutate(request, (tx, ctx) =>
        addSynonyms(tx, ctx, request.params.providerId, request.body.terms),
      );
      return reply.status(201).send(created);
    },
  );

  app.delete(
    "/catalogues/:providerId/synonyms/:id",
    {
      schema: {
        tags,
        summary: "Remove a synonym group",
        params: synonymParams,
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => removeSynonyms(tx, ctx, request.params.providerId, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/catalogues/:providerId/misses",
    {
      schema: {
        tags,
        summary: "Searches that found nothing, most asked first",
        params: providerParam,
        response: { 200: z.object({ items: z.array(missSchema) }), ...problemResponses },
      },
    },
    async (request) => ({ items: await listMisses(db, requireActor(request), request.params.providerId) }),
  );

  app.delete(
    "/catalogues/:providerId/misses",
    {
      schema: {
        tags,
        summary: "Clear a search from the list once the catalogue answers it",
        params: providerParam,
        querystring: z.object({ query: z.string().min(1).max(200) }).strict(),
        response: { 204: z.null(), ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      await mutate(request, (tx, ctx) => dismissMiss(tx, ctx, request.params.providerId, request.query.query));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/catalogues/:providerId/export",
    {
      schema: {
        tags,
        summary: "Export the whole catalogue (every status) as JSON with its synonyms, or as CSV",
        params: providerParam,
        querystring: z.object({ format: z.enum(["json", "csv"]).default("json"), dialect: csvDialectSchema }).strict(),
        response: { 200: z.string(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const body = await exportCatalogue(
        db,
        requireActor(request),
        request.params.providerId,
        format,
        request.query.dialect,
      );
      return sendDownload(reply, `samen-partnercatalogus.${format}`, body);
    },
  );

  // The import reads the file as bytes, so encoding and syntax are checked by the import itself.
  await app.register(async (files) => {
    const child = files.withTypeProvider<ZodTypeProvider>();
    child.removeContentTypeParser("application/json");
    child.addContentTypeParser(
      ["application/json", "text/csv"],
      { parseAs: "buffer", bodyLimit: 10 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    child.post(
      "/catalogues/:providerId/import",
      {
        schema: {
          tags,
          summary:
            "Import a catalogue (JSON as exported, or CSV): entries match on key; nothing is written unless the whole file is valid",
          params: providerParam,
          querystring: z
            .object({
              dryRun: z
                .enum(["true", "false"])
                .default("false")
                .transform((v) => v === "true"),
            })
            .strict(),
          response: { 200: importReportSchema, 422: problemSchema, ...writeProblemResponses },
        },
      },
      async (request, reply) => {
        const body = request.body;
        if (!Buffer.isBuffer(body)) throw new AppError("malformed_request", "problem.sendFile");
        const format = (request.headers["content-type"] ?? "").startsWith("application/json") ? "json" : "csv";
        const report = await mutate(request, (tx, ctx) =>
          importCatalogue(tx, ctx, request.params.providerId, { format, content: body, dryRun: request.query.dryRun }),
        );
        if (report.problems.length && !report.dryRun) {
          throw new AppError(
            "unprocessable",
            "problem.importNothingWritten",
            report.problems.map((p) => ({
              field: p.line ? `line ${p.line}: ${p.field}` : p.field,
              message: p.message,
            })),
            { count: report.problems.length, entries: report.entries },
          );
        }
        return reply.send(report);
      },
    );
  });
}
