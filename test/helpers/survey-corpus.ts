import type { Question } from "survey-core";
import { compileSurvey, validateAnswers } from "../../src/modules/surveys/answer-check.ts";
import { questionsOf } from "../../src/modules/surveys/definition.ts";
import { xlsformToSurvey } from "../../src/modules/surveys/xlsform.ts";
import { surveyToXlsform } from "../../src/modules/surveys/xlsform-export.ts";
import { readXlsx } from "../../src/platform/xlsx-read.ts";

/**
 * What a conformance corpus asks of every imported form: answered with a valid answer to each question, every
 * answer is stored as given or refused with a problem naming its question; answered with an invalid one, it is
 * refused with such a problem; exported as an XLSForm and imported again, every question comes back or is named on
 * the export's notes. Answers are made from the survey library's own reading of the form, so every question type
 * it knows is answered, whatever the form.
 */
type Json = Record<string, unknown>;
type Loose = Question & Record<string, unknown>;

const list = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : []);
const itemValue = (item: unknown) => (item as { value?: unknown } | undefined)?.value;

/** A value a text box of this input type takes. */
function textFor(question: Loose): unknown {
  switch (question.inputType) {
    case "number": {
      const min = Number(question.min);
      return Number.isFinite(min) && question.min !== undefined && question.min !== "" ? min : 1;
    }
    case "date":
      return "2026-01-15";
    case "time":
      return "10:00";
    case "datetime-local":
      return "2026-01-15T10:00";
    case "email":
      return "loket@hasselt.be";
    case "tel":
      return "+3211239000";
    case "url":
      return "https://www.hasselt.be";
    case "color":
      return "#1a5276";
    case "month":
      return "2026-01";
    case "week":
      return "2026-W03";
    case "range":
      return Number(question.min ?? 0);
    default:
      return "antwoord";
  }
}

/** A cell of a matrix with dropdowns: by its column's kind. */
function cellFor(column: Loose): unknown {
  const type = String(column.cellType ?? "dropdown");
  const choices = list(column.choices);
  if (type === "text") return "antwoord";
  if (type === "comment") return "antwoord";
  if (type === "boolean") return true;
  if (type === "checkbox" || type === "tagbox") return choices.length ? [itemValue(choices[0])] : [];
  if (choices.length) return itemValue(choices[0]);
  return Number(column.choicesMin ?? 1);
}

/** A valid answer to a question, as the survey library reads it; undefined for elements without an answer. */
export function validAnswer(question: Loose): unknown {
  const choices = list(question.visibleChoices ?? question.choices);
  const first = itemValue(choices[0]);
  switch (question.getType()) {
    case "radiogroup":
    case "dropdown":
    case "imagepicker":
      return first;
    case "checkbox":
    case "tagbox":
      return first === undefined ? [] : [first];
    case "ranking":
      return choices.map(itemValue);
    case "rating": {
      const values = list(question.visibleRateValues ?? question.rateValues);
      return values.length ? itemValue(values[0]) : Number(question.rateMin ?? 1);
    }
    case "boolean":
      return question.valueTrue ?? true;
    case "text":
      return textFor(question);
    case "comment":
      return "antwoord";
    case "matrix": {
      const column = itemValue(list(question.columns)[0]);
      return Object.fromEntries(list(question.rows).map((r) => [itemValue(r), column]));
    }
    case "multipletext":
      return Object.fromEntries(list(question.items).map((item) => [item.name, textFor(item as unknown as Loose)]));
    case "matrixdropdown": {
      const columns = list(question.columns);
      return Object.fromEntries(
        list(question.rows).map((r) => [itemValue(r), Object.fromEntries(columns.map((c) => [c.name, cellFor(c)]))]),
      );
    }
    case "matrixdynamic":
      return [Object.fromEntries(list(question.columns).map((c) => [c.name, cellFor(c)]))];
    case "paneldynamic": {
      const template = (question.template as { questions?: Loose[] } | undefined)?.questions ?? [];
      const panel: Json = {};
      for (const inner of template) {
        const value = validAnswer(inner);
        if (value !== undefined) panel[inner.name] = value;
      }
      return [panel];
    }
    default:
      return undefined;
  }
}

/** An answer the question must refuse, or undefined when any answer of the right shape is one it takes. */
export function invalidAnswer(question: Loose): unknown {
  switch (question.getType()) {
    case "radiogroup":
    case "dropdown":
      // "Other" kept as the typed text takes any text: a number is still not one.
      return question.storeOthersAsComment === false ? { niet: "een keuze" } : "__geen_keuze__";
    case "checkbox":
    case "tagbox":
    case "ranking":
      return ["__geen_keuze__"];
    case "rating":
      return 999;
    case "boolean":
      return "misschien";
    case "matrix":
      return { __geen_rij__: itemValue(list(question.columns)[0]) };
    case "text":
      if (question.inputType === "number") return "geen getal";
      return typeof question.maxLength === "number" && question.maxLength > 0
        ? "x".repeat(question.maxLength + 1)
        : undefined;
    case "comment":
      return typeof question.maxLength === "number" && question.maxLength > 0
        ? "x".repeat(question.maxLength + 1)
        : undefined;
    default:
      return undefined;
  }
}

/** What went wrong with a form of a corpus, one line per answer lost or accepted wrongly; empty when all holds. */
export function answersLost(definition: Json): string[] {
  const survey = compileSurvey(definition);
  const questions = questionsOf(definition);
  const faults: string[] = [];
  const answers: Json = {};
  for (const q of questions) {
    const question = survey.model.getQuestionByName(q.name) as Loose | null;
    if (!question) continue;
    const value = validAnswer(question);
    if (value !== undefined) answers[q.name] = value;
  }
  const named = (problems: { question: string }[], name: string) =>
    problems.some((p) => p.question === name || p.question.startsWith(`${name}[`));
  const { problems, clean } = validateAnswers(survey, answers, "en");
  for (const [name, value] of Object.entries(answers)) {
    const question = survey.model.getQuestionByName(name);
    const kept = JSON.stringify(clean[name]) === JSON.stringify(value);
    const hidden = question ? !question.isVisible || !(question.page?.isVisible ?? true) : false;
    if (!kept && !named(problems, name) && !hidden)
      faults.push(`valid ${name} = ${JSON.stringify(value)} lost: ${JSON.stringify(clean[name])}`);
  }
  for (const q of questions) {
    const question = survey.model.getQuestionByName(q.name) as Loose | null;
    if (!question) continue;
    const wrong = invalidAnswer(question);
    if (wrong === undefined) continue;
    const result = validateAnswers(compileSurvey(definition), { ...answers, [q.name]: wrong }, "en");
    const hidden = !question.isVisible || !(question.page?.isVisible ?? true);
    if (!named(result.problems, q.name) && !hidden)
      faults.push(`invalid ${q.name} = ${JSON.stringify(wrong).slice(0, 60)} accepted`);
  }
  return faults;
}

/** Questions that an XLSForm export and import again lose without naming them on the export's notes. */
export async function lostOnExport(definition: Json): Promise<string[]> {
  const bytes = surveyToXlsform(definition, "en");
  const sheets = await readXlsx(bytes);
  const notes = JSON.stringify([...sheets].find(([name]) => name === "samen_notes")?.[1] ?? []);
  const again = new Set(questionsOf((await xlsformToSurvey(bytes, "en")).definition).map((q) => q.name));
  return questionsOf(definition)
    .map((q) => q.name)
    .filter((name) => !again.has(name) && !notes.includes(JSON.stringify(name).slice(1, -1)));
}
