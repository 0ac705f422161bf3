import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { answersLost, lostOnExport } from "../../../test/helpers/survey-corpus.ts";
import { lintDefinition, questionsOf } from "./definition.ts";
import { xlsformToSurvey } from "./xlsform.ts";

/**
 * The XLSForm conformance corpus (test/fixtures/surveys/xlsform-spec: the XLSForm specification's own example form
 * and pyxform's examples of groups, repeats, or_other, choice_filter and older spellings, BSD-2-Clause). Each form
 * converts without an error, every finding names its row, no answer is lost (valid ones stored whole, invalid ones
 * refused with a problem naming the question), and the XLSForm export carries every question or names it.
 */
const folder = new URL("../../../test/fixtures/surveys/xlsform-spec/", import.meta.url);
// With the forms written for Samen: ODK's documented examples, and a form as KoboToolbox exports one.
const forms = [
  ...readdirSync(folder).filter((f) => f.endsWith(".xlsx")),
  "../odk-form-logic.xlsx",
  "../kobo-samenwerking.xlsx",
];

describe("the XLSForm conformance corpus", () => {
  it("holds the specification's example and pyxform's", () => {
    expect(forms).toContain("xlsform_spec_test.xlsx");
    expect(forms.length).toBeGreaterThanOrEqual(12);
  });

  for (const form of forms) {
    it(`converts ${form} without an error, every finding naming its row, and loses no answer`, async () => {
      const { definition, findings } = await xlsformToSurvey(readFileSync(new URL(form, folder)), "en");
      const all = [...findings, ...lintDefinition(definition, "en")];
      expect(all.filter((f) => f.severity === "error")).toEqual([]);
      for (const finding of all) expect(finding.where).not.toBe("");
      const questions = questionsOf(definition).filter((q) => q.kind !== null);
      expect(questions.length).toBeGreaterThan(0);
      expect(answersLost(definition)).toEqual([]);
      expect(await lostOnExport(definition)).toEqual([]);
    });
  }
});
