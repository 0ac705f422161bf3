/**
 * Whether an answer's value fits its question (a choice that exists, a number where a number is asked, a matrix row
 * that exists, a text no longer than the question takes): Samen's own checks, beside the survey library's required
 * answers and validators. Pure; no I/O.
 */
import type { Question } from "survey-core";
import type { Message } from "../../platform/i18n.ts";
import { isObject, type QuestionInfo } from "./definition.ts";

const same = (a: unknown, b: string) => String(a) === b;

/** What a question takes besides its listed choices. */
export interface BeyondTheList {
  /** The values of its "other", "none", "refuse to answer" and "don't know" items, as the survey library sets them. */
  items: Set<string>;
  /** "Other" kept as the typed text itself (`storeOthersAsComment: false`): any text is an answer. */
  otherText: boolean;
  /** A yes/no question's own values (`valueTrue`, `valueFalse`). */
  yesNo: unknown[];
  /** How many choices may be selected at most and must be at least (0: no limit). */
  maxSelected: number;
  minSelected: number;
  /** The longest text the question takes (`maxLength`, or the survey's `maxTextLength`); 0: no limit of its own. */
  maxLength: number;
  /** A number that must be whole (`step: 1`, as an XLSForm integer becomes). */
  whole: boolean;
  /** The choices shown for the answers given, when some are shown only under a condition; null when all are. */
  visible: Set<string> | null;
}

export function choicesBeyondTheList(question: Question): BeyondTheList {
  const q = question as Question & Record<string, unknown>;
  const items = new Set<string>();
  const itemValue = (item: unknown) => String((item as { value?: unknown } | undefined)?.value ?? "");
  const other = q.hasOther === true || q.showOtherItem === true;
  if (other) items.add(itemValue(q.otherItem) || "other");
  if (q.showNoneItem === true || q.hasNone === true) items.add(itemValue(q.noneItem) || "none");
  if (q.showRefuseItem === true) items.add(itemValue(q.refuseItem) || "refused");
  if (q.showDontKnowItem === true) items.add(itemValue(q.dontKnowItem) || "dontknow");
  const yesNo = [q.valueTrue, q.valueFalse].filter((v) => v !== undefined && v !== null);
  // Choices shown only under a condition (cascading choices): an answer must be one shown for the answers given.
  const all = (q.choices as { visibleIf?: string }[] | undefined) ?? [];
  const visible = all.some((c) => c.visibleIf)
    ? new Set(((q.visibleChoices as { value: unknown }[] | undefined) ?? []).map((c) => String(c.value)))
    : null;
  return {
    items,
    otherText: other && q.storeOthersAsComment === false,
    yesNo,
    maxSelected: Number(q.maxSelectedChoices) || 0,
    minSelected: Number(q.minSelectedChoices) || 0,
    whole: q.inputType === "number" && Number(q.step) === 1,
    maxLength: Number((question as Question & { getMaxLength?: () => number }).getMaxLength?.() ?? q.maxLength) || 0,
    visible,
  };
}

/** Why a value does not fit its question, or null when it does. */
export function fits(q: QuestionInfo, value: unknown, beyond: BeyondTheList): Message | null {
  const why = (key: string, params?: Message["params"]): Message => ({
    key: `surveyAnswer.${key}`,
    ...(params ? { params } : {}),
  });
  const inChoices = (v: unknown) =>
    (q.choices.some((c) => same(v, c.value)) && (beyond.visible === null || beyond.visible.has(String(v)))) ||
    beyond.items.has(String(v)) ||
    (beyond.otherText && typeof v === "string");
  switch (q.kind) {
    case "choice":
      return inChoices(value) ? null : why("notAChoice", { value: JSON.stringify(value) });
    case "multi":
    case "ranking":
      if (!Array.isArray(value)) return why("notAList");
      if (!value.every(inChoices)) return why("listNotChoices");
      if (beyond.maxSelected && value.length > beyond.maxSelected)
        return why("tooManyChoices", { count: value.length, max: beyond.maxSelected });
      if (beyond.minSelected && value.length < beyond.minSelected)
        return why("tooFewChoices", { count: value.length, min: beyond.minSelected });
      return null;
    case "boolean":
      return typeof value === "boolean" || beyond.yesNo.some((v) => v === value) ? null : why("notYesNo");
    case "scale": {
      if (!inChoices(value)) return why("notOnScale", { value: JSON.stringify(value) });
      return null;
    }
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value)) return why("notANumber");
      return beyond.whole && !Number.isInteger(value) ? why("notWhole") : null;
    case "text": {
      // The browser stops typing at maxLength; an answer sent otherwise is checked here too.
      const max = beyond.maxLength > 0 ? Math.min(beyond.maxLength, 10_000) : 10_000;
      if (typeof value !== "string") return why("notText");
      return value.length > max ? why("tooLong", { max }) : null;
    }
    case "matrix": {
      if (!isObject(value)) return why("notAMatrix");
      for (const [row, column] of Object.entries(value)) {
        if (!q.rows.some((r) => r.value === row)) return why("noSuchRow", { row });
        if (!inChoices(column)) return why("notAColumn", { row, value: JSON.stringify(column) });
      }
      return null;
    }
    default:
      return null;
  }
}
