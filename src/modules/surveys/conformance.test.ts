import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lostOnExport } from "../../../test/helpers/survey-corpus.ts";
import { compileSurvey, validateAnswers } from "./answer-check.ts";
import { lintDefinition } from "./definition.ts";

/**
 * The SurveyJS conformance corpus (test/fixtures/surveys/conformance): every question type survey-core ships that an
 * organisation answers. Generated valid answers are stored whole (nothing dropped, nothing changed); generated
 * invalid ones are refused with a problem naming the question. An answer is never silently reduced.
 */
const definition = JSON.parse(
  readFileSync(
    new URL("../../../test/fixtures/surveys/conformance/surveyjs-question-types.json", import.meta.url),
    "utf8",
  ),
) as Record<string, unknown>;
const survey = compileSurvey(definition);

/** Answers come from JSON: their objects have Object's prototype (fast-check may otherwise make them without). */
const json = { noNullPrototype: true } as const;

/** A valid answer per question, drawn from what the question allows. */
const valid: Record<string, fc.Arbitrary<unknown>> = {
  tekst: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
  getal: fc.integer({ min: 0, max: 100 }),
  geheel: fc.integer({ min: -1000, max: 1000 }),
  datum: fc
    .date({ min: new Date("2000-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  mail: fc.constantFrom("info@hasselt.be", "loket@genk.be"),
  opmerking: fc.string({ minLength: 1, maxLength: 500 }).filter((s) => s.trim().length > 0),
  keuze: fc.constantFrom("a", "b", "c", "none"),
  lijst: fc.constantFrom(1, 2),
  jaar: fc.integer({ min: 2020, max: 2030 }),
  vinkjes: fc.subarray(["x", "y", "z"], { minLength: 1, maxLength: 2 }),
  labels: fc.subarray(["rood", "groen", "blauw"], { minLength: 1 }),
  akkoord: fc.boolean(),
  janee: fc.constantFrom("ja", "nee"),
  score: fc.integer({ min: 1, max: 5 }),
  smiley: fc.constantFrom("laag", "hoog"),
  volgorde: fc.shuffledSubarray(["eerst", "dan", "laatst"], { minLength: 3, maxLength: 3 }),
  oordeel: fc.record({ ict: fc.constantFrom(1, 2, 3), hr: fc.constantFrom(1, 2, 3) }, json),
  raster: fc.record({ r1: fc.record({ c1: fc.constantFrom("ja", "nee") }, json) }, json),
  tabel: fc.array(fc.record({ naam: fc.constantFrom("Ann", "Piet") }, json), { minLength: 1, maxLength: 3 }),
  adres: fc.record({ straat: fc.constantFrom("Markt 1"), gemeente: fc.constantFrom("Hasselt") }, json),
  beeld: fc.constant("kat"),
  binnen: fc.constantFrom("in de groep"),
  herhaal: fc.array(
    fc.record({ naam: fc.constantFrom("Loket", "Balie"), aantal: fc.integer({ min: 0, max: 9 }) }, json),
    {
      minLength: 1,
      maxLength: 3,
    },
  ),
};

/** An invalid answer per question that has a rule to break, with what makes it wrong. */
const invalid: Record<string, unknown[]> = {
  getal: ["twaalf", 101],
  geheel: [2.5],
  mail: ["geen adres"],
  keuze: ["d"],
  lijst: [3],
  jaar: [2040],
  vinkjes: [["x", "y", "z"], ["w"]],
  akkoord: ["misschien"],
  janee: ["wellicht"],
  score: [6],
  smiley: ["midden"],
  volgorde: [["eerst", "nooit"]],
  oordeel: [{ ict: 4 }, { finance: 1 }],
  herhaal: [[{ naam: "Loket", aantal: -1 }], [{ aantal: 2 }]],
};

describe("the SurveyJS conformance corpus", () => {
  it("is a definition Samen runs: no error found in it", () => {
    expect(lintDefinition(definition, "en").filter((f) => f.severity === "error")).toEqual([]);
  });

  it("leaves Samen as an XLSForm with every question, or with what XLSForm cannot say named", async () => {
    expect(await lostOnExport(definition)).toEqual([]);
  });

  it("stores every generated valid answer whole", () => {
    fc.assert(
      fc.property(fc.record(valid, json), (answers) => {
        const { problems, clean } = validateAnswers(survey, answers, "en");
        expect(problems).toEqual([]);
        expect(clean).toEqual(answers);
      }),
      { numRuns: 100 },
    );
  });

  it("refuses every invalid answer with a problem naming its question, whatever else is answered", () => {
    fc.assert(
      fc.property(
        fc.record(valid, json),
        fc.constantFrom(...Object.entries(invalid).flatMap(([name, values]) => values.map((v) => [name, v] as const))),
        (answers, [name, wrong]) => {
          const { problems } = validateAnswers(survey, { ...answers, [name]: wrong }, "en");
          expect(
            problems.some((p) => p.question === name || p.question.startsWith(`${name}[`)),
            `${name} = ${JSON.stringify(wrong)}: ${JSON.stringify(problems)}`,
          ).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
