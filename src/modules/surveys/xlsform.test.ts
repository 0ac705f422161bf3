// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm names answers as ${name}; these strings are XLSForm, not templates.
import { describe, expect, it } from "vitest";
import { writeXlsx } from "../../platform/xlsx.ts";
import { compileSurvey, validateAnswers } from "./answer-check.ts";
import { xlsformToSurvey } from "./xlsform.ts";

type Element = Record<string, unknown> & { name?: string; type?: string };

/** A form as KoboToolbox exports it: metadata rows, labels in two languages with one colon, a repeat. */
const kobo = () =>
  writeXlsx([
    {
      name: "survey",
      rows: [
        ["type", "name", "label:English (en)", "label:Nederlands (nl)", "required", "constraint", "relevant"],
        ["start", "start", "", "", "", "", ""],
        ["end", "end", "", "", "", "", ""],
        ["integer", "staff", "Staff", "Personeel", "yes", ". >= 0", ""],
        ["begin_repeat", "office", "Office", "Kantoor", "", "", ""],
        ["text", "office_name", "Name", "Naam", "yes", "", ""],
        ["integer", "office_staff", "Staff in ${office_name}", "Personeel in ${office_name}", "", ". <= ${staff}", ""],
        ["integer", "desks", "Desks", "Bureaus", "", ". >= ${office_staff}", ""],
        ["end_repeat", "", "", "", "", "", ""],
        ["select one from yes_no", "shared", "Shared?", "Gedeeld?", "", "", ""],
        ["select_multiple channels or_other", "channel", "Channels", "Kanalen", "", "", ""],
        ["note", "thanks", "Thanks", "Bedankt", "", "", "${shared} = 'yes'"],
        ["integer", "budget", "Budget", "Budget", "", ". > 0", ""],
      ],
    },
    {
      name: "choices",
      rows: [
        ["list_name", "name", "label:English (en)", "label:Nederlands (nl)"],
        ["yes_no", "yes", "Yes", "Ja"],
        ["yes_no", "no", "No", "Nee"],
        ["channels", "web", "Web", "Web"],
        ["channels", "desk", "Desk", "Balie"],
      ],
    },
  ]);

const flat = (elements: Element[]): Element[] =>
  elements.flatMap((e) => [e, ...flat(((e.elements ?? e.templateElements ?? []) as Element[]) || [])]);

describe("an XLSForm from KoboToolbox", () => {
  it("is read whole: metadata rows left out with a finding, never taken for the end of a group", async () => {
    const { definition, findings } = await xlsformToSurvey(kobo(), "en");
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(findings.map((f) => f.message).join("\n")).toMatch(/"end" is not asked/);
    const elements = flat((definition.pages as { elements: Element[] }[])[0]?.elements ?? []);
    expect(elements.map((e) => e.name)).toEqual([
      "staff",
      "office",
      "office_name",
      "office_staff",
      "desks",
      "shared",
      "channel",
      "thanks",
      "budget",
    ]);
  });

  it("keeps labels in both languages, with one colon in the header, and the older spelling of a select", async () => {
    const { definition } = await xlsformToSurvey(kobo(), "en");
    const elements = flat((definition.pages as { elements: Element[] }[])[0]?.elements ?? []);
    const byName = new Map(elements.map((e) => [e.name, e]));
    expect(byName.get("staff")?.title).toEqual({ en: "Staff", nl: "Personeel" });
    expect(byName.get("shared")).toMatchObject({ type: "radiogroup", choices: [{ value: "yes" }, { value: "no" }] });
    expect(byName.get("channel")).toMatchObject({ type: "checkbox", showOtherItem: true });
    expect(byName.get("thanks")).toMatchObject({ type: "html", visibleIf: "{shared} = 'yes'" });
    expect(byName.get("office_staff")?.title).toEqual({
      en: "Staff in {panel.office_name}",
      nl: "Personeel in {panel.office_name}",
    });
  });

  it("checks a constraint inside a repeat against the same repeat, and an optional question only when answered", async () => {
    const survey = compileSurvey((await xlsformToSurvey(kobo(), "en")).definition);
    const valid = {
      staff: 10,
      office: [
        { office_name: "Hasselt", office_staff: 6, desks: 6 },
        { office_name: "Genk", office_staff: 4 },
      ],
      shared: "yes",
      channel: ["web"],
    };
    expect(validateAnswers(survey, valid, "en").problems).toEqual([]);
    const tooMany = { ...valid, office: [{ office_name: "Hasselt", office_staff: 12, desks: 3 }] };
    expect(validateAnswers(survey, tooMany, "en").problems.map((p) => p.question)).toEqual([
      "office[1].office_staff",
      "office[1].desks",
    ]);
    expect(validateAnswers(survey, { ...valid, budget: -5 }, "en").problems.map((p) => p.question)).toContain("budget");
  });

  it("reads language names in headers as language codes", async () => {
    const { definition } = await xlsformToSurvey(
      writeXlsx([
        {
          name: "survey",
          rows: [
            ["type", "name", "label::english", "label::Nederlands"],
            ["text", "my_name", "Your name", "Uw naam"],
          ],
        },
      ]),
      "en",
    );
    const [question] = (definition.pages as { elements: Element[] }[])[0]?.elements ?? [];
    expect(question?.title).toEqual({ en: "Your name", nl: "Uw naam" });
  });
});

describe("a repeat's questions", () => {
  it("are linted like any other: a reference to a question that does not exist is found inside a repeat", async () => {
    const { lintDefinition } = await import("./definition.ts");
    const findings = lintDefinition(
      {
        pages: [
          {
            name: "p1",
            elements: [
              {
                type: "paneldynamic",
                name: "office",
                templateElements: [{ type: "text", name: "seats", visibleIf: "{nowhere} = 1" }],
              },
            ],
          },
        ],
      },
      "en",
    );
    expect(findings.map((f) => `${f.where}: ${f.message}`)).toContainEqual(expect.stringMatching(/^seats: .*nowhere/));
  });
});

describe("answers a SurveyJS form allows beyond its listed choices", () => {
  it("are stored: none, refuse, don't know, yes/no values of its own, and other typed as the answer", async () => {
    const { compileSurvey: compile, validateAnswers: validate } = await import("./answer-check.ts");
    const survey = compile({
      pages: [
        {
          name: "p1",
          elements: [
            {
              type: "checkbox",
              name: "kanalen",
              choices: ["web", "balie"],
              showNoneItem: true,
              showOtherItem: true,
            },
            {
              type: "radiogroup",
              name: "tevreden",
              choices: ["ja", "nee"],
              showRefuseItem: true,
              showDontKnowItem: true,
            },
            { type: "boolean", name: "akkoord", valueTrue: "ja", valueFalse: "nee" },
            {
              type: "dropdown",
              name: "sector",
              choices: ["zorg", "onderwijs"],
              showOtherItem: true,
              storeOthersAsComment: false,
            },
          ],
        },
      ],
    });
    for (const answers of [
      { kanalen: ["none"], tevreden: "refused", akkoord: "ja", sector: "cultuur" },
      { kanalen: ["web", "other"], "kanalen-Comment": "post", tevreden: "dontknow", akkoord: "nee", sector: "zorg" },
    ]) {
      const { problems, clean } = validate(survey, answers, "en");
      expect(problems, JSON.stringify(answers)).toEqual([]);
      expect(clean).toEqual(answers);
    }
    const wrong = validate(survey, { kanalen: ["fax"], tevreden: "misschien", akkoord: "wellicht" }, "en");
    expect(wrong.problems.map((p) => p.question)).toEqual(["kanalen", "tevreden", "akkoord"]);
  });
});

describe("a SurveyJS form's own limits", () => {
  it("are enforced: at most and at least so many choices, whole numbers where an integer is asked", async () => {
    const { compileSurvey: compile, validateAnswers: validate } = await import("./answer-check.ts");
    const survey = compile({
      pages: [
        {
          name: "p1",
          elements: [
            {
              type: "checkbox",
              name: "top",
              choices: ["a", "b", "c", "d"],
              maxSelectedChoices: 2,
              minSelectedChoices: 1,
            },
            { type: "text", inputType: "number", step: 1, name: "count" },
            { type: "text", inputType: "number", name: "share" },
            { type: "dropdown", name: "year", choicesMin: 2020, choicesMax: 2030 },
          ],
        },
      ],
    });
    expect(validate(survey, { top: ["a", "b"], count: 3, share: 2.5, year: 2024 }, "en").problems).toEqual([]);
    const wrong = validate(survey, { top: ["a", "b", "c"], count: 2.5, year: 2040 }, "en");
    expect(wrong.problems.map((p) => p.question)).toEqual(["top", "count", "year"]);
  });

  it("are named when the definition cannot be used: a custom question type, no question at all", async () => {
    const { lintDefinition } = await import("./definition.ts");
    const custom = lintDefinition({ pages: [{ name: "p1", elements: [{ type: "my-address", name: "adres" }] }] }, "en");
    expect(custom).toEqual([expect.objectContaining({ severity: "error", where: "adres" })]);
    expect(custom[0]?.message).toContain('"my-address"');
    const empty = lintDefinition(
      {
        pages: [{ name: "p1", elements: [{ type: "html", name: "intro", html: "Hallo" }] }],
      },
      "en",
    );
    expect(empty.map((f) => f.severity)).toContain("error");
    const years = lintDefinition(
      {
        pages: [{ name: "p1", elements: [{ type: "dropdown", name: "jaar", choicesMin: 2020, choicesMax: 2030 }] }],
      },
      "en",
    );
    expect(years.filter((f) => f.severity === "error")).toEqual([]);
  });
});

describe("a Samen survey leaving as an XLSForm", () => {
  it("comes back the same through the XLSForm import: questions, languages, choices, groups, repeats, conditions", async () => {
    const { surveyToXlsform } = await import("./xlsform-export.ts");
    const { questionsOf, lintDefinition: lint } = await import("./definition.ts");
    const { compileSurvey: compile, validateAnswers: validate } = await import("./answer-check.ts");
    const { readXlsx } = await import("../../platform/xlsx-read.ts");
    const definition = {
      title: { nl: "Dienstverlening", en: "Services" },
      pages: [
        {
          name: "p1",
          elements: [
            {
              type: "radiogroup",
              name: "kanaal",
              title: { nl: "Kanaal", en: "Channel" },
              choices: [
                { value: "web", text: { nl: "Web", en: "Web" } },
                { value: "balie", text: { nl: "Balie", en: "Desk" } },
              ],
              showOtherItem: true,
              isRequired: true,
            },
            {
              type: "checkbox",
              name: "themas",
              title: { nl: "Thema's", en: "Themes" },
              choices: ["afval", "mobiliteit"],
            },
            {
              type: "text",
              inputType: "number",
              step: 1,
              name: "fte",
              title: { nl: "VTE", en: "FTE" },
              validators: [{ type: "expression", expression: "{fte} >= 0" }],
            },
            {
              type: "comment",
              name: "toelichting",
              title: { nl: "Toelichting", en: "Explanation" },
              visibleIf: "{kanaal} = 'balie'",
            },
            { type: "rating", name: "score", title: { nl: "Score", en: "Score" }, rateMin: 1, rateMax: 5 },
            {
              type: "panel",
              name: "adres",
              title: { nl: "Adres", en: "Address" },
              elements: [{ type: "text", name: "straat", title: { nl: "Straat", en: "Street" } }],
            },
            {
              type: "paneldynamic",
              name: "loketten",
              title: { nl: "Loketten", en: "Desks" },
              templateElements: [{ type: "text", name: "plaats", title: { nl: "Plaats", en: "Place" } }],
            },
            {
              type: "matrix",
              name: "oordeel",
              title: { nl: "Oordeel", en: "Judgement" },
              rows: ["a"],
              columns: [1, 2],
            },
          ],
        },
      ],
    };
    const file = surveyToXlsform(definition, "nl");
    const sheets = await readXlsx(file);
    const notes = [...sheets].find(([name]) => name === "samen_notes")?.[1] ?? [];
    expect(notes.map((r) => r[1])).toEqual(["name", "oordeel"]);
    const back = await xlsformToSurvey(file, "en");
    expect(back.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(lint(back.definition, "en").filter((f) => f.severity === "error")).toEqual([]);
    const kept = questionsOf(definition as never).filter((q) => q.name !== "oordeel");
    const returned = questionsOf(back.definition);
    expect(returned.map((q) => [q.name, q.kind, q.title])).toEqual(kept.map((q) => [q.name, q.kind, q.title]));
    expect(back.definition.title).toEqual({ nl: "Dienstverlening", en: "Services" });
    const answers = {
      kanaal: "balie",
      themas: ["afval"],
      fte: 3,
      toelichting: "na afspraak",
      score: 4,
      straat: "Markt 1",
      loketten: [{ plaats: "Hasselt" }],
    };
    expect(validate(compile(back.definition), answers, "en").problems).toEqual([]);
    expect(validate(compile(back.definition), { ...answers, fte: -1 }, "en").problems.map((p) => p.question)).toEqual([
      "fte",
    ]);
  });
});

describe("cascading choices (choice_filter)", () => {
  it("show each choice for the answer it belongs to, and the server refuses one that does not fit", async () => {
    const file = writeXlsx([
      {
        name: "survey",
        rows: [
          ["type", "name", "label", "choice_filter"],
          ["select_one provinces", "province", "Province", ""],
          ["select_one municipalities", "municipality", "Municipality", "province=${province}"],
        ],
      },
      {
        name: "choices",
        rows: [
          ["list_name", "name", "label", "province"],
          ["provinces", "limburg", "Limburg", ""],
          ["provinces", "antwerpen", "Antwerpen", ""],
          ["municipalities", "hasselt", "Hasselt", "limburg"],
          ["municipalities", "genk", "Genk", "limburg"],
          ["municipalities", "mechelen", "Mechelen", "antwerpen"],
        ],
      },
    ]);
    const { definition, findings } = await xlsformToSurvey(file, "en");
    expect(findings).toEqual([]);
    const survey = compileSurvey(definition);
    expect(validateAnswers(survey, { province: "limburg", municipality: "genk" }, "en").problems).toEqual([]);
    expect(
      validateAnswers(survey, { province: "limburg", municipality: "mechelen" }, "en").problems.map((p) => p.question),
    ).toEqual(["municipality"]);
  });
});
