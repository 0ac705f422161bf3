/**
 * Whether one organisation's answers fit its survey, checked as the survey library checks them when a form is
 * completed: a definition is compiled once per survey version (compileSurvey) and every answer is checked against
 * it (validateAnswers). Pure apart from the library; no I/O.
 */
import { AnswerRequiredError, Helpers, Model, type Question } from "survey-core";
// The survey library's own messages in Dutch too (its English ones are built in).
import "survey-core/i18n/dutch";
import { type Language, sayerIn } from "../../platform/i18n.ts";
import { type BeyondTheList, choicesBeyondTheList, fits } from "./answer-fit.ts";
import { type QuestionInfo, questionsOf } from "./definition.ts";
import { type PlainQuestion, plainQuestionsOf } from "./plain-questions.ts";

type Json = Record<string, unknown>;

/** A definition made ready for checking answers. */
export interface CompiledSurvey {
  /** The survey library's model of the definition. */
  model: Model;
  /** The questions Samen reads, in order, and by name. */
  questions: QuestionInfo[];
  byName: Map<string, QuestionInfo>;
  /**
   * The questions with their conditions, compiled once, when the definition uses only what Samen checks as the
   * survey library does (plain-questions.ts): an answer is then checked without filling in the model, the costly
   * part. Null for any other definition, whose answers the model checks.
   */
  plain: PlainQuestion[] | null;
}

export function compileSurvey(definition: Json): CompiledSurvey {
  const model = new Model(definition);
  const questions = questionsOf(definition);
  const byName = new Map(questions.map((q) => [q.name, q]));
  return { model, questions, byName, plain: plainQuestionsOf(definition, model) };
}

/** A survey version, with the definition it was read with: a version's definition never changes. */
export interface SurveyVersion {
  id: string;
  version: number;
  definition: Json;
}

/**
 * What is made from a definition, kept per survey version (at most `limit` versions, then made again): the checker
 * of its answers, the questions its results count.
 */
export function perSurveyVersion<T>(limit: number, make: (definition: Json) => T) {
  const kept = new Map<string, T>();
  const keyOf = (survey: { id: string; version: number }) => `${survey.id}:${survey.version}`;
  return {
    /** What was made for this version, if it is kept: its definition need not be read. */
    peek: (survey: { id: string; version: number }): T | undefined => kept.get(keyOf(survey)),
    of: (survey: SurveyVersion): T => {
      let found = kept.get(keyOf(survey));
      if (found === undefined) {
        if (kept.size >= limit) kept.clear();
        found = make(survey.definition);
        kept.set(keyOf(survey), found);
      }
      return found;
    },
  };
}

export interface AnswerProblem {
  question: string;
  message: string;
}

/**
 * Checks one organisation's answers against the definition as the survey library would when it is completed:
 * required answers (of visible questions only), validators, and values that fit the question (a choice that
 * exists, a number where a number is asked, a matrix row that exists). An answer to a question that is not asked
 * given the other answers (its condition does not hold) is a problem, as is one to a question that does not exist:
 * nothing sent is dropped without a word. `through: "model"` checks with the survey library's model even where the
 * compiled questions would do (the tests hold the two to the same verdicts).
 */
export function validateAnswers(
  compiled: CompiledSurvey,
  data: Record<string, unknown>,
  language: Language,
  options: { through?: "model" } = {},
) {
  const { model, byName, plain } = compiled;
  const words = sayerIn(language);
  // The survey library's own errors ("Response required.") in the same language.
  if (model.locale !== language) model.locale = language;
  const problems: AnswerProblem[] = [];
  for (const key of Object.keys(data)) {
    const base = key.endsWith("-Comment") ? key.slice(0, -"-Comment".length) : key;
    if (!byName.has(base)) problems.push({ question: key, message: words("surveyAnswer.notAQuestion") });
  }
  const clean: Record<string, unknown> = {};
  const keepsHidden = model.clearInvisibleValues === "none";
  /** What one question's answer comes to, once it is known whether the question is asked and what it says wrong. */
  const judge = (name: string, asked: boolean, errors: () => AnswerProblem[], beyond: () => BeyondTheList) => {
    const info = byName.get(name);
    const value = data[name];
    if (!asked) {
      // A question not asked given the other answers takes no answer: one sent is refused, never dropped unsaid
      // (unless the definition keeps such answers: clearInvisibleValues "none").
      const empty = value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length);
      if (empty) return;
      if (!keepsHidden) {
        problems.push({ question: name, message: words("surveyAnswer.notAsked") });
        return;
      }
      const fit = info ? fits(info, value, beyond()) : null;
      if (fit) problems.push({ question: name, message: words(fit.key, fit.params) });
      else clean[name] = value;
      return;
    }
    const given = !(value === undefined || value === null || value === "");
    // A value that does not fit is named as such first ("x" is not one of the choices), before what the survey
    // library says of it (it takes a choice it does not know for no answer: "Response required.").
    const fit = given && info ? fits(info, value, beyond()) : null;
    if (fit) {
      problems.push({ question: name, message: words(fit.key, fit.params) });
      return;
    }
    const found = errors();
    if (found.length) {
      problems.push(...found);
      return;
    }
    if (!given) return;
    clean[name] = value;
    const comment = data[`${name}-Comment`];
    if (typeof comment === "string" && comment.trim()) clean[`${name}-Comment`] = comment;
  };

  if (plain && options.through !== "model") {
    for (const q of plain) {
      const asked = q.shown(data);
      judge(
        q.name,
        asked,
        () =>
          q.required(data) && isEmptyAnswer(data[q.name])
            ? [
                {
                  question: q.name,
                  message: new AnswerRequiredError(q.question.requiredErrorText, q.question).getText(),
                },
              ]
            : [],
        () => q.beyond,
      );
    }
    return { problems, clean };
  }

  model.data = data;
  for (const question of model.getAllQuestions(false)) {
    judge(
      question.name,
      question.isVisibleInSurvey,
      () => {
        if (question.validate(true)) return [];
        const found = errorsOf(question);
        // Never an answer dropped without a word: a question that fails says so even when it names no error.
        return found.length ? found : [{ question: question.name, message: words("surveyAnswer.invalid") }];
      },
      () => choicesBeyondTheList(question),
    );
  }
  return { problems, clean };
}

/** Empty as the survey library counts a required answer empty: nothing, blank text, an empty list or object. */
const isEmptyAnswer = (value: unknown) => Helpers.isValueEmpty(typeof value === "string" ? value.trim() : value);

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
