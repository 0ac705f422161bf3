import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { smartCityDefinition } from "../demo/demo-surveys.ts";
import { type CompiledSurvey, compileSurvey, validateAnswers } from "./answer-check.ts";
import { fits } from "./answer-fit.ts";
import { questionsOf } from "./definition.ts";
import { limesurveyToSurvey } from "./limesurvey.ts";
import { xlsformToSurvey } from "./xlsform.ts";

/**
 * A definition that uses only what Samen checks as the survey library does is checked without filling in the
 * library's model (plain-questions.ts). Here both ways are held to the same verdicts, problem for problem and
 * answer for answer, over every survey in the corpora and generated answers: fitting ones, wrong ones, blanks,
 * answers to hidden questions and to questions that do not exist.
 */
type Json = Record<string, unknown>;
const fixtures = new URL("../../../test/fixtures/surveys/", import.meta.url);

/** Surveys made to reach every rule the plain checks follow: conditions on pages, panels and questions, and more. */
const made: Record<string, Json> = {
  "conditions on a page, a panel and a question": {
    pages: [
      {
        name: "p1",
        elements: [
          { type: "radiogroup", name: "kind", choices: ["gemeente", "ocmw", "provincie"], isRequired: true },
          { type: "boolean", name: "samen", valueTrue: "ja", valueFalse: "nee" },
          {
            type: "panel",
            name: "details",
            visibleIf: "{kind} = 'gemeente'",
            elements: [
              { type: "text", name: "inwoners", inputType: "number", isRequired: true },
              { type: "checkbox", name: "themas", choices: ["a", "b", "c"], maxSelectedChoices: 2, showNoneItem: true },
              {
                type: "panel",
                name: "binnen",
                elements: [
                  { type: "comment", name: "uitleg", maxLength: 20, requiredIf: "{samen} = 'ja'" },
                  { type: "text", name: "verborgen", visible: false },
                ],
              },
            ],
          },
        ],
      },
      {
        name: "p2",
        visibleIf: "{kind} <> 'provincie'",
        elements: [
          { type: "rating", name: "score", rateMin: 1, rateMax: 5, isRequired: true },
          { type: "dropdown", name: "jaar", choicesMin: 2020, choicesMax: 2030 },
          {
            type: "matrix",
            name: "tevreden",
            rows: ["loket", "web"],
            columns: [
              { value: 1, text: "slecht" },
              { value: 2, text: "goed" },
            ],
            isRequired: true,
          },
          { type: "tagbox", name: "partners", choices: ["x", "y"], visibleIf: "{themas} contains 'a'" },
          { type: "text", name: "naam", requiredErrorText: { nl: "Vul uw naam in", en: "Fill in your name" } },
          { type: "html", name: "noot", html: "Dank u" },
        ],
      },
    ],
  },
  "answers to hidden questions kept": {
    clearInvisibleValues: "none",
    elements: [
      { type: "radiogroup", name: "a", choices: ["ja", "nee"] },
      { type: "text", name: "b", visibleIf: "{a} = 'ja'", isRequired: true },
      { type: "rating", name: "c", rateValues: [{ value: "laag" }, { value: "hoog" }], visibleIf: "{a} = 'nee'" },
    ],
  },
};

async function corpus(): Promise<[string, Json][]> {
  const out: [string, Json][] = Object.entries(made);
  out.push(["the demo's Smart City survey", smartCityDefinition]);
  for (const file of ["gedeelde-diensten.surveyjs.json", "product-feedback.surveyjs.json"])
    out.push([file, JSON.parse(readFileSync(new URL(file, fixtures), "utf8"))]);
  out.push([
    "surveyjs-question-types.json",
    JSON.parse(readFileSync(new URL("conformance/surveyjs-question-types.json", fixtures), "utf8")),
  ]);
  for (const folder of ["", "xlsform-spec/"])
    for (const file of readdirSync(new URL(folder || ".", fixtures)).filter((f) => f.endsWith(".xlsx")))
      out.push([file, (await xlsformToSurvey(readFileSync(new URL(folder + file, fixtures)), "en")).definition]);
  for (const file of readdirSync(new URL("limesurvey/", fixtures)).filter((f) => f.endsWith(".lss")))
    out.push([file, limesurveyToSurvey(readFileSync(new URL(`limesurvey/${file}`, fixtures)), "en").definition]);
  return out;
}

/**
 * An answer to one question: one that has the shape it takes ("complete"), or a blank too ("fitting"), or any kind
 * of wrong one as well ("any").
 */
function answerTo(question: ReturnType<typeof questionsOf>[number], mode: "complete" | "fitting" | "any") {
  const values = question.choices.map((c) => c.value);
  const numeric = values.map(Number).filter(Number.isFinite);
  const shaped: fc.Arbitrary<unknown>[] = [];
  const pick = values.length ? fc.constantFrom(...values) : fc.string({ maxLength: 4 });
  switch (question.kind) {
    case "choice":
    case "scale":
      shaped.push(pick, ...(numeric.length ? [fc.constantFrom(...numeric)] : []));
      break;
    case "multi":
    case "ranking":
      shaped.push(fc.subarray(values));
      break;
    case "boolean":
      shaped.push(values.every((v) => v === "true" || v === "false") ? fc.boolean() : pick);
      break;
    case "number":
      shaped.push(fc.integer({ min: -5, max: 2040 }));
      break;
    case "matrix":
      if (question.rows.length && values.length)
        shaped.push(fc.dictionary(fc.constantFrom(...question.rows.map((r) => r.value)), pick));
      break;
    default:
      shaped.push(fc.string({ maxLength: 12 }));
  }
  if (mode === "complete") return fc.oneof({ arbitrary: fc.oneof(...shaped), weight: 3 }, fc.constant(undefined));
  const blank = fc.constantFrom(
    undefined,
    "",
    null,
    ...(question.kind === "text" ? ["   "] : question.kind === "multi" ? [[]] : question.kind === "matrix" ? [{}] : []),
  );
  if (mode === "fitting") return fc.oneof(...shaped, blank);
  return fc.oneof(
    ...shaped,
    blank,
    fc.constantFrom(true, false, "ja", "nee", 0, 3, 2.5, "12", "x".repeat(30), ["x"], { x: 1 }, "   ", [], {}),
    fc.string({ maxLength: 8 }),
    fc.integer({ min: -5, max: 2040 }),
  );
}

const answersFor = (definition: Json) => {
  const questions = questionsOf(definition);
  const record = (mode: "complete" | "fitting" | "any") =>
    fc.record(Object.fromEntries(questions.map((q) => [q.name, answerTo(q, mode)])));
  return fc
    .tuple(
      fc.oneof(record("complete"), record("fitting"), record("any")),
      fc.option(fc.constantFrom("onbekend", `${questions[0]?.name ?? "x"}-Comment`), { freq: 4 }),
    )
    .map(([answers, extra]) => {
      const data: Json = {};
      for (const [k, v] of Object.entries(answers)) if (v !== undefined) data[k] = v;
      if (extra) data[extra] = "toelichting";
      // As it arrives: JSON.
      return JSON.parse(JSON.stringify(data)) as Json;
    });
};

/** Whether some value given does not have the shape of its question (Samen's fit checks). */
const misfits = (compiled: CompiledSurvey, data: Json) =>
  (compiled.plain ?? []).some((q) => {
    const info = compiled.byName.get(q.name);
    const value = data[q.name];
    return info && value !== undefined && value !== null && value !== "" && fits(info, value, q.beyond) !== null;
  });

describe("answers checked without the survey library's model", () => {
  it("get the verdicts the model gives, over every survey in the corpora and generated answers", async () => {
    const surveys = await corpus();
    let plain = 0;
    let compared = 0;
    let stored = 0;
    for (const [name, definition] of surveys) {
      const compiled = compileSurvey(definition);
      if (!compiled.plain) continue;
      plain++;
      fc.assert(
        fc.property(answersFor(definition), fc.constantFrom("nl" as const, "en" as const), (data, language) => {
          const fast = validateAnswers(compiled, data, language);
          const model = validateAnswers(compiled, data, language, { through: "model" });
          // The same verdict always: refused by both or stored by both, as the same answer.
          expect({ survey: name, refused: fast.problems.length > 0 }).toEqual({
            survey: name,
            refused: model.problems.length > 0,
          });
          if (!model.problems.length) expect(fast.clean).toEqual(model.clean);
          // Where every value given has the shape of its question, the same problems, in the same words. (A value
          // of the wrong shape is refused by both; the model first recasts it, a text as a list of one, and reads
          // its conditions on that, so what else it says may differ.)
          if (misfits(compiled, data)) return;
          compared++;
          if (!model.problems.length) stored++;
          expect({ survey: name, ...fast }).toEqual({ survey: name, ...model });
        }),
        { numRuns: 200, seed: 20261204 },
      );
    }
    // The common shapes are checked the fast way: the demo's survey, the made ones, and imported forms.
    expect(plain).toBeGreaterThanOrEqual(8);
    // Many answers of the right shape were compared whole, and many of them were stored.
    expect(compared).toBeGreaterThan(plain * 40);
    expect(stored).toBeGreaterThan(plain * 5);
  });

  it("are checked by the model wherever the definition asks for more than the plain checks", () => {
    const withValidator = compileSurvey({
      elements: [{ type: "text", name: "mail", validators: [{ type: "email" }] }],
    });
    const withFunction = compileSurvey({
      elements: [
        { type: "text", name: "a" },
        { type: "text", name: "b", visibleIf: "age({a}) > 18" },
      ],
    });
    const withOther = compileSurvey({
      elements: [{ type: "radiogroup", name: "a", choices: ["x"], showOtherItem: true }],
    });
    const withMinimum = compileSurvey({ elements: [{ type: "text", name: "n", inputType: "number", min: 3 }] });
    for (const compiled of [withValidator, withFunction, withOther, withMinimum]) expect(compiled.plain).toBeNull();
    expect(compileSurvey(smartCityDefinition).plain).not.toBeNull();
    // And the model's verdict is then the one given.
    expect(validateAnswers(withMinimum, { n: 1 }, "en").problems.map((p) => p.question)).toEqual(["n"]);
  });

  it("skip the questions of a panel that is not shown, as the model does", () => {
    const compiled = compileSurvey({
      elements: [
        { type: "boolean", name: "meer" },
        {
          type: "panel",
          name: "meer_info",
          visibleIf: "{meer} = true",
          elements: [{ type: "text", name: "wat", isRequired: true }],
        },
      ],
    });
    for (const through of [undefined, "model" as const]) {
      expect(validateAnswers(compiled, { meer: false }, "nl", { through }).problems).toEqual([]);
      expect(validateAnswers(compiled, { meer: true }, "nl", { through }).problems.map((p) => p.question)).toEqual([
        "wat",
      ]);
      expect(validateAnswers(compiled, { meer: false, wat: "x" }, "nl", { through }).problems).toEqual([
        { question: "wat", message: "Deze vraag wordt bij de andere antwoorden niet gesteld: laat ze leeg." },
      ]);
    }
  });
});
