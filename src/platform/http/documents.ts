import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { documentProblem, documentTypes, maxDocumentBytes } from "../documents.ts";
import { AppError } from "../errors.ts";
import { type Language, say } from "../i18n.ts";
import { requiredText } from "./schemas.ts";

/**
 * How documents travel over the API, for every module that keeps them: the body is the file's bytes with its type
 * as Content-Type, its title and file name in the query; it is sent back for saving, never shown in place.
 */

/** In the plugin that calls it alone, a body is a file's bytes of one of the accepted types. */
export function acceptDocumentBodies(app: FastifyInstance) {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...documentTypes], { parseAs: "buffer", bodyLimit: maxDocumentBytes }, (_r, body, done) =>
    done(null, body),
  );
}

export const documentTitle = requiredText(200);
export const documentFilename = requiredText(200).refine((s) => !/[\\/]/.test(s), { message: "field.fileName" });

/** The bytes and declared type of a document request, or a problem if the body is not a file. */
export function documentOf(request: FastifyRequest) {
  if (!Buffer.isBuffer(request.body)) throw new AppError("unsupported_media_type", "problem.sendFileBytes");
  return {
    bytes: request.body,
    contentType:
      String(request.headers["content-type"] ?? "")
        .split(";")[0]
        ?.trim() ?? "",
  };
}

/** Refuses bytes that are not what their type says (or too large, or empty), in the request's language. */
export async function checkDocument(bytes: Uint8Array, contentType: string, language: Language) {
  const problem = await documentProblem(bytes, contentType);
  if (!problem) return;
  const message = say(language, problem);
  throw new AppError(problem.key === "document.tooLarge" ? "payload_too_large" : "unprocessable", message, [
    { field: "file", message },
  ]);
}

/** Sends a stored document for saving: its own type, sandboxed, not sniffed, not cached. */
export const sendDocument = (reply: FastifyReply, file: { contentType: string; filename: string; data: Buffer }) =>
  reply
    .header("content-type", file.contentType)
    .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header("content-security-policy", "sandbox")
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .send(file.data);
