import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { limesurveyToSurvey } from "./limesurvey.ts";
import { LimeSurveyError, textOf } from "./limesurvey-document.ts";
import { translateLimeExpression } from "./limesurvey-expressions.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/surveys/limesurvey/${name}`, import.meta.url));
type Json = Record<string, unknown>;
const elementsOf = (definition: Json) =>
  (definition.pages as { elements: Json[] }[]).flatMap((p) => p.elements) as Json[];
const byName = (definition: Json, name: string) => elementsOf(definition).find((e) => e.name === name);

describe("a LimeSurvey survey structure", () => {
  const { definition, findings } = limesurveyToSurvey(fixture("samen-alle-vraagtypen.lss"), "nl");

  it("makes each question group a page, with its condition, and each language a localised text", () => {
    const pages = definition.pages as Json[];
    expect(pages.map((p) => p.title)).toEqual([
      { nl: "Uw organisatie", en: "Your organisation" },
      { nl: "Gedeelde diensten", en: "Shared services" },
      { nl: "Tot slot", en: "Finally" },
    ]);
    expect(pages[0]?.description).toEqual({
      nl: "Over de organisatie die antwoordt.",
      en: "About the organisation answering.",
    });
    expect(pages[1]?.visibleIf).toBe("(({deelt} = 'Y'))");
  });

  it("gives each question type its counterpart, with answer options, subquestions and rules", () => {
    expect(byName(definition, "soort")).toMatchObject({
      type: "radiogroup",
      isRequired: true,
      showOtherItem: true,
      otherText: "Ander bestuur",
      choices: [{ value: "GEM" }, { value: "OCMW" }, { value: "PROV" }],
    });
    expect(byName(definition, "regio")).toMatchObject({ type: "dropdown" });
    expect(byName(definition, "tevreden")).toMatchObject({ type: "radiogroup", showCommentArea: true });
    expect(byName(definition, "belang")).toMatchObject({ type: "rating", rateMin: 1, rateMax: 5 });
    expect(byName(definition, "deelt")).toMatchObject({ type: "boolean", valueTrue: "Y", valueFalse: "N" });
    expect(byName(definition, "kbo")).toMatchObject({ validators: [{ type: "regex", regex: "^[0-9]{10}$" }] });
    expect(byName(definition, "diensten")).toMatchObject({ type: "comment", maxLength: 500 });
    expect(byName(definition, "inwoners")).toMatchObject({
      inputType: "number",
      step: 1,
      validators: [{ type: "numeric", minValue: 0, maxValue: 2_000_000 }],
    });
    expect(byName(definition, "sinds")).toMatchObject({ inputType: "date" });
    expect(byName(definition, "uitleg")).toMatchObject({
      type: "html",
      html: "Hierna volgen vragen over gedeelde diensten.",
    });
    expect(byName(definition, "domeinen")).toMatchObject({
      type: "checkbox",
      maxSelectedChoices: 2,
      showOtherItem: true,
    });
    expect(byName(definition, "contact")).toMatchObject({
      type: "multipletext",
      items: [{ name: "naam" }, { name: "functie" }],
    });
    expect(byName(definition, "fte")).toMatchObject({ items: [{ inputType: "number" }, { inputType: "number" }] });
    expect(byName(definition, "prioriteit")).toMatchObject({ type: "ranking" });
    expect(byName(definition, "oordeel")).toMatchObject({ type: "matrix", isAllRowRequired: true });
    expect(byName(definition, "janee")?.columns).toEqual([
      { value: "Y", text: { nl: "Ja", en: "Yes" } },
      { value: "U", text: { nl: "Onzeker", en: "Uncertain" } },
      { value: "N", text: { nl: "Nee", en: "No" } },
    ]);
    expect(byName(definition, "dubbel")).toMatchObject({
      type: "matrixdropdown",
      columns: [
        { name: "0", title: "Belang" },
        { name: "1", title: "Tevredenheid" },
      ],
    });
    expect(byName(definition, "aantallen")).toMatchObject({ columns: [{ choicesMin: 0, choicesMax: 5 }, {}] });
    expect(byName(definition, "teksten")).toMatchObject({ columns: [{ cellType: "text" }] });
    expect(byName(definition, "verborgen")).toMatchObject({ visible: false });
  });

  it("translates relevance equations and conditions of the older kind into conditions", () => {
    expect(byName(definition, "diensten")?.visibleIf).toBe("(({deelt} = 'Y'))");
    expect(byName(definition, "ict_partner")?.visibleIf).toBe("(({domeinen} contains 'ICT'))");
    expect(byName(definition, "oud")?.visibleIf).toBe("(({oordeel.ICT} = 'S'))");
  });

  it("names every question it leaves out or changes, by its code and group", () => {
    const where = (code: string) => findings.filter((f) => f.where.startsWith(`vraag ${code} `)).map((f) => f.message);
    expect(where("bijlage")).toEqual(["Vragen om een bestand op te laden worden niet ondersteund en zijn weggelaten."]);
    expect(where("som")).toEqual(["Een vergelijking wordt niet berekend en is weggelaten."]);
    expect(where("taal")[0]).toContain("Language switch (I)");
    expect(where("email")).toHaveLength(2);
    expect(where("kanalen")[0]).toContain("opmerking bij elke keuze");
    expect(where("slot")).toEqual([
      'De instelling array_filter = "domeinen" wordt niet overgenomen.',
      'De instelling time_limit = "60" wordt niet overgenomen.',
    ]);
    expect(byName(definition, "bijlage")).toBeUndefined();
  });

  it("reads the export of LimeSurvey 1.9 to 3: texts in the rows, one row per language", () => {
    const old = limesurveyToSurvey(fixture("limesurvey_survey_OldCodes.lss"), "en");
    expect((old.definition.pages as Json[]).map((p) => p.title)).toEqual([
      { en: "First group", es: "Primer grupo" },
      { en: "Second group", es: "Segundo grupo" },
    ]);
    expect(byName(old.definition, "OLD_CODE2")?.visibleIf).toBe("{OLD_CODE1} > 2");
    // Its title and help are calculations ({OLD_CODE1.shown + OLD_CODE1.shown}): shown as written, and said so.
    expect(old.findings.map((f) => f.where)).toEqual([
      "question OLD_CODE2 (question group First group)",
      "question OLD_CODE2 (question group First group)",
    ]);
  });

  it("refuses what is not a LimeSurvey survey, saying why", () => {
    const refuse = (xml: string) => {
      try {
        limesurveyToSurvey(new TextEncoder().encode(xml), "nl");
      } catch (error) {
        return error instanceof LimeSurveyError ? error.problem.key : "other";
      }
      return "accepted";
    };
    expect(refuse("geen xml")).toBe("surveyFinding.lssNotXml");
    expect(refuse("<survey/>")).toBe("surveyFinding.lssNotXml");
    expect(refuse("<document><LimeSurveyDocType>Question</LimeSurveyDocType></document>")).toBe(
      "surveyFinding.lssNotSurvey",
    );
    expect(refuse(`<document>${" ".repeat(6 * 1024 * 1024)}</document>`)).toBe("surveyFinding.lssTooLarge");
  });
});

describe("LimeSurvey's expressions", () => {
  const questions = new Map(
    [
      { qid: "45", code: "Q1", type: "L" },
      { qid: "46", code: "M1", type: "M" },
      { qid: "47", code: "A1", type: "F" },
    ].map((q) => [q.code, { ...q, parent: "", gid: "3", order: 0, scale: 0, row: {} }]),
  );
  const resolve = (v: string) => {
    const direct = questions.get(v);
    if (direct) return { question: direct };
    const sgqa = /^\d+X\d+X(\d+)(\w*)$/.exec(v);
    const byQid = [...questions.values()].find((q) => q.qid === sgqa?.[1]);
    if (byQid) return sgqa?.[2] ? { question: byQid, sub: sgqa[2] } : { question: byQid };
    const [code, sub] = v.split("_");
    const parent = questions.get(code ?? "");
    return parent && sub ? { question: parent, sub } : null;
  };
  it.each([
    ['Q1.NAOK == "A1"', "{Q1} = 'A1'"],
    ["!is_empty(Q1)", "!({Q1} empty)"],
    ['Q1 == "A1" and A1_SQ1 != "B"', "{Q1} = 'A1' and {A1.SQ1} != 'B'"],
    ['M1_SQ2 == "Y" || M1_SQ3 == ""', "{M1} contains 'SQ2' or {M1} notcontains 'SQ3'"],
    ['12X3X46SQ2 eq "Y"', "{M1} contains 'SQ2'"],
    ["Q1.NAOK gt 2", "{Q1} > 2"],
  ])("%s is %s", (lime, surveyjs) => {
    expect(translateLimeExpression(lime, resolve)).toBe(surveyjs);
  });
  it.each([["count(Q1, M1) > 1"], ['unknown == "x"'], ['regexMatch("/a/", Q1)'], ["1"], [""]])(
    "%s cannot be said and is null",
    (lime) => {
      expect(translateLimeExpression(lime, resolve)).toBeNull();
    },
  );
});

describe("the text of LimeSurvey's HTML", () => {
  it("leaves out tags, scripts and styles and reads entities", () => {
    expect(
      textOf("<p>Wij &amp; u<br/>samen</p><script>alert(1)</script><style>p{}</style><p>&eacute;&nbsp;n</p>"),
    ).toBe("Wij & u\nsamen\né n");
  });
});

describe("any .lss a user can send", () => {
  const xml = fixture("samen-alle-vraagtypen.lss").toString("utf8");
  const rows = [...xml.matchAll(/<row>[\s\S]*?<\/row>/g)].map((m) => m[0]);
  const fields = [...xml.matchAll(/<(\w+)><!\[CDATA\[[^\]]*\]\]><\/\1>/g)].map((m) => m[0]);

  it("is converted or refused with a reason, never failing otherwise: rows and fields left out or garbled", () => {
    fc.assert(
      fc.property(
        fc.subarray(rows, { maxLength: 40 }),
        fc.subarray(fields, { maxLength: 40 }),
        fc.string({ maxLength: 20 }),
        (dropRows, garbleFields, noise) => {
          let broken = xml;
          for (const row of dropRows) broken = broken.replace(row, "");
          for (const field of garbleFields)
            broken = broken.replace(field, field.replace(/CDATA\[[^\]]*\]/, `CDATA[${noise}]`));
          try {
            const { definition, findings } = limesurveyToSurvey(new TextEncoder().encode(broken), "nl");
            expect(Array.isArray(definition.pages)).toBe(true);
            for (const f of findings) expect(f.where).not.toBe("");
          } catch (error) {
            expect(error).toBeInstanceOf(LimeSurveyError);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
