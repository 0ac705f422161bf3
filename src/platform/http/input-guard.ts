import type { FieldError } from "../errors.ts";

/** A high surrogate not followed by a low one, or a low one not preceded by a high one: not Unicode text. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isWellFormed = (text: string) => !loneSurrogate.test(text);

/** How deeply a request's JSON may nest: far beyond any form Samen takes, far below what would exhaust a stack. */
export const maxDepth = 64;

/**
 * The first thing in a request's body, query or path that no field of Samen accepts, whatever its schema: a NUL
 * character (PostgreSQL text cannot hold it), a lone surrogate (not Unicode; it cannot be stored as UTF-8), or
 * nesting deeper than `maxDepth`. Walked without recursion, so the walk itself never runs out of stack.
 */
export function unacceptableInput(value: unknown, where: string): FieldError | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: where, depth: 0 }];
  while (stack.length) {
    const { value: current, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof current === "string") {
      if (current.includes("\u0000")) return { field: path, message: "field.noNul" };
      if (!isWellFormed(current)) return { field: path, message: "field.unicode" };
      continue;
    }
    if (current === null || typeof current !== "object") continue;
    if (depth >= maxDepth) return { field: path, message: "field.nestedTooDeep", params: { depth: maxDepth } };
    if (Array.isArray(current)) {
      current.forEach((item, index) => {
        stack.push({ value: item, path: `${path}.${index}`, depth: depth + 1 });
      });
      continue;
    }
    if (Buffer.isBuffer(current) || ArrayBuffer.isView(current)) continue;
    for (const [key, item] of Object.entries(current)) {
      const at = `${path}.${key}`;
      if (key.includes("\u0000") || !isWellFormed(key)) return { field: at, message: "field.invalidFieldName" };
      stack.push({ value: item, path: at, depth: depth + 1 });
    }
  }
  return null;
}
