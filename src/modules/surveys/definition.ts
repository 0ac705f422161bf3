/**
 * Survey definitions in the SurveyJS JSON format, read with `survey-core` (MIT): what a definition holds, what is
 * wrong with it (the linter), and whether an answer fits it (the server-side validator). Pure apart from the
 * library; no I/O.
 */
import { ConditionRunner, Model, type Question, Serializer } from "survey-core";
// The survey library's own messages in Dutch too (its English ones are built in).
import "survey-core/i18n/dutch";
import { type Language, type Message, sayerIn } from "../../platform/i18n.ts";

export interface Finding {
  severity: "error" | "warning";
  /** The question (or page) concerned, or "definition". */
  where: string;
  message: string;
}

/** How Samen analyses a question's answers. */
export type QuestionKind = "choice" | "multi" | "ranking" | "scale" | "matrix" | "number" | "text" | "boolean";

export interface QuestionInfo {
  name: string;
  type: string;
  kind: QuestionKind | null;
  title: Record<string, string>;
  choices: { value: string; text: Record<string, string> }[];
  rows: { value: string; text: Record<string, string> }[];
  /** For a scale: the lowest and highest value. */
  scale: { min: number; max: number } | null;
}

const kinds: Record<string, QuestionKind> = {
  radiogroup: "choice",
  dropdown: "choice",
  checkbox: "multi",
  tagbox: "multi",
  ranking: "ranking",
  rating: "scale",
  boolean: "boolean",
  matrix: "matrix",
  comment: "text",
  text: "text",
};
/** Elements that hold no answer. */
const layout = new Set(["panel", "html", "image", "expression"]);
const choiceTypes = new Set(["radiogroup", "dropdown", "checkbox", "tagbox", "ranking"]);

type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A localisable text as { default, nl, en, … }. */
function texts(value: unknown, fallback: string): Record<string, string> {
  if (typeof value === "string") return { default: value };
  if (isObject(value)) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
    if (Object.keys(out).length) return out;
  }
  return { default: fallback };
}

/** Choices as SurveyJS writes them: "value", "value|text", or { value, text }. */
function items(list: unknown): { value: string; text: Record<string, string> }[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    if (isObject(item)) {
      const value = String(item.value ?? "");
      return { value, text: texts(item.text, value) };
    }
    const raw = String(item);
    const bar = raw.indexOf("|");
    return bar > 0
      ? { value: raw.slice(0, bar), text: { default: raw.slice(bar + 1) } }
      : { value: raw, text: { default: raw } };
  });
}

/** Every element of a definition with where it sits, panels included, in order. */
function elementsOf(definition: Json, inRepeats = false): { element: Json; where: string }[] {
  const out: { element: Json; where: string }[] = [];
  const walk = (list: unknown, where: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((element, i) => {
      if (!isObject(element)) return;
      const name = typeof element.name === "string" ? element.name : `${where}.${i + 1}`;
      out.push({ element, where: name });
      walk(element.elements, name);
      walk(element.questions, name);
      // The questions of a dynamic panel (a repeat) are linted like any other; their answers are the repeat's.
      if (inRepeats) walk(element.templateElements, name);
    });
  };
  if (Array.isArray(definition.pages)) {
    definition.pages.forEach((page, i) => {
      if (!isObject(page)) return;
      const where = typeof page.name === "string" ? page.name : `page ${i + 1}`;
      walk(page.elements, where);
      walk(page.questions, where);
    });
  }
  walk(definition.elements, "definition");
  walk(definition.questions, "definition");
  return out;
}

/** A choice question's choices: listed, or for a dropdown made with choicesMin and choicesMax, the numbers between. */
function choicesOf(element: Json): { value: string; text: Record<string, string> }[] {
  const listed = items(element.choices);
  if (listed.length || element.type !== "dropdown") return listed;
  const min = Number(element.choicesMin);
  const max = Number(element.choicesMax);
  const step = Number(element.choicesStep ?? 1) || 1;
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min || (max - min) / step > 10_000) return [];
  const out: { value: string; text: Record<string, string> }[] = [];
  for (let v = min; v <= max; v += step) out.push({ value: String(v), text: { default: String(v) } });
  return out;
}

/**
 * The items a choice question adds to its own choices ("other", "none", "refuse to answer", "don't know"), with
 * the values the survey library gives them and their texts: answers that are counted, shown and exported by label
 * like any other choice.
 */
function specialItemsOf(element: Json): { value: string; text: Record<string, string> }[] {
  const both = (key: string) => ({ nl: sayerIn("nl")(key), en: sayerIn("en")(key) });
  const out: { value: string; text: Record<string, string> }[] = [];
  const add = (shown: unknown, value: string, text: unknown, key: string) => {
    if (shown !== true) return;
    const own = texts(text, "");
    out.push({ value, text: own.default === "" ? both(key) : own });
  };
  add(element.showOtherItem ?? element.hasOther, "other", element.otherText, "surveyItem.other");
  add(
    element.showNoneItem ?? element.hasNone,
    String(element.noneValue ?? "none"),
    element.noneText,
    "surveyItem.none",
  );
  add(element.showRefuseItem, "refused", element.refuseText, "surveyItem.refused");
  add(element.showDontKnowItem, "dontknow", element.dontKnowText, "surveyItem.dontKnow");
  return out;
}

/** The questions that hold answers, with what Samen needs to analyse them. */
export function questionsOf(definition: Json): QuestionInfo[] {
  return elementsOf(definition)
    .filter(
      ({ element }) =>
        typeof element.type === "string" && !layout.has(element.type) && typeof element.name === "string",
    )
    .map(({ element }) => {
      const type = element.type as string;
      const name = element.name as string;
      let kind: QuestionKind | null = kinds[type] ?? null;
      if (type === "text" && element.inputType === "number") kind = "number";
      let choices = choicesOf(element);
      let scale: QuestionInfo["scale"] = null;
      if (type === "boolean")
        choices = [
          { value: String(element.valueTrue ?? "true"), text: texts(element.labelTrue, "ja") },
          { value: String(element.valueFalse ?? "false"), text: texts(element.labelFalse, "nee") },
        ];
      if (type === "matrix") choices = items(element.columns);
      if (choiceTypes.has(type)) choices = [...choices, ...specialItemsOf(element)];
      if (type === "rating") {
        const values = items(element.rateValues ?? element.rateValues);
        if (values.length) {
          choices = values;
          const numbers = values.map((v) => Number(v.value)).filter(Number.isFinite);
          scale = numbers.length ? { min: Math.min(...numbers), max: Math.max(...numbers) } : null;
        } else {
          const min = Number(element.rateMin ?? 1);
          const max = Number(element.rateMax ?? 5);
          const step = Number(element.rateStep ?? 1) || 1;
          scale = { min, max };
          choices = [];
          for (let v = min; v <= max; v += step) choices.push({ value: String(v), text: { default: String(v) } });
        }
      }
      return { name, type, kind, title: texts(element.title, name), choices, rows: items(element.rows), scale };
    });
}

const expressionProperties = ["visibleIf", "enableIf", "requiredIf"] as const;

/**
 * What is wrong with a definition, in words. Errors stop it from being used (it would not run, or its answers
 * could not be checked); warnings name what Samen keeps but does not analyse, so nothing is dropped silently.
 */
export function lintDefinition(definition: unknown, language: Language): Finding[] {
  const words = sayerIn(language);
  if (!isObject(definition))
    return [{ severity: "error", where: "definition", message: words("surveyFinding.notAnObject") }];
  const findings: Finding[] = [];
  const hasPages = Array.isArray(definition.pages) && definition.pages.length > 0;
  const hasElements = Array.isArray(definition.elements) || Array.isArray(definition.questions);
  if (!hasPages && !hasElements) {
    return [{ severity: "error", where: "definition", message: words("surveyFinding.noPages") }];
  }
  // A question type of another tool (a custom component) is named, not reported as an incorrect property.
  const custom = elementsOf(definition, true).filter(
    ({ element }) => typeof element.type === "string" && !Serializer.findClass(element.type),
  );
  if (custom.length) {
    return custom.map(({ element, where }) => ({
      severity: "error" as const,
      where,
      message: words("surveyFinding.customType", { type: String(element.type) }),
    }));
  }
  let model: Model;
  try {
    model = new Model(definition);
  } catch (error) {
    return [
      {
        severity: "error",
        where: "definition",
        message: words("surveyFinding.unreadable", { reason: (error as Error).message }),
      },
    ];
  }
  for (const e of model.jsonErrors ?? []) {
    // A name may be anything in a file someone made (a number, an object): the finding names it as text.
    const name = (e as { element?: { name?: unknown } }).element?.name;
    const owner = name === undefined || name === null ? undefined : String(name);
    // Unknown properties are kept in the definition but have no effect: worth knowing, not blocking.
    const unknownProperty = /unknown/i.test(e.message);
    findings.push({
      severity: unknownProperty ? "warning" : "error",
      where: owner ?? "definition",
      message: e.message,
    });
  }
  const names = new Map<string, number>();
  const elements = elementsOf(definition, true);
  for (const { element, where } of elements) {
    const type = typeof element.type === "string" ? element.type : "";
    if (!type) {
      findings.push({ severity: "error", where, message: words("surveyFinding.noType") });
      continue;
    }
    // HTML with markup in it (a plain note has none) loses that markup when shown: say so.
    if (type === "html" && /<[a-z!/]/i.test(JSON.stringify(element.html ?? ""))) {
      findings.push({
        severity: "warning",
        where: typeof element.name === "string" && element.name ? element.name : where,
        message: words("surveyFinding.htmlAsText"),
      });
    }
    if (layout.has(type)) continue;
    if (typeof element.name !== "string" || !element.name.trim()) {
      findings.push({
        severity: "error",
        where,
        message: words("surveyFinding.noName", { type }),
      });
      continue;
    }
    names.set(element.name, (names.get(element.name) ?? 0) + 1);
    if (!(type in kinds)) {
      findings.push({
        severity: "warning",
        where: element.name,
        message: words("surveyFinding.notAnalysed", { type }),
      });
    }
    if (choiceTypes.has(type) && !choicesOf(element).length) {
      const remote = element.choicesByUrl !== undefined;
      findings.push({
        severity: "error",
        where: element.name,
        message: words(remote ? "surveyFinding.remoteChoices" : "surveyFinding.noChoices"),
      });
    }
    if (type === "matrix" && (!items(element.rows).length || !items(element.columns).length)) {
      findings.push({ severity: "error", where: element.name, message: words("surveyFinding.matrix") });
    }
  }
  if (names.size === 0)
    findings.push({ severity: "error", where: "definition", message: words("surveyFinding.noQuestion") });
  for (const [name, count] of names) {
    if (count > 1)
      findings.push({ severity: "error", where: name, message: words("surveyFinding.nameTwice", { name, count }) });
  }
  const known = new Set(names.keys());
  const calculated = Array.isArray(definition.calculatedValues)
    ? definition.calculatedValues.filter(isObject).map((c) => String(c.name))
    : [];
  for (const c of calculated) known.add(c);
  const scopes = [
    ...elements.map((e) => e),
    ...(Array.isArray(definition.pages)
      ? definition.pages.filter(isObject).map((p) => ({ element: p, where: String(p.name ?? "page") }))
      : []),
  ];
  for (const { element, where } of scopes) {
    for (const property of expressionProperties) {
      const expression = element[property];
      if (typeof expression !== "string" || !expression.trim()) continue;
      let variables: string[];
      try {
        variables = new ConditionRunner(expression).getVariables();
      } catch {
        findings.push({
          severity: "error",
          where,
          message: words("surveyFinding.expressionUnreadable", { property, expression }),
        });
        continue;
      }
      for (const variable of variables) {
        const base = variable.split(/[.[]/)[0] ?? variable;
        if (["row", "panel", "item", "choice"].includes(base) || base.startsWith("$")) continue;
        if (!known.has(base)) {
          findings.push({
            severity: "error",
            where,
            message: words("surveyFinding.unknownReference", { property, name: base }),
          });
        }
      }
    }
  }
  return findings;
}

/** The languages a definition speaks, from its localised texts. */
export function localesOf(definition: Json): string[] {
  const found = new Set<string>();
  for (const q of questionsOf(definition)) for (const key of Object.keys(q.title)) found.add(key);
  found.delete("default");
  return [...found].sort();
}

/** A definition made ready for checking answers: the survey library's model and the questions Samen reads. */
export interface CompiledSurvey {
  model: Model;
  questions: QuestionInfo[];
}

export const compileSurvey = (definition: Json): CompiledSurvey => ({
  model: new Model(definition),
  questions: questionsOf(definition),
});

export interface AnswerProblem {
  question: string;
  message: string;
}

const same = (a: unknown, b: string) => String(a) === b;

/**
 * Checks one organisation's answers against the definition as the survey library would when it is completed:
 * required answers (of visible questions only), validators, and values that fit the question (a choice that
 * exists, a number where a number is asked, a matrix row that exists). An answer to a question that is not asked
 * given the other answers (its condition does not hold) is a problem, as is one to a question that does not exist:
 * nothing sent is dropped without a word.
 */
export function validateAnswers(
  { model, questions: list }: CompiledSurvey,
  data: Record<string, unknown>,
  language: Language,
) {
  const words = sayerIn(language);
  // The survey library's own errors ("Response required.") in the same language.
  model.locale = language;
  const questions = new Map(list.map((q) => [q.name, q]));
  const problems: AnswerProblem[] = [];
  for (const key of Object.keys(data)) {
    const base = key.endsWith("-Comment") ? key.slice(0, -"-Comment".length) : key;
    if (!questions.has(base)) problems.push({ question: key, message: words("surveyAnswer.notAQuestion") });
  }
  model.data = data;
  const clean: Record<string, unknown> = {};
  for (const question of model.getAllQuestions(false)) {
    const info = questions.get(question.name);
    const visible = question.isVisible && (question.page?.isVisible ?? true);
    if (!visible) {
      // A question not asked given the other answers takes no answer: one sent is refused, never dropped unsaid
      // (unless the definition keeps such answers: clearInvisibleValues "none").
      const value = data[question.name];
      const empty = value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length);
      if (empty) continue;
      if (model.clearInvisibleValues !== "none") {
        problems.push({ question: question.name, message: words("surveyAnswer.notAsked") });
        continue;
      }
      const fit = info ? fits(info, value, choicesBeyondTheList(question)) : null;
      if (fit) problems.push({ question: question.name, message: words(fit.key, fit.params) });
      else clean[question.name] = value;
      continue;
    }
    if (!question.validate(true)) {
      const found = errorsOf(question);
      // Never an answer dropped without a word: a question that fails says so even when it names no error.
      problems.push(...(found.length ? found : [{ question: question.name, message: words("surveyAnswer.invalid") }]));
      continue;
    }
    const value = data[question.name];
    if (value === undefined || value === null || value === "") continue;
    const fit = info ? fits(info, value, choicesBeyondTheList(question)) : null;
    if (fit) {
      problems.push({ question: question.name, message: words(fit.key, fit.params) });
      continue;
    }
    clean[question.name] = value;
    const comment = data[`${question.name}-Comment`];
    if (typeof comment === "string" && comment.trim()) clean[`${question.name}-Comment`] = comment;
  }
  return { problems, clean };
}

/** The question's errors and those of the questions in its repeated panels, each named by where it is. */
function errorsOf(question: Question): AnswerProblem[] {
  const problems = question.errors.map((error) => ({ question: question.name, message: error.getText() }));
  const panels = (question as Question & { panels?: { questions: Question[] }[] }).panels ?? [];
  panels.forEach((panel, index) => {
    for (const inner of panel.questions)
      for (const problem of errorsOf(inner))
        problems.push({ question: `${question.name}[${index + 1}].${problem.question}`, message: problem.message });
  });
  return problems;
}

/** What a question takes besides its listed choices. */
interface BeyondTheList {
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

function choicesBeyondTheList(question: Question): BeyondTheList {
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
function fits(q: QuestionInfo, value: unknown, beyond: BeyondTheList): Message | null {
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
