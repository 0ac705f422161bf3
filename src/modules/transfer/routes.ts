import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { AppError } from "../../platform/errors.ts";
import { sendDownload } from "../../platform/http/download.ts";
import { contextOf, requireActor } from "../../platform/http/request.ts";
import {
  csvDialectSchema,
  problemResponses,
  problemSchema,
  writeProblemResponses,
} from "../../platform/http/schemas.ts";
import { exportJsonLd } from "./export-jsonld.ts";
import { exportRows, toCsv } from "./export-rows.ts";
import { transferKinds } from "./formats.ts";
import { importFile } from "./import-rows.ts";

const tags = ["import and export"];
const importLimit = 25 * 1024 * 1024;

const reportSchema = z
  .object({
    kind: z.enum(transferKinds),
    rows: z.number().int(),
    valid: z.number().int(),
    written: z.number().int(),
    skipped: z.number().int(),
    dryRun: z.boolean(),
    problems: z.array(z.object({ line: z.number().int(), field: z.string(), message: z.string() })),
  })
  .meta({ id: "ImportReport" });

export async function transferRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database, config } = base.platform;

  // Import files are read as they are (bytes), so encoding and syntax are checked by the import itself.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser(
    ["application/json", "text/csv"],
    { parseAs: "buffer", bodyLimit: importLimit },
    (_request, body, done) => done(null, body),
  );

  app.get(
    "/exports/:kind",
    {
      schema: {
        tags,
        summary: "Export organisations, collaborations or memberships (CSV or JSON), or the register as JSON-LD",
        params: z.object({ kind: z.enum([...transferKinds, "jsonld"]) }).strict(),
        querystring: z.object({ format: z.enum(["csv", "json"]).default("csv"), dialect: csvDialectSchema }).strict(),
        response: { 200: z.unknown(), ...problemResponses },
      },
    },
    async (request, reply) => {
      requireActor(request);
      const { kind } = request.params;
      if (kind === "jsonld") {
        return sendDownload(
          reply,
          "samen-register.jsonld",
          JSON.stringify(await exportJsonLd(database.db, config.publicUrl)),
        );
      }
      const rows = await exportRows(database.db, kind);
      if (request.query.format === "json") return sendDownload(reply, `samen-${kind}.json`, JSON.stringify(rows));
      return sendDownload(reply, `samen-${kind}.csv`, toCsv(kind, rows, request.query.dialect));
    },
  );

  app.post(
    "/imports/:kind",
    {
      bodyLimit: importLimit,
      schema: {
        tags,
        summary:
          "Import a CSV (text/csv) or JSON (application/json) file; nothing is written unless every row is valid, or skipInvalid is set",
        params: z.object({ kind: z.enum(transferKinds) }).strict(),
        querystring: z
          .object({
            skipInvalid: z
              .enum(["true", "false"])
              .default("false")
              .transform((v) => v === "true"),
            dryRun: z
              .enum(["true", "false"])
              .default("false")
              .transform((v) => v === "true"),
          })
          .strict(),
        response: { 200: reportSchema, 422: problemSchema, ...writeProblemResponses },
      },
    },
    async (request, reply) => {
      const ctx = contextOf(request);
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError("malformed_request", "problem.sendFile");
      const format = (request.headers["content-type"] ?? "").startsWith("application/json") ? "json" : "csv";
      const report = await importFile(database.db, ctx, {
        kind: request.params.kind,
        format,
        content: body,
        skipInvalid: request.query.skipInvalid,
        dryRun: request.query.dryRun,
      });
      // A file refused whole is unprocessable: the problem lists every row at fault, with its line.
      if (report.written === 0 && report.problems.length && !report.dryRun) {
        throw new AppError(
          "unprocessable",
          report.rows === 0
            ? `Nothing written: the file cannot be read as ${report.kind}.`
            : `Nothing written: ${report.problems.length} problem(s) in ${report.rows} rows. Fix them, or import with skipInvalid=true.`,
          report.problems.map((p) => ({ field: p.line ? `line ${p.line}: ${p.field}` : "file", message: p.message })),
        );
      }
      return reply.send(report);
    },
  );
}
