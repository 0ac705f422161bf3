import type { ResponseSegments } from "../../platform/db/schema.ts";
import { sizeClassOf } from "./audience.ts";
import type { QuestionInfo } from "./definition.ts";

/** Separates question, matrix row and value in an answer item: a character no name or value holds. */
export const itemSeparator = "\u001f";

/**
 * A submitted answer flattened for counting: one item per answer given to a question the results analyse (a
 * choice, each choice of a list, each row of a matrix, a scale value, a number, yes or no). Free texts are not
 * counted, so they are not items.
 */
export function answerItems(questions: readonly QuestionInfo[], data: Record<string, unknown>): string[] {
  const items: string[] = [];
  for (const q of questions) {
    if (!q.kind || q.kind === "text") continue;
    const value = data[q.name];
    if (value === undefined || value === null) continue;
    const item = (row: string, v: unknown) => items.push([q.name, row, String(v)].join(itemSeparator));
    if (Array.isArray(value)) for (const v of value) item("", v);
    else if (typeof value === "object") for (const [row, v] of Object.entries(value)) item(row, v);
    else item("", value);
  }
  return items;
}

/** The columns a submitted answer carries besides its data: its items and the segments results split by most. */
export function submittedColumns(
  questions: readonly QuestionInfo[],
  data: Record<string, unknown>,
  segments: ResponseSegments,
  thresholds: readonly number[],
) {
  return {
    items: answerItems(questions, data),
    segments,
    segmentKind: segments.kind,
    segmentProvinceId: segments.provinceId,
    segmentSizeClass: sizeClassOf(segments.population, thresholds),
  };
}
