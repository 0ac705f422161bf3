import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileSurvey, lintDefinition, type QuestionInfo, questionsOf, validateAnswers } from "./definition.ts";
import { xlsformToSurvey } from "./xlsform.ts";

/**
 * The XLSForm conformance corpus (test/fixtures/surveys/xlsform-spec: the XLSForm specification's own example form
 * and pyxform's examples of groups, repeats, or_other, choice_filter and older spellings, BSD-2-Clause). Each form
 * converts without an error, every finding names its row, and an answer to each question is either stored as given
 * or refused with a problem naming the question: none is dropped without a word.
 */
const folder = new URL("../../../test/fixtures/surveys/xlsform-spec/", import.meta.url);
const forms = readdirSync(folder).filter((f) => f.endsWith(".xlsx"));

/** An answer that fits the question's kind: its first choice, a number, a line of text. */
function answerFor(q: QuestionInfo): unknown {
  const first = q.choices[0]?.value;
  switch (q.kind) {
    case "choice":
    case "scale":
      return first;
    case "multi":
      return first === undefined ? [] : [first];
    case "ranking":
      return q.choices.map((c) => c.value);
    case "number":
      return 1;
    case "boolean":
      return true;
    case "matrix":
      return Object.fromEntries(q.rows.map((r) => [r.value, first]));
    default:
      return "antwoord";
  }
}

describe("the XLSForm conformance corpus", () => {
  it("holds the specification's example and pyxform's", () => {
    expect(forms).toContain("xlsform_spec_test.xlsx");
    expect(forms.length).toBeGreaterThanOrEqual(10);
  });

  for (const form of forms) {
    it(`converts ${form} without an error, every finding naming its row, and loses no answer`, async () => {
      const { definition, findings } = await xlsformToSurvey(readFileSync(new URL(form, folder)), "en");
      const all = [...findings, ...lintDefinition(definition, "en")];
      expect(all.filter((f) => f.severity === "error")).toEqual([]);
      for (const finding of all) expect(finding.where).not.toBe("");
      const questions = questionsOf(definition).filter((q) => q.kind !== null);
      expect(questions.length).toBeGreaterThan(0);
      const answers = Object.fromEntries(questions.map((q) => [q.name, answerFor(q)]));
      const survey = compileSurvey(definition);
      const { problems, clean } = validateAnswers(survey, answers, "en");
      for (const [name, value] of Object.entries(answers)) {
        const question = survey.model.getQuestionByName(name);
        const kept = JSON.stringify(clean[name]) === JSON.stringify(value);
        const named = problems.some((p) => p.question === name || p.question.startsWith(`${name}[`));
        const hidden = question ? !question.isVisible : false;
        expect(kept || named || hidden, `${form}: ${name} = ${JSON.stringify(value)}`).toBe(true);
      }
    });
  }
});
