import { AppError } from "../errors.ts";

/** A strong entity tag from a row's version counter. */
export const etagOf = (version: number) => `"v${version}"`;

/**
 * The version an update expects, from its If-Match header. A write without one is refused (428),
 * so that nobody overwrites a change they have not seen.
 */
export function expectedVersion(ifMatch: string | undefined): number {
  if (!ifMatch) throw new AppError("precondition_required", "problem.sendIfMatch");
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(ifMatch.trim());
  if (!match?.[1]) {
    throw new AppError("precondition_failed", "problem.ifMatchUnknown", [
      { field: "If-Match", message: 'must be an ETag like "v3" as returned by GET' },
    ]);
  }
  return Number(match[1]);
}
