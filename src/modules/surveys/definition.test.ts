// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm names answers as ${name}; these strings are XLSForm, not templates.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSurvey, validateAnswers } from "./answer-check.ts";
import { lintDefinition, questionsOf } from "./definition.ts";
import { shownSegments } from "./results.ts";
import { translateExpression } from "./xlsform.ts";

const definition = {
  pages: [
    {
      name: "p1",
      elements: [
        { type: "checkbox", name: "kanalen", choices: ["web", "balie", "telefoon"], isRequired: true },
        { type: "boolean", name: "akkoord" },
        {
          type: "matrix",
          name: "tevredenheid",
          rows: ["ict", "hr"],
          columns: [1, 2, 3],
          isAllRowRequired: true,
        },
        { type: "rating", name: "score", rateValues: [1, 2, 3] },
        { type: "text", name: "waarom", visibleIf: "{akkoord} = false", isRequired: true },
      ],
    },
  ],
};

describe("a survey definition", () => {
  it("is read into the questions Samen analyses", () => {
    expect(questionsOf(definition).map((q) => [q.name, q.kind, q.choices.map((c) => c.value)])).toEqual([
      ["kanalen", "multi", ["web", "balie", "telefoon"]],
      ["akkoord", "boolean", ["true", "false"]],
      ["tevredenheid", "matrix", ["1", "2", "3"]],
      ["score", "scale", ["1", "2", "3"]],
      ["waarom", "text", []],
    ]);
  });

  it("warns of properties that have no effect", () => {
    const findings = lintDefinition({ elements: [{ type: "text", name: "a", visibelIf: "{b} = 1" }] }, "en");
    expect(findings).toEqual([
      { severity: "warning", where: "a", message: "Unknown property in class 'text': 'visibelIf'." },
    ]);
  });

  it("accepts answers that fit and names each that does not", () => {
    expect(
      validateAnswers(
        compileSurvey(definition),
        {
          kanalen: ["web"],
          akkoord: true,
          tevredenheid: { ict: 3, hr: 1 },
          score: 2,
        },
        "en",
      ).problems,
    ).toEqual([]);
    const { problems } = validateAnswers(
      compileSurvey(definition),
      {
        kanalen: ["fax"],
        akkoord: "ja",
        tevredenheid: { ict: 3 },
        score: 7,
      },
      "en",
    );
    expect(problems.map((p) => p.question)).toEqual(["kanalen", "akkoord", "tevredenheid", "score"]);
  });

  it("asks a question that becomes visible, and refuses an answer to one that is not asked", () => {
    expect(
      validateAnswers(
        compileSurvey(definition),
        { kanalen: ["web"], akkoord: false, tevredenheid: { ict: 1, hr: 1 } },
        "en",
      ).problems,
    ).toEqual([{ question: "waarom", message: "Response required." }]);
    const hidden = { kanalen: ["web"], akkoord: true, tevredenheid: { ict: 1, hr: 1 }, waarom: "niet gevraagd" };
    const { clean, problems } = validateAnswers(compileSurvey(definition), hidden, "en");
    expect(problems).toEqual([
      { question: "waarom", message: "This question is not asked given the other answers: leave it empty." },
    ]);
    expect(clean).not.toHaveProperty("waarom");
    // A definition that keeps answers to questions it hides (clearInvisibleValues "none") keeps them whole.
    const keeping = validateAnswers(compileSurvey({ ...definition, clearInvisibleValues: "none" }), hidden, "en");
    expect(keeping.problems).toEqual([]);
    expect(keeping.clean).toEqual(hidden);
  });

  it("counts and labels the choices a question adds to its own: other, none, refuse, don't know", () => {
    const [q] = questionsOf({
      elements: [
        {
          type: "checkbox",
          name: "diensten",
          choices: ["ict"],
          showOtherItem: true,
          showNoneItem: true,
          noneText: { nl: "Geen enkele", en: "None at all" },
          showDontKnowItem: true,
        },
      ],
    });
    expect(q?.choices).toEqual([
      { value: "ict", text: { default: "ict" } },
      { value: "other", text: { nl: "Anders", en: "Other" } },
      { value: "none", text: { nl: "Geen enkele", en: "None at all" } },
      { value: "dontknow", text: { nl: "Weet ik niet", en: "Don't know" } },
    ]);
  });

  it("refuses a text longer than its question takes", () => {
    const survey = compileSurvey({ elements: [{ type: "comment", name: "uitleg", maxLength: 5 }] });
    expect(validateAnswers(survey, { uitleg: "kort" }, "en").problems).toEqual([]);
    expect(validateAnswers(survey, { uitleg: "te lang" }, "en").problems).toEqual([
      { question: "uitleg", message: expect.stringContaining("5") },
    ]);
  });
});

describe("XLSForm expressions", () => {
  it("are said in SurveyJS terms where they can be, and refused where they cannot", () => {
    expect(translateExpression("${watch_sports} = 'yes'")).toBe("{watch_sports} = 'yes'");
    expect(translateExpression("selected(${allergies}, 'peanut') and ${age} >= 18")).toBe(
      "{allergies} contains 'peanut' and {age} >= 18",
    );
    expect(translateExpression(". >= 18 and . <= 120", "age")).toBe("{age} >= 18 and {age} <= 120");
    expect(translateExpression("${a} div 2")).toBe("{a} / 2");
    expect(translateExpression("count-selected(${toppings}) > 5")).toBeNull();
    expect(translateExpression("regex(., '[a-z]+')", "x")).toBeNull();
  });
});

describe("small groups", () => {
  it("are left out, and a second one with a lone small group, so it cannot be worked out from the total", () => {
    expect(
      [
        ...shownSegments(
          new Map([
            ["a", 9],
            ["b", 7],
            ["c", 2],
          ]),
          5,
        ),
      ].sort(),
    ).toEqual(["a"]);
    expect(
      [
        ...shownSegments(
          new Map([
            ["a", 9],
            ["b", 3],
            ["c", 2],
          ]),
          5,
        ),
      ].sort(),
    ).toEqual(["a"]);
    expect(
      [
        ...shownSegments(
          new Map([
            ["a", 9],
            ["b", 7],
          ]),
          5,
        ),
      ].sort(),
    ).toEqual(["a", "b"]);
    expect([...shownSegments(new Map([["all", 4]]), 5)]).toEqual([]);
    // Two segments (members of a collaboration and the others) with one small: the total minus the large one would
    // give the small one away, so neither is shown.
    expect([
      ...shownSegments(
        new Map([
          ["member", 3],
          ["other", 40],
        ]),
        5,
      ),
    ]).toEqual([]);
  });

  it("can never be worked out from the total and the segments shown, whatever their sizes", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 60 }), { maxKeys: 8 }),
        fc.integer({ min: 2, max: 10 }),
        (record, minimum) => {
          const sizes = new Map(Object.entries(record));
          const shown = shownSegments(sizes, minimum);
          const hidden = [...sizes.keys()].filter((s) => !shown.has(s));
          const hiddenTotal = hidden.reduce((sum, s) => sum + (sizes.get(s) ?? 0), 0);
          for (const s of shown) expect(sizes.get(s)).toBeGreaterThanOrEqual(minimum);
          // Nothing hidden; or every segment hidden (only the total is shown); or at least two hidden whose sum is
          // no small group.
          expect(hidden.length === 0 || shown.size === 0 || (hidden.length >= 2 && hiddenTotal >= minimum)).toBe(true);
        },
      ),
    );
  });
});

describe("definitions made elsewhere", () => {
  it("are linted whatever their names hold, and every finding names its place as text", () => {
    for (const name of [0, 12.5, true, { a: 1 }, ["x"]]) {
      const findings = lintDefinition({ elements: [{ type: "text", name }] }, "en");
      for (const f of findings) expect(typeof f.where).toBe("string");
    }
  });
});
