/**
 * Survey definitions in the SurveyJS JSON format, read with `survey-core` (MIT): what a definition holds and what is
 * wrong with it (the linter). Whether an answer fits it is answer-check.ts's. Pure apart from the library; no I/O.
 */
import { ConditionRunner, Model, Serializer } from "survey-core";
// The survey library's own messages in Dutch too (its English ones are built in).
import "survey-core/i18n/dutch";
import { type Language, sayerIn } from "../../platform/i18n.ts";

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
