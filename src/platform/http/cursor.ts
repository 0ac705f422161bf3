import { AppError } from "../errors.ts";

/** Opaque keyset cursors: the sort values of the last row of a page, as base64url JSON. */
export const encodeCursor = (values: readonly (string | number | null)[]) =>
  Buffer.from(JSON.stringify(values)).toString("base64url");

export function decodeCursor(cursor: string, length: number): (string | number | null)[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => v === null || typeof v === "string" || typeof v === "number")
    )
      return values;
  } catch {
    // fall through to the error below
  }
  throw new AppError("validation_failed", "problem.cursorUnknown", [{ field: "cursor", message: "field.cursor" }]);
}
