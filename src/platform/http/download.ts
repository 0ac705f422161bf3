import type { FastifyReply } from "fastify";
import { z } from "zod";

/** The media types Samen sends files as. */
export const mediaTypes = {
  csv: "text/csv; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  json: "application/json; charset=utf-8",
  jsonld: "application/ld+json; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/** Sends a file to be saved under `filename` (its extension picks the media type). */
export function sendDownload(reply: FastifyReply, filename: string, body: string | Uint8Array) {
  const extension = filename.slice(filename.lastIndexOf(".") + 1) as keyof typeof mediaTypes;
  return reply
    .header("content-type", mediaTypes[extension] ?? "application/octet-stream")
    .header("content-disposition", `attachment; filename="${filename}"`)
    .send(typeof body === "string" ? body : Buffer.from(body));
}

/** A file answered for saving (PDF, spreadsheet, attachment): its bytes, as the OpenAPI document describes them. */
export const fileSchema = z.string().meta({ format: "binary", description: "The file's bytes" });
