/**
 * A LimeSurvey survey structure (.lss: the XML LimeSurvey exports) to a SurveyJS definition: question groups become
 * pages, each question type its counterpart, answer options and subquestions choices and rows, conditions and
 * relevance equations `visibleIf`, every language a localised text. What has no counterpart is reported with the
 * question (or group) it concerns, never dropped silently. Both the export of LimeSurvey 1.9 to 3 (texts in the
 * rows, one row per language) and that of 4 and later (texts in the *_l10ns tables) are read.
 */
import { type Language, type Message, sayerIn } from "../../platform/i18n.ts";
import type { Finding } from "./definition.ts";
import { child, documentOf, elementsIn, type Row, tableOf, textOf } from "./limesurvey-document.ts";
import { type Question, translateLimeExpression } from "./limesurvey-expressions.ts";

type Json = Record<string, unknown>;

/** LimeSurvey's question types, by their one-character code, in words for findings. */
const typeNames: Record<string, string> = {
  "1": "Array dual scale",
  "5": "5 point choice",
  A: "Array (5 point choice)",
  B: "Array (10 point choice)",
  C: "Array (Yes/No/Uncertain)",
  D: "Date/Time",
  E: "Array (Increase/Same/Decrease)",
  F: "Array",
  G: "Gender",
  H: "Array by column",
  I: "Language switch",
  K: "Multiple numerical input",
  L: "List (radio)",
  M: "Multiple choice",
  N: "Numerical input",
  O: "List with comment",
  P: "Multiple choice with comments",
  Q: "Multiple short text",
  R: "Ranking",
  S: "Short free text",
  T: "Long free text",
  U: "Huge free text",
  X: "Text display",
  Y: "Yes/No",
  "!": "List (dropdown)",
  ":": "Array (Numbers)",
  ";": "Array (Texts)",
  "|": "File upload",
  "*": "Equation",
};

/** Attributes that change what is asked or accepted and that Samen does not carry over: each is named. */
const notCarried = new Set([
  "array_filter",
  "array_filter_exclude",
  "array_filter_style",
  "exclude_all_others",
  "exclude_all_others_auto",
  "equals_num_value",
  "min_num_value",
  "max_num_value",
  "min_num_value_sgqa",
  "max_num_value_sgqa",
  "num_value_equals_sgqa",
  "time_limit",
  "em_validation_sq",
  "assessment_value",
  "random_group",
]);

const yes = (value: string | undefined) => value === "Y" || value === "1";
const numberOf = (value: string | undefined) => {
  const n = Number(value);
  return value !== undefined && value.trim() !== "" && Number.isFinite(n) ? n : undefined;
};

export function limesurveyToSurvey(bytes: Uint8Array, language: Language): { definition: Json; findings: Finding[] } {
  const words = sayerIn(language);
  const root = documentOf(bytes);

  const findings: Finding[] = [];
  const settings = tableOf(root, "surveys")[0] ?? {};
  const base = settings.language?.trim() || child(child(root, "languages"), "language")?.textContent?.trim() || "";
  const languages = [
    ...new Set(
      [
        base,
        ...(settings.additional_languages ?? "").split(/\s+/),
        ...elementsIn(child(root, "languages")).map((l) => l.textContent?.trim() ?? ""),
      ].filter(Boolean),
    ),
  ];

  // Texts by owner and language: the l10ns tables (LimeSurvey 4 and later) or the rows themselves (earlier).
  const textsBy = (rows: Row[], key: string) => {
    const out = new Map<string, Map<string, Row>>();
    for (const row of rows) {
      const id = row[key] ?? "";
      const byLanguage = out.get(id) ?? new Map<string, Row>();
      byLanguage.set(row.language || base, row);
      out.set(id, byLanguage);
    }
    return out;
  };
  /** A text in every language the survey has: a string when it has one, { nl, en, … } when it has more. */
  const localised = (byLanguage: Map<string, Row> | undefined, field: string, pipe = true) => {
    const out: Record<string, string> = {};
    for (const l of languages) {
      const raw = byLanguage?.get(l)?.[field];
      const text = raw ? textOf(raw) : "";
      if (text) out[l] = pipe ? piped(text) : text;
    }
    const keys = Object.keys(out);
    if (!keys.length) return undefined;
    if (languages.length === 1) return out[keys[0] as string];
    return out;
  };

  const groupRows = tableOf(root, "groups");
  const groupTexts = textsBy(tableOf(root, "group_l10ns").length ? tableOf(root, "group_l10ns") : groupRows, "gid");
  const questionRows = [...tableOf(root, "questions"), ...tableOf(root, "subquestions")];
  const questionTexts = textsBy(
    tableOf(root, "question_l10ns").length ? tableOf(root, "question_l10ns") : questionRows,
    "qid",
  );
  const answerRows = tableOf(root, "answers");
  const answerTexts = tableOf(root, "answer_l10ns").length ? textsBy(tableOf(root, "answer_l10ns"), "aid") : null;
  const attributes = new Map<string, Map<string, string>>();
  for (const row of tableOf(root, "question_attributes")) {
    if (row.language && row.language !== base) continue;
    const map = attributes.get(row.qid ?? "") ?? new Map<string, string>();
    map.set(row.attribute ?? "", row.value ?? "");
    attributes.set(row.qid ?? "", map);
  }
  const attribute = (q: Question, name: string) => {
    const value = attributes.get(q.qid)?.get(name)?.trim();
    return value ? value : undefined;
  };

  const questions = new Map<string, Question>();
  for (const row of questionRows) {
    const qid = row.qid ?? "";
    if (!qid || (questions.has(qid) && row.language && row.language !== base)) continue;
    questions.set(qid, {
      qid,
      parent: row.parent_qid && row.parent_qid !== "0" ? row.parent_qid : "",
      gid: row.gid ?? "",
      type: row.type ?? "",
      code: row.title ?? "",
      order: Number(row.question_order) || 0,
      scale: Number(row.scale_id) || 0,
      row,
    });
  }
  const byOrder = (a: { order: number }, b: { order: number }) => a.order - b.order;
  const subquestions = (q: Question, scale = 0) =>
    [...questions.values()].filter((s) => s.parent === q.qid && s.scale === scale).sort(byOrder);
  const tops = [...questions.values()].filter((q) => !q.parent);
  const byCode = new Map(tops.map((q) => [q.code, q]));

  /** A variable of an expression: a question by code, `Q{qid}` or SGQA, with a subquestion code after "_". */
  const resolve = (variable: string): { question: Question; sub?: string } | null => {
    const direct = byCode.get(variable);
    if (direct) return { question: direct };
    const sgqa = /^\d+X\d+X(\d+)(\w*)$/.exec(variable) ?? /^Q(\d+)(?:_S?(\w+))?$/.exec(variable);
    if (sgqa) {
      const question = questions.get(sgqa[1] as string);
      // LimeSurvey 6 names a subquestion by its id (Q12_S34): the subquestion's code is what Samen keeps.
      const sub = sgqa[2]
        ? questions.get(sgqa[2])?.parent === question?.qid
          ? questions.get(sgqa[2])?.code
          : sgqa[2]
        : undefined;
      if (question && !question.parent) return sub ? { question, sub } : { question };
    }
    const split = variable.lastIndexOf("_");
    if (split > 0) {
      const question = byCode.get(variable.slice(0, split));
      if (question) return { question, sub: variable.slice(split + 1) };
    }
    return null;
  };
  /** Answers piped into texts: {CODE} or {CODE.shown} in LimeSurvey, {CODE} in SurveyJS. */
  const piped = (text: string) =>
    text.replace(/\{([A-Za-z_][\w]*)(?:\.(?:NAOK|value|code|shown))?\}/g, (whole, name: string) =>
      byCode.has(name) ? `{${name}}` : whole,
    );

  /** An expression in a text that SurveyJS cannot pipe ({if(…)}, {A + B}): it is shown as written. */
  const leftAsWritten = (text: string) =>
    [...piped(textOf(text)).matchAll(/\{([^{}]*)\}/g)].find(([, inner]) => !byCode.has(inner ?? ""))?.[0];

  /** Conditions (the older way LimeSurvey wrote relevance) as one expression: scenarios or'ed, fields and'ed. */
  const conditions = new Map<string, Row[]>();
  for (const row of tableOf(root, "conditions")) {
    const list = conditions.get(row.qid ?? "") ?? [];
    list.push(row);
    conditions.set(row.qid ?? "", list);
  }
  const conditionsOf = (q: Question): string | null => {
    const rows = conditions.get(q.qid);
    if (!rows?.length) return null;
    const scenarios = new Map<string, Map<string, string[]>>();
    for (const row of rows) {
      const method = row.method === "RX" ? null : (row.method ?? "==");
      if (!method) return null;
      const value = row.value ?? "";
      const other = /^@(.+)@$/.exec(value)?.[1];
      const right = other ? other : JSON.stringify(value);
      const fields = scenarios.get(row.scenario ?? "1") ?? new Map<string, string[]>();
      const field = row.cfieldname ?? "";
      fields.set(field, [...(fields.get(field) ?? []), `${field.replace(/^\+/, "")} ${method} ${right}`]);
      scenarios.set(row.scenario ?? "1", fields);
    }
    const expression = [...scenarios.values()]
      .map((fields) => `(${[...fields.values()].map((alts) => `(${alts.join(" or ")})`).join(" and ")})`)
      .join(" or ");
    return translateLimeExpression(expression, resolve);
  };

  /** Answer options of a question on one scale, in order, each with its text in every language. */
  const answersOf = (q: Question, scale = 0) => {
    const rows = answerRows
      .filter((a) => a.qid === q.qid && (Number(a.scale_id) || 0) === scale)
      .filter((a, i, all) => all.findIndex((b) => b.code === a.code) === i)
      .sort((a, b) => (Number(a.sortorder) || 0) - (Number(b.sortorder) || 0));
    return rows.map((a) => {
      const texts = answerTexts
        ? answerTexts.get(a.aid ?? "")
        : new Map(
            answerRows
              .filter((b) => b.qid === q.qid && b.code === a.code && (Number(b.scale_id) || 0) === scale)
              .map((b) => [b.language || base, b] as const),
          );
      const text = localised(texts, "answer");
      return { value: a.code ?? "", ...(text ? { text } : {}) };
    });
  };
  const subquestionItems = (q: Question, scale = 0) =>
    subquestions(q, scale).map((s) => {
      const text = localised(questionTexts.get(s.qid), "question");
      return { value: s.code, ...(text ? { text } : {}) };
    });
  /** A fixed scale in the survey's languages (LimeSurvey says its own words for these). */
  const fixed = (items: [string, string][]) =>
    items.map(([value, key]) => ({ value, text: inLanguages(`surveyFinding.lss.${key}`) }));
  const inLanguages = (key: string) => {
    const say = (l: string) => sayerIn(l === "nl" ? "nl" : "en")(key);
    if (languages.length <= 1) return say(languages[0] ?? language);
    return Object.fromEntries(languages.map((l) => [l, say(l)]));
  };

  const pages: Json[] = [];
  const sortedGroups = groupRows
    .filter((g, i, all) => all.findIndex((h) => h.gid === g.gid) === i)
    .sort((a, b) => (Number(a.group_order) || 0) - (Number(b.group_order) || 0));
  for (const group of sortedGroups) {
    const texts = groupTexts.get(group.gid ?? "");
    const groupName = textOf(texts?.get(base)?.group_name ?? "") || group.gid || "";
    const groupWhere = words("surveyFinding.lssGroup", { name: groupName });
    const page: Json = { name: `groep-${group.gid}`, elements: [] as Json[] };
    const title = localised(texts, "group_name");
    if (title) page.title = title;
    const description = localised(texts, "description");
    if (description) page.description = description;
    const relevance = group.grelevance?.trim();
    if (relevance && relevance !== "1") {
      const visibleIf = translateLimeExpression(relevance, resolve);
      if (visibleIf) page.visibleIf = visibleIf;
      else
        findings.push({
          severity: "warning",
          where: groupWhere,
          message: words("surveyFinding.lssRelevanceUntranslatable", { expression: relevance }),
        });
    }
    for (const field of ["group_name", "description"]) {
      const expression = leftAsWritten(texts?.get(base)?.[field] ?? "");
      if (expression)
        findings.push({
          severity: "warning",
          where: groupWhere,
          message: words("surveyFinding.lssTextExpression", { expression }),
        });
    }
    const elements = page.elements as Json[];
    for (const q of tops.filter((t) => t.gid === group.gid).sort(byOrder)) {
      const where = words("surveyFinding.lssQuestion", { code: q.code, group: groupName });
      const say = (key: string, params?: Message["params"]) =>
        findings.push({ severity: "warning", where, message: words(`surveyFinding.${key}`, params) });
      const texts = questionTexts.get(q.qid);
      for (const field of q.type === "*" ? [] : ["question", "help"]) {
        const expression = leftAsWritten(texts?.get(base)?.[field] ?? "");
        if (expression) say("lssTextExpression", { expression });
      }
      const element: Json = { name: q.code };
      const questionTitle = localised(texts, "question");
      if (questionTitle) element.title = questionTitle;
      const help = localised(texts, "help");
      if (help) element.description = help;
      const mandatory = q.row.mandatory ?? "N";
      if (mandatory === "Y") element.isRequired = true;
      if (mandatory === "S") say("lssSoftMandatory");
      const relevance = q.row.relevance?.trim();
      if (relevance && relevance !== "1") {
        const visibleIf = translateLimeExpression(relevance, resolve);
        if (visibleIf) element.visibleIf = visibleIf;
        else say("lssRelevanceUntranslatable", { expression: relevance });
      } else if (conditions.has(q.qid)) {
        const visibleIf = conditionsOf(q);
        if (visibleIf) element.visibleIf = visibleIf;
        else say("lssRelevanceUntranslatable", { expression: q.qid });
      }
      if (attribute(q, "hidden") === "1") {
        element.visible = false;
        say("lssHidden");
      }
      for (const name of notCarried) {
        const value = attribute(q, name);
        if (value && value !== "0") say("lssAttribute", { attribute: name, value });
      }
      const other = yes(q.row.other);
      const otherLabel = attribute(q, "other_replace_text");
      const otherText = otherLabel ? textOf(otherLabel) : "";
      const withOther = (json: Json) => {
        if (!other) return json;
        return { ...json, showOtherItem: true, ...(otherText ? { otherText } : {}) };
      };
      const order = attribute(q, "random_order") === "1" || attribute(q, "answer_order") === "random";
      const choiceOrder = order ? { choicesOrder: "random" } : {};
      const selected = () => {
        const min = numberOf(attribute(q, "min_answers"));
        const max = numberOf(attribute(q, "max_answers"));
        return { ...(min ? { minSelectedChoices: min } : {}), ...(max ? { maxSelectedChoices: max } : {}) };
      };
      const validators: Json[] = [];
      const preg = q.row.preg?.trim();
      if (preg) {
        const match = /^([/#~!@%])(.*)\1([a-z]*)$/s.exec(preg);
        const pattern = match ? (match[2] as string) : preg;
        try {
          new RegExp(pattern, "u");
          validators.push({
            type: "regex",
            regex: pattern,
            ...(match?.[3]?.includes("i") ? { caseInsensitive: true } : {}),
          });
        } catch {
          say("lssPattern", { pattern: preg });
        }
      }
      const emValidation = attribute(q, "em_validation_q");
      if (emValidation) {
        const expression = translateLimeExpression(emValidation, resolve);
        const tip = textOf(attribute(q, "em_validation_q_tip") ?? "");
        if (expression)
          validators.push({
            type: "expression",
            expression: element.isRequired ? expression : `{${q.code}} empty or (${expression})`,
            ...(tip ? { text: tip } : {}),
          });
        else say("lssValidationUntranslatable", { expression: emValidation });
      }
      const maxChars = numberOf(attribute(q, "maximum_chars"));
      if (maxChars) element.maxLength = maxChars;
      const withValidators = (json: Json) => (validators.length ? { ...json, validators } : json);
      const matrix = (columns: unknown[]) => ({
        type: "matrix",
        ...element,
        rows: subquestionItems(q),
        columns,
        ...(element.isRequired ? { isAllRowRequired: true } : {}),
      });
      const number = (json: Json) => {
        const min = numberOf(attribute(q, "min_num_value_n"));
        const max = numberOf(attribute(q, "max_num_value_n"));
        const bounds =
          min !== undefined || max !== undefined
            ? [
                {
                  type: "numeric",
                  ...(min !== undefined ? { minValue: min } : {}),
                  ...(max !== undefined ? { maxValue: max } : {}),
                },
              ]
            : [];
        validators.push(...bounds);
        return { ...json, inputType: "number", ...(attribute(q, "num_value_int_only") === "1" ? { step: 1 } : {}) };
      };
      switch (q.type) {
        case "L":
        case "!":
        case "O": {
          const json: Json = {
            type: q.type === "!" ? "dropdown" : "radiogroup",
            ...element,
            choices: answersOf(q),
            ...choiceOrder,
          };
          if (q.type === "O") json.showCommentArea = true;
          elements.push(withValidators(withOther(json)));
          break;
        }
        case "5":
          elements.push({ type: "rating", ...element, rateMin: 1, rateMax: 5 });
          break;
        case "G":
          elements.push({
            type: "radiogroup",
            ...element,
            choices: fixed([
              ["F", "female"],
              ["M", "male"],
            ]),
          });
          break;
        case "Y":
          elements.push({ type: "boolean", ...element, valueTrue: "Y", valueFalse: "N" });
          break;
        case "S":
          elements.push(withValidators({ type: "text", ...element }));
          break;
        case "T":
        case "U":
          elements.push(withValidators({ type: "comment", ...element }));
          break;
        case "N":
          elements.push(withValidators(number({ type: "text", ...element })));
          break;
        case "D": {
          const format = attribute(q, "date_format") ?? "";
          const time = /[HhGgi]/.test(format);
          const date = /[dmyYjn]/.test(format) || !format;
          const inputType = time && date ? "datetime-local" : time ? "time" : "date";
          elements.push(withValidators({ type: "text", ...element, inputType }));
          break;
        }
        case "X":
          elements.push({
            type: "html",
            name: q.code,
            html: typeof questionTitle === "string" ? questionTitle : (questionTitle?.[base] ?? ""),
            ...(element.visibleIf ? { visibleIf: element.visibleIf } : {}),
          });
          break;
        case "M":
        case "P":
          elements.push(
            withValidators(
              withOther({ type: "checkbox", ...element, choices: subquestionItems(q), ...choiceOrder, ...selected() }),
            ),
          );
          if (q.type === "P") say("lssChoiceComments");
          break;
        case "R":
          elements.push({ type: "ranking", ...element, choices: answersOf(q), ...choiceOrder });
          if (attribute(q, "max_answers") || attribute(q, "min_answers")) say("lssRankingLimits");
          break;
        case "Q":
        case "K":
          elements.push(
            withValidators({
              type: "multipletext",
              ...element,
              items: subquestions(q).map((s) => {
                const text = localised(questionTexts.get(s.qid), "question");
                return {
                  name: s.code,
                  ...(text ? { title: text } : {}),
                  ...(q.type === "K" ? { inputType: "number" } : {}),
                };
              }),
            }),
          );
          break;
        case "F":
        case "H":
          elements.push(matrix(answersOf(q)));
          break;
        case "A":
          elements.push(matrix([1, 2, 3, 4, 5].map((n) => ({ value: String(n), text: String(n) }))));
          break;
        case "B":
          elements.push(matrix([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => ({ value: String(n), text: String(n) }))));
          break;
        case "C":
          elements.push(
            matrix(
              fixed([
                ["Y", "yes"],
                ["U", "uncertain"],
                ["N", "no"],
              ]),
            ),
          );
          break;
        case "E":
          elements.push(
            matrix(
              fixed([
                ["I", "increase"],
                ["S", "same"],
                ["D", "decrease"],
              ]),
            ),
          );
          break;
        case "1": {
          const header = (scale: number) =>
            textOf(attribute(q, scale ? "dualscale_headerB" : "dualscale_headerA") ?? "");
          elements.push({
            type: "matrixdropdown",
            ...element,
            rows: subquestionItems(q),
            columns: [0, 1].map((scale) => ({
              name: String(scale),
              ...(header(scale) ? { title: header(scale) } : {}),
              cellType: "dropdown",
              choices: answersOf(q, scale),
              ...(element.isRequired ? { isRequired: true } : {}),
            })),
          });
          break;
        }
        case ":":
        case ";": {
          const checkbox = q.type === ":" && attribute(q, "multiflexible_checkbox") === "1";
          const numbers =
            q.type === ":" && !checkbox
              ? {
                  cellType: "dropdown",
                  choicesMin: numberOf(attribute(q, "multiflexible_min")) ?? 1,
                  choicesMax: numberOf(attribute(q, "multiflexible_max")) ?? 10,
                  choicesStep: numberOf(attribute(q, "multiflexible_step")) ?? 1,
                }
              : { cellType: checkbox ? "boolean" : "text" };
          elements.push({
            type: "matrixdropdown",
            ...element,
            rows: subquestionItems(q),
            columns: subquestions(q, 1).map((s) => {
              const text = localised(questionTexts.get(s.qid), "question");
              return { name: s.code, ...(text ? { title: text } : {}), ...numbers };
            }),
          });
          break;
        }
        default:
          say(q.type === "|" ? "lssFileUpload" : q.type === "*" ? "lssEquation" : "lssType", {
            type: `${typeNames[q.type] ?? "?"} (${q.type})`,
          });
      }
    }
    pages.push(page);
  }
  const orphans = tops.filter((q) => !sortedGroups.some((g) => g.gid === q.gid));
  for (const q of orphans)
    findings.push({
      severity: "warning",
      where: words("surveyFinding.lssQuestion", { code: q.code, group: q.gid }),
      message: words("surveyFinding.lssNoGroup"),
    });
  const languageSettings = textsBy(
    tableOf(root, "surveys_languagesettings").map((r) => ({ ...r, language: r.surveyls_language ?? "" })),
    "surveyls_survey_id",
  );
  const surveyTexts = [...languageSettings.values()][0];
  const title = localised(surveyTexts, "surveyls_title", false);
  const description = localised(surveyTexts, "surveyls_description", false);
  const definition: Json = {
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    pages: pages.filter((p) => (p.elements as Json[]).length),
  };
  return { definition, findings };
}
