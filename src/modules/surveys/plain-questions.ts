/**
 * A survey definition's questions compiled once for checking answers without the survey library's model, when
 * the definition uses only what Samen then checks exactly as the model does: questions of the common types,
 * shown and required under conditions over other answers (the library's own condition runner, compiled once),
 * required answers, and Samen's fit checks. Filling in the model for every answer is most of a submission's cost;
 * these checks are a few condition runs.
 *
 * Anything else (validators, minimum selections, "other" with its comment, repeats, calculated values, triggers,
 * functions in conditions, properties this file does not know) leaves the definition to the model: every property
 * of a definition is either listed here or sends it there. The tests hold both ways to the same verdicts over every
 * survey in the corpus and generated answers (answer-check.test.ts).
 */
import { ConditionRunner, type Model, type Question } from "survey-core";
import { type BeyondTheList, choicesBeyondTheList } from "./answer-fit.ts";
import { isObject } from "./definition.ts";

type Json = Record<string, unknown>;

export interface PlainQuestion {
  name: string;
  /** The model's question, for its texts (the required error in the survey's own words). */
  question: Question;
  /** Whether it is asked given the answers: its own condition and those of the panels and page around it. */
  shown: (answers: Json) => boolean;
  /** Whether an answer is required given the answers. */
  required: (answers: Json) => boolean;
  /** What it takes besides its listed choices (fixed: no choice of it depends on a condition). */
  beyond: BeyondTheList;
}

const list = (...keys: string[]) => new Set(keys);
/** What the survey as a whole may say: presentation, and the two ways of treating answers to hidden questions. */
const surveyKeys = list(
  "$schema",
  "title",
  "description",
  "locale",
  "logo",
  "logoPosition",
  "logoWidth",
  "logoHeight",
  "logoFit",
  "pages",
  "elements",
  "questions",
  "showQuestionNumbers",
  "questionNumberPattern",
  "showProgressBar",
  "progressBarType",
  "progressBarShowPageTitles",
  "completedHtml",
  "completeText",
  "pageNextText",
  "pagePrevText",
  "previewText",
  "editText",
  "startSurveyText",
  "showTitle",
  "showPageTitles",
  "widthMode",
  "width",
  "clearInvisibleValues",
  "checkErrorsMode",
  "textUpdateMode",
  "maxTextLength",
  "maxCommentLength",
  "showPrevButton",
  "showCompletedPage",
  "questionErrorLocation",
  "questionTitleLocation",
  "questionDescriptionLocation",
  "requiredMark",
  "requiredText",
  "showPreviewBeforeComplete",
  "headerView",
  "autoFocusFirstQuestion",
  "focusFirstQuestionAutomatic",
  "goNextPageAutomatic",
  "autoAdvanceEnabled",
  "allowCompleteSurveyAutomatic",
  "cookieName",
  "sendResultOnPageNext",
  "showNavigationButtons",
  "navigationButtonsLocation",
  "showTOC",
  "tocLocation",
);
const pageKeys = list(
  "name",
  "title",
  "description",
  "elements",
  "questions",
  "visibleIf",
  "visible",
  "navigationTitle",
  "navigationDescription",
  "questionTitleLocation",
);
/** What every element may say: where and how it is shown, and when it is shown and required. */
const elementKeys = [
  "type",
  "name",
  "title",
  "description",
  "visibleIf",
  "visible",
  "isRequired",
  "requiredIf",
  "requiredErrorText",
  "startWithNewLine",
  "width",
  "minWidth",
  "maxWidth",
  "titleLocation",
  "descriptionLocation",
  "indent",
  "hideNumber",
  "showNumber",
  "state",
  "placeholder",
];
const choiceKeys = [
  "choices",
  "choicesOrder",
  "colCount",
  "separateSpecialChoices",
  "showClearButton",
  "showNoneItem",
  "hasNone",
  "noneText",
  "noneValue",
  "showRefuseItem",
  "refuseText",
  "showDontKnowItem",
  "dontKnowText",
];
const searchKeys = ["allowClear", "searchEnabled", "searchMode"];
const typeKeys: Record<string, Set<string>> = {
  text: list(...elementKeys, "inputType", "maxLength", "size", "autocomplete", "dataList", "textUpdateMode"),
  comment: list(
    ...elementKeys,
    "maxLength",
    "rows",
    "autoGrow",
    "allowResize",
    "acceptCarriageReturn",
    "textUpdateMode",
  ),
  radiogroup: list(...elementKeys, ...choiceKeys),
  dropdown: list(...elementKeys, ...choiceKeys, ...searchKeys, "choicesMin", "choicesMax", "choicesStep"),
  checkbox: list(...elementKeys, ...choiceKeys, "maxSelectedChoices"),
  tagbox: list(
    ...elementKeys,
    ...choiceKeys,
    ...searchKeys,
    "maxSelectedChoices",
    "hideSelectedItems",
    "closeOnSelect",
  ),
  rating: list(
    ...elementKeys,
    "rateMin",
    "rateMax",
    "rateStep",
    "rateValues",
    "rateType",
    "rateCount",
    "minRateDescription",
    "maxRateDescription",
    "displayMode",
    "scaleColorMode",
    "rateColorMode",
    "displayRateDescriptionsAsExtremeItems",
    "rateDisplayMode",
    "autoGenerate",
  ),
  boolean: list(...elementKeys, "labelTrue", "labelFalse", "valueTrue", "valueFalse", "swapOrder", "renderAs", "label"),
  matrix: list(...elementKeys, "rows", "columns", "columnMinWidth", "alternateRows", "rowsOrder", "showHeader"),
  html: list(...elementKeys, "html"),
  image: list(...elementKeys, "imageLink", "imageHeight", "imageWidth", "imageFit", "contentMode", "altText"),
  panel: list(
    ...elementKeys.filter((k) => k !== "isRequired" && k !== "requiredIf" && k !== "requiredErrorText"),
    "elements",
    "questions",
    "innerIndent",
    "questionStartIndex",
    "showQuestionNumbers",
    "questionTitleLocation",
    "questionErrorLocation",
  ),
};
/** Number inputs only as plain numbers: a minimum, a maximum or a step brings the library's own checks. */
const plainInputTypes = new Set([undefined, "text", "number", "tel"]);
const itemKeys = list("value", "text");
const itemLists = ["choices", "rows", "columns", "rateValues"];

const only = (object: Json, allowed: Set<string>) => Object.keys(object).every((k) => allowed.has(k));
/** Choices, rows and columns as plain values or { value, text }: none shown under a condition of its own. */
const plainItems = (items: unknown) =>
  items === undefined ||
  (Array.isArray(items) &&
    items.every((i) => typeof i === "string" || typeof i === "number" || (isObject(i) && only(i, itemKeys))));

/** Whether every element in the list, panels included, is one this file checks as the model does. */
function plainElements(elements: unknown): boolean {
  if (elements === undefined) return true;
  if (!Array.isArray(elements)) return false;
  return elements.every((element) => {
    if (!isObject(element) || typeof element.type !== "string") return false;
    const allowed = typeKeys[element.type];
    if (!allowed || !only(element, allowed)) return false;
    if (element.type === "text" && !plainInputTypes.has(element.inputType as string | undefined)) return false;
    if (!itemLists.every((key) => plainItems(element[key]))) return false;
    return element.type === "panel" ? plainElements(element.elements) && plainElements(element.questions) : true;
  });
}

/**
 * The definition's questions compiled for checking without the model, or null when it uses anything this file does
 * not check as the model does.
 */
export function plainQuestionsOf(definition: Json, model: Model): PlainQuestion[] | null {
  if (!only(definition, surveyKeys)) return null;
  if (![undefined, "onComplete", "none"].includes(definition.clearInvisibleValues as string | undefined)) return null;
  const pages = definition.pages ?? [];
  if (!Array.isArray(pages) || !pages.every((p) => isObject(p) && only(p, pageKeys))) return null;
  if (!pages.every((p) => plainElements(p.elements) && plainElements(p.questions))) return null;
  if (!plainElements(definition.elements) || !plainElements(definition.questions)) return null;

  const questions = model.getAllQuestions(false);
  const names = new Set(questions.map((q) => q.name));
  // One question per name (notes and images among them, which hold no answer): anything else is the model's.
  if (names.size !== questions.length) return null;
  const runners = new Map<string, ConditionRunner | null>();
  /** A condition over other answers by name only (no functions, no properties, nothing asynchronous), compiled. */
  const condition = (expression: unknown): ConditionRunner | null => {
    if (typeof expression !== "string" || !expression.trim()) return null;
    if (runners.has(expression)) return runners.get(expression) as ConditionRunner | null;
    let runner: ConditionRunner | null = new ConditionRunner(expression);
    try {
      if (
        !runner.canRun() ||
        runner.isAsync ||
        runner.hasFunction() ||
        !runner.getVariables().every((v) => names.has(v))
      )
        runner = null;
    } catch {
      runner = null;
    }
    runners.set(expression, runner);
    return runner;
  };
  const out: PlainQuestion[] = [];
  for (const question of questions) {
    const conditions: ConditionRunner[] = [];
    let hidden = false;
    // The question, then every panel around it, then its page: each shown by its condition, or by `visible` alone.
    for (let element: unknown = question; element; element = (element as { parent?: unknown }).parent) {
      const { visibleIf, visible } = element as { visibleIf?: string; visible?: boolean };
      if (visibleIf?.trim()) {
        const runner = condition(visibleIf);
        if (!runner) return null;
        conditions.push(runner);
      } else if (visible === false) hidden = true;
    }
    let requiredIf: ConditionRunner | null = null;
    if (question.requiredIf?.trim()) {
      requiredIf = condition(question.requiredIf);
      if (!requiredIf) return null;
    }
    const isRequired = question.isRequired;
    out.push({
      name: question.name,
      question,
      shown: (answers) => !hidden && conditions.every((c) => c.runValues(answers)),
      required: requiredIf ? (answers) => (requiredIf as ConditionRunner).runValues(answers) : () => isRequired,
      beyond: choicesBeyondTheList(question),
    });
  }
  return out;
}
