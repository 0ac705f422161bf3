import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { answersLost, lostOnExport } from "../../../test/helpers/survey-corpus.ts";
import { lintDefinition, questionsOf } from "./definition.ts";
import { limesurveyToSurvey } from "./limesurvey.ts";

/**
 * The LimeSurvey conformance corpus (test/fixtures/surveys/limesurvey): surveys from LimeSurvey's own tests (the
 * export of LimeSurvey 1.9 to 3 and of 4 and later) and Samen's own with every LimeSurvey question type in Dutch and
 * English. Each converts without an error, every finding names its question or group, no answer is lost (valid
 * ones stored whole, invalid ones refused naming the question), and the XLSForm export carries every question or
 * names it.
 */
const folder = new URL("../../../test/fixtures/surveys/limesurvey/", import.meta.url);
const forms = readdirSync(folder).filter((f) => f.endsWith(".lss"));

describe("the LimeSurvey conformance corpus", () => {
  it("holds LimeSurvey's own surveys of both export layouts and Samen's of every question type", () => {
    expect(forms).toEqual(
      expect.arrayContaining([
        "limesurvey_survey_OldCodes.lss",
        "limesurvey_survey_allinoneCondition.lss",
        "samen-alle-vraagtypen.lss",
      ]),
    );
  });

  for (const form of forms) {
    it(`converts ${form} without an error, naming what it leaves out, and loses no answer`, async () => {
      const { definition, findings } = limesurveyToSurvey(readFileSync(new URL(form, folder)), "en");
      const all = [...findings, ...lintDefinition(definition, "en")];
      expect(all.filter((f) => f.severity === "error")).toEqual([]);
      for (const finding of all) expect(finding.where).not.toBe("");
      expect(questionsOf(definition).filter((q) => q.kind !== null).length).toBeGreaterThan(0);
      expect(answersLost(definition)).toEqual([]);
      expect(await lostOnExport(definition)).toEqual([]);
    });
  }
});
