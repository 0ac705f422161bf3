/**
 * A Samen survey as an XLSForm (sheets survey, choices, settings), so a survey can leave Samen for KoboToolbox or
 * ODK. What XLSForm cannot say is named row by row on a sheet of its own ("samen_notes"), never dropped silently.
 * Importing the file again (xlsform.ts) gives the same questions.
 */
import { type Language, sayerIn } from "../../platform/i18n.ts";
import { writeXlsx } from "../../platform/xlsx.ts";
import { isObject } from "./definition.ts";

type Json = Record<string, unknown>;
type Texts = string | Record<string, string> | undefined;

/** An answer as XLSForm names it: ${name}. */
const reference = (name: string) => `$${"{"}${name}}`;

/** A SurveyJS expression in XLSForm syntax: `{x}` as `${x}`, `contains` as `selected()`, `<>` as `!=`. */
export function expressionToXlsform(expression: string, self?: string): string {
  let out = expression.replace(
    /\{(?:panel\.)?([A-Za-z_][\w.-]*)\}\s+contains\s+('[^']*'|"[^"]*")/g,
    (_, name: string, value: string) => `selected(${reference(name)}, ${value})`,
  );
  if (self)
    out = out.replace(new RegExp(`\\{(?:panel\\.)?${self.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}\\}`, "g"), ".");
  out = out.replace(/\{(?:panel\.)?([A-Za-z_][\w.-]*)\}/g, (_, name: string) => reference(name)).replace(/<>/g, "!=");
  // An optional question's check as Samen writes it on import: "{x} empty or (…)"; XLSForm checks only answers.
  return out.replace(/^\.\s+empty\s+or\s+\((.*)\)$/s, "$1");
}

export function surveyToXlsform(definition: Json, language: Language): Uint8Array {
  const words = sayerIn(language);
  const locales = new Set<string>();
  const collect = (value: unknown) => {
    if (isObject(value)) for (const key of Object.keys(value)) if (key !== "default") locales.add(key);
  };
  const elementsOf = (list: unknown): Json[] => (Array.isArray(list) ? list.filter(isObject) : []);
  const pages = elementsOf(definition.pages);
  // A page with a title or a condition (a LimeSurvey question group) becomes a group; a plain page, its questions.
  const top = pages.length
    ? pages.flatMap((p) => (p.visibleIf || p.title ? [{ ...p, type: "panel" }] : elementsOf(p.elements)))
    : elementsOf(definition.elements);
  const walk = (list: Json[]) => {
    for (const e of list) {
      collect(e.title);
      collect(e.description);
      for (const c of elementsOf(e.choices)) collect(c.text);
      walk(elementsOf(e.elements));
      walk(elementsOf(e.templateElements));
    }
  };
  walk(top);
  const languages = [...locales].sort();
  const textColumns = (column: string) => (languages.length ? languages.map((l) => `${column}::${l}`) : [column]);
  const textsOf = (value: Texts, fallback = ""): string[] => {
    if (!languages.length) return [typeof value === "string" ? value : (value?.default ?? fallback)];
    return languages.map((l) =>
      typeof value === "string" ? value : (value?.[l] ?? value?.default ?? Object.values(value ?? {})[0] ?? fallback),
    );
  };

  const survey: (string | number | null)[][] = [
    [
      "type",
      "name",
      ...textColumns("label"),
      ...textColumns("hint"),
      "required",
      "relevant",
      "constraint",
      "appearance",
      "parameters",
    ],
  ];
  const choices: (string | number | null)[][] = [["list_name", "name", ...textColumns("label")]];
  const notes: (string | number | null)[][] = [["row", "name", "note"]];
  const row = (
    type: string,
    e: Json,
    extra: { appearance?: string; parameters?: string; constraint?: string } = {},
  ) => {
    const name = String(e.name ?? "");
    survey.push([
      type,
      name,
      ...textsOf(e.title as Texts, name),
      ...textsOf(e.description as Texts),
      e.isRequired === true ? "yes" : "",
      typeof e.visibleIf === "string" ? expressionToXlsform(e.visibleIf) : "",
      extra.constraint ?? "",
      extra.appearance ?? "",
      extra.parameters ?? "",
    ]);
  };
  const note = (e: Json, message: string) => notes.push([survey.length + 1, String(e.name ?? ""), message]);
  const listFor = (e: Json, values: { value: unknown; text?: Texts }[]) => {
    const list = String(e.name);
    for (const c of values) choices.push([list, String(c.value), ...textsOf(c.text, String(c.value))]);
    return list;
  };
  const choiceItems = (e: Json) =>
    elementsOf(e.choices).length || !Array.isArray(e.choices)
      ? elementsOf(e.choices).map((c) => ({ value: c.value, text: c.text as Texts }))
      : (e.choices as unknown[]).map((c) => ({ value: c, text: String(c) }));
  const constraintOf = (e: Json) => {
    const validators = elementsOf(e.validators);
    const expressions = validators.filter((v) => v.type === "expression" && typeof v.expression === "string");
    if (validators.length > expressions.length) note(e, words("surveyExport.validators"));
    return expressions.map((v) => `(${expressionToXlsform(String(v.expression), String(e.name))})`).join(" and ");
  };

  const write = (list: Json[]) => {
    for (const e of list) {
      const type = String(e.type ?? "");
      const other = e.showOtherItem === true || e.hasOther === true ? " or_other" : "";
      if (e.showNoneItem === true || e.showRefuseItem === true || e.showDontKnowItem === true)
        note(e, words("surveyExport.specialItems"));
      switch (type) {
        case "panel":
          row("begin_group", e);
          write(elementsOf(e.elements));
          survey.push(["end_group", String(e.name ?? "")]);
          break;
        case "paneldynamic":
          row("begin_repeat", e);
          write(elementsOf(e.templateElements));
          survey.push(["end_repeat", String(e.name ?? "")]);
          break;
        case "html":
          row("note", { ...e, title: e.html });
          break;
        case "text": {
          const input = String(e.inputType ?? "text");
          const constraint = constraintOf(e);
          if (input === "number") row(Number(e.step) === 1 ? "integer" : "decimal", e, { constraint });
          else if (input === "date") row("date", e, { constraint });
          else if (input === "time") row("time", e, { constraint });
          else if (input === "datetime-local") row("datetime", e, { constraint });
          else row("text", e, { constraint });
          break;
        }
        case "comment":
          row("text", e, { appearance: "multiline", constraint: constraintOf(e) });
          break;
        case "radiogroup":
          row(`select_one ${listFor(e, choiceItems(e))}${other}`, e);
          break;
        case "dropdown":
          row(`select_one ${listFor(e, choiceItems(e))}${other}`, e, { appearance: "minimal" });
          break;
        case "checkbox":
        case "tagbox":
          row(`select_multiple ${listFor(e, choiceItems(e))}${other}`, e);
          if (e.maxSelectedChoices || e.minSelectedChoices) note(e, words("surveyExport.selectionLimits"));
          break;
        case "ranking":
          row(`rank ${listFor(e, choiceItems(e))}`, e);
          break;
        case "boolean":
          row(
            `select_one ${listFor(e, [
              { value: "true", text: (e.labelTrue as Texts) ?? words("surveyExport.yes") },
              { value: "false", text: (e.labelFalse as Texts) ?? words("surveyExport.no") },
            ])}`,
            e,
          );
          note(e, words("surveyExport.boolean"));
          break;
        case "rating":
          if (Array.isArray(e.rateValues) && e.rateValues.length) {
            const values = (e.rateValues as unknown[]).map((v) =>
              isObject(v) ? { value: v.value, text: v.text as Texts } : { value: v, text: String(v) },
            );
            row(`select_one ${listFor(e, values)}`, e);
          } else {
            const start = Number(e.rateMin ?? 1);
            const end = Number(e.rateMax ?? 5);
            const step = Number(e.rateStep ?? 1) || 1;
            row("range", e, { parameters: `start=${start} end=${end} step=${step}` });
          }
          break;
        default:
          note(e, words("surveyExport.unsupported", { type }));
      }
    }
  };
  write(top);
  const title = definition.title as Texts;
  const settings: (string | number | null)[][] = [
    [...textColumns("form_title"), "form_id", ...(languages.length ? ["default_language"] : [])],
    [
      ...textsOf(title, "Samen"),
      "samen_survey",
      ...(languages.length ? [languages.includes("nl") ? "nl" : (languages[0] as string)] : []),
    ],
  ];
  return writeXlsx([
    { name: "survey", rows: survey },
    { name: "choices", rows: choices },
    { name: "settings", rows: settings },
    ...(notes.length > 1 ? [{ name: "samen_notes", rows: notes }] : []),
  ]);
}
