import { fileTypeFromBuffer } from "file-type";
import type { Message } from "./i18n.ts";

/**
 * Documents people attach (a project's plans, a participant's adopted policy): the kinds an office files, each
 * checked against the bytes (`file-type` reads the signature, and looks inside the zip of an Office or
 * OpenDocument file), so a file that says it is a PDF and is not, is refused.
 */
export const documentTypes = [
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.oasis.opendocument.text",
  "application/vnd.oasis.opendocument.spreadsheet",
  "image/png",
  "image/jpeg",
  "text/plain",
  "text/csv",
] as const;
export type DocumentType = (typeof documentTypes)[number];

export const maxDocumentBytes = 10 * 1024 * 1024;

const textTypes = new Set<string>(["text/plain", "text/csv"]);

/** The problem with a document's bytes as the type it claims, or null when they are what they say. */
export async function documentProblem(bytes: Uint8Array, declared: string): Promise<Message | null> {
  if (!(documentTypes as readonly string[]).includes(declared))
    return { key: "document.typeNotAccepted", params: { type: declared.slice(0, 100) } };
  if (bytes.length === 0) return { key: "document.empty" };
  if (bytes.length > maxDocumentBytes)
    return { key: "document.tooLarge", params: { megabytes: maxDocumentBytes / 1024 / 1024 } };
  const found = await fileTypeFromBuffer(bytes);
  if (textTypes.has(declared)) {
    // Text has no signature: it is UTF-8 without NUL, and nothing a signature names.
    if (found) return { key: "document.notWhatItSays", params: { type: declared, found: found.mime } };
    try {
      const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      if (text.includes("\u0000")) return { key: "document.notText" };
    } catch {
      return { key: "document.notText" };
    }
    return null;
  }
  if (found?.mime !== declared)
    return { key: "document.notWhatItSays", params: { type: declared, found: found?.mime ?? "?" } };
  return null;
}
