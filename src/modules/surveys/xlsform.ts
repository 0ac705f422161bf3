/**
 * XLSForm (a form written in a spreadsheet: sheets survey, choices, settings) to a SurveyJS definition. What has
 * no counterpart is reported with its row, never dropped silently: metadata fields, media questions, expressions
 * that cannot be translated.
 */
import { ConditionRunner } from "survey-core";
import { type Language, sayerIn } from "../../platform/i18n.ts";
import { readXlsx } from "../../platform/xlsx-read.ts";
import type { Finding } from "./definition.ts";

type Json = Record<string, unknown>;

const metadata = new Set([
  "start",
  "end",
  "today",
  "deviceid",
  "subscriberid",
  "simserial",
  "phonenumber",
  "username",
  "email",
  "audit",
  "start-geopoint",
  "background-audio",
]);
const media = new Set([
  "geopoint",
  "geotrace",
  "geoshape",
  "image",
  "audio",
  "video",
  "file",
  "barcode",
  "background-geopoint",
]);

const yes = (value: string | undefined) => /^(yes|true|1|true\(\))$/i.test((value ?? "").trim());

/** Language names XLSForms use instead of codes ("label::English", "label::Nederlands"). */
const languages: Record<string, string> = {
  english: "en",
  engels: "en",
  dutch: "nl",
  nederlands: "nl",
  vlaams: "nl",
  french: "fr",
  français: "fr",
  francais: "fr",
  frans: "fr",
  german: "de",
  deutsch: "de",
  duits: "de",
  spanish: "es",
  español: "es",
  espanol: "es",
  portuguese: "pt",
  português: "pt",
  arabic: "ar",
  turkish: "tr",
  türkçe: "tr",
  polish: "pl",
  polski: "pl",
};

/** The columns a language is given for; only these read "label:English (en)" with one colon as a language. */
const localisable = new Set([
  "label",
  "hint",
  "guidance_hint",
  "constraint_message",
  "required_message",
  "media",
  "form_title",
]);

/**
 * Header cells to column names; "label::Nederlands (nl)", "label:English (en)" (one colon, as KoboToolbox writes
 * it), "label::nl" and "label::english" all become { column: label, locale: the language's code }.
 */
function columnsOf(header: string[]) {
  return header.map((cell) => {
    const text = cell.trim();
    const split = /^([^:]+?)\s*::?\s*(.+)$/.exec(text);
    const base = split?.[1]?.trim().toLowerCase().replace(/\s+/g, "_") ?? "";
    if (!split || !localisable.has(base)) return { column: text.toLowerCase().replace(/\s+/g, "_"), locale: null };
    const language = (split[2] ?? "").trim();
    const code =
      /\(([a-z]{2,3}(?:-[A-Za-z]+)?)\)/.exec(language)?.[1] ??
      languages[language.toLowerCase()] ??
      (/^[a-z]{2,3}(?:-[A-Za-z]+)?$/.test(language) ? language : language.toLowerCase());
    return { column: base, locale: code };
  });
}

interface Row {
  line: number;
  get(column: string): string | undefined;
  localised(column: string): Record<string, string> | string | undefined;
}

function rowsOf(sheet: string[][] | undefined): Row[] {
  if (!sheet?.length) return [];
  const columns = columnsOf(sheet[0] ?? []);
  return sheet.slice(1).flatMap((cells, i) => {
    if (!cells.some((c) => c?.trim())) return [];
    const get = (column: string) => {
      const index = columns.findIndex((c) => c.column === column && !c.locale);
      const value = index >= 0 ? cells[index]?.trim() : undefined;
      return value || undefined;
    };
    const localised = (column: string) => {
      const out: Record<string, string> = {};
      columns.forEach((c, index) => {
        const value = cells[index]?.trim();
        if (c.column === column && value) out[c.locale ?? "default"] = value;
      });
      // Answers piped into texts: ${name} in XLSForm, {name} in SurveyJS.
      for (const key of Object.keys(out)) out[key] = (out[key] as string).replace(/\$\{([A-Za-z_][\w.-]*)\}/g, "{$1}");
      const keys = Object.keys(out);
      if (!keys.length) return undefined;
      if (keys.length === 1 && keys[0] === "default") return out.default;
      return out;
    };
    return [{ line: i + 2, get, localised }];
  });
}

/**
 * A row's type in today's spelling: "select one from list" and "select all that apply from list or specify other"
 * (older XLSForms) as "select_one list" and "select_multiple list or_other", "phone number" as "phone_number".
 */
function typeOf(row: { get(column: string): string | undefined }): string {
  const other = (list: string, specify?: string) => `${list}${specify ? " or_other" : ""}`;
  return (row.get("type") ?? "")
    .trim()
    .replace(/\s+/g, " ")
    .replace(
      /^select all that apply from (\S+)( or specify other)?/i,
      (_, l: string, o?: string) => `select_multiple ${other(l, o)}`,
    )
    .replace(
      /^select (one|multiple) from (\S+)( or specify other)?/i,
      (_, k: string, l: string, o?: string) => `select_${k.toLowerCase()} ${other(l, o)}`,
    )
    .replace(/^phone number$/i, "phone_number");
}

/**
 * An XLSForm expression in SurveyJS syntax, or null when it cannot be said there. Inside a repeat, a question of the
 * same repeat is `{panel.name}` (the answer in the same repeated panel); `inPanel` names those questions.
 */
export function translateExpression(
  expression: string,
  self?: string,
  inPanel: ReadonlySet<string> = new Set(),
): string | null {
  const reference = (name: string) => (inPanel.has(name) ? `{panel.${name}}` : `{${name}}`);
  let out = expression.trim();
  out = out.replace(/\$\{([A-Za-z_][\w.-]*)\}/g, (_, name: string) => reference(name));
  out = out.replace(/selected\s*\(\s*(\{[\w.-]+\}|\.)\s*,\s*('[^']*'|"[^"]*")\s*\)/g, "$1 contains $2");
  out = out.replace(/\bnot\s*\(/g, "!(");
  if (self) out = out.replace(/(^|[\s(,])\.(?=$|[\s),=<>!])/g, `$1${reference(self)}`);
  out = out.replace(/\bdiv\b/g, "/").replace(/\bmod\b/g, "%");
  // Any other function call (count-selected, regex, if, …) has no sure counterpart.
  if (/[A-Za-z_-]+\s*\(/.test(out.replace(/\b(and|or)\s*\(/g, ""))) return null;
  try {
    new ConditionRunner(out).getVariables();
  } catch {
    return null;
  }
  return out;
}

export async function xlsformToSurvey(
  bytes: Uint8Array,
  language: Language,
): Promise<{ definition: Json; findings: Finding[] }> {
  const words = sayerIn(language);
  const sheets = await readXlsx(bytes);
  const sheet = (name: string) => [...sheets].find(([n]) => n.trim().toLowerCase() === name)?.[1];
  const findings: Finding[] = [];
  const surveyRows = rowsOf(sheet("survey"));
  if (!surveyRows.length) {
    return {
      definition: {},
      findings: [{ severity: "error", where: "survey", message: words("surveyFinding.noSurveySheet") }],
    };
  }
  const choiceLists = new Map<
    string,
    { value: string; text: Record<string, string> | string; row: { get(column: string): string | undefined } }[]
  >();
  for (const row of rowsOf(sheet("choices"))) {
    const list = row.get("list_name") ?? row.get("list name");
    const name = row.get("name");
    if (!list || !name) {
      findings.push({
        severity: "warning",
        where: words("surveyFinding.choicesLine", { line: row.line }),
        message: words("surveyFinding.choiceWithoutName"),
      });
      continue;
    }
    const items = choiceLists.get(list) ?? [];
    items.push({ value: name, text: row.localised("label") ?? name, row });
    choiceLists.set(list, items);
  }
  const settings = rowsOf(sheet("settings"))[0];

  // Which questions each repeat holds (by the line that begins it): their references become {panel.name}.
  const repeatNames = new Map<number, Set<string>>();
  const open: (Set<string> | null)[] = [];
  for (const row of surveyRows) {
    const [type = "", list] = typeOf(row).split(" ");
    if (type === "begin_repeat" || (type === "begin" && list === "repeat")) {
      const names = new Set<string>();
      repeatNames.set(row.line, names);
      open.push(names);
    } else if (type === "begin_group" || type === "begin") open.push(null);
    else if (type === "end_group" || type === "end_repeat" || (type === "end" && list)) open.pop();
    else {
      const name = row.get("name");
      const innermost = open.findLast((names) => names !== null);
      if (name && innermost) innermost.add(name);
    }
  }
  const repeats: { names: Set<string>; depth: number }[] = [];
  const noNames = new Set<string>();

  const root: Json[] = [];
  const stack: Json[][] = [root];
  const calculated: Json[] = [];
  const current = () => stack[stack.length - 1] as Json[];
  for (const row of surveyRows) {
    const where = words("surveyFinding.surveyLine", { line: row.line });
    // "select one from list" is the older spelling of "select_one list"; "or_other" adds an "other" choice.
    const rawType = typeOf(row);
    const [type = "", list, ...extra] = rawType.split(" ");
    const orOther = extra.includes("or_other");
    const name = row.get("name");
    const inPanel = repeats.at(-1)?.names ?? noNames;
    const piped = <T>(text: T): T => {
      if (!inPanel.size || text === undefined) return text;
      const rewrite = (t: string) =>
        t.replace(/\{([A-Za-z_][\w.-]*)\}/g, (m, n: string) => (inPanel.has(n) ? `{panel.${n}}` : m));
      if (typeof text === "string") return rewrite(text) as T;
      return Object.fromEntries(Object.entries(text as Record<string, string>).map(([k, v]) => [k, rewrite(v)])) as T;
    };
    const title = piped(row.localised("label"));
    const description = piped(row.localised("hint"));
    const base: Json = { name, ...(title ? { title } : {}), ...(description ? { description } : {}) };
    if (yes(row.get("required"))) {
      base.isRequired = true;
      const message = row.localised("required_message");
      if (message) base.requiredErrorText = message;
    }
    if (yes(row.get("read_only"))) base.readOnly = true;
    const relevant = row.get("relevant");
    if (relevant) {
      const visibleIf = translateExpression(relevant, undefined, inPanel);
      if (visibleIf) base.visibleIf = visibleIf;
      else
        findings.push({
          severity: "warning",
          where: `${where} (${name})`,
          message: words("surveyFinding.relevantUntranslatable", { expression: relevant }),
        });
    }
    const constraint = row.get("constraint");
    if (constraint && name) {
      const translated = translateExpression(constraint, name, inPanel);
      if (translated) {
        const message = row.localised("constraint_message");
        // XLSForm checks a constraint only on an answer given: an optional question left empty stays valid.
        const self = inPanel.has(name) ? `{panel.${name}}` : `{${name}}`;
        const expression = base.isRequired ? translated : `${self} empty or (${translated})`;
        base.validators = [{ type: "expression", expression, ...(message ? { text: message } : {}) }];
      } else {
        findings.push({
          severity: "warning",
          where: `${where} (${name})`,
          message: words("surveyFinding.constraintUntranslatable", { expression: constraint }),
        });
      }
    }
    const defaultValue = row.get("default");
    if (defaultValue && !/[${(]/.test(defaultValue)) base.defaultValue = defaultValue;
    // Cascading choices: "choice_filter" names columns of the choices sheet ("state=${state}"). Each choice is
    // shown when the filter holds with its own values put in: a choice visibleIf, which the server checks too.
    const choiceFilter = row.get("choice_filter");
    const filtered = (choice: { row: { get(column: string): string | undefined } }) => {
      if (!choiceFilter) return null;
      const withValues = choiceFilter.replace(
        /('[^']*'|"[^"]*"|\$\{[^}]*\})|\b([A-Za-z_][\w-]*)\b(?!\s*\()/g,
        (whole, quoted: string | undefined, column: string | undefined) => {
          if (quoted || !column || ["and", "or", "not", "div", "mod"].includes(column)) return whole;
          const value = choice.row.get(column);
          return value === undefined ? whole : `'${value.replace(/'/g, "")}'`;
        },
      );
      return translateExpression(withValues, undefined, inPanel);
    };
    const choicesFor = () => {
      const choices = list ? choiceLists.get(list) : undefined;
      if (!choices?.length)
        findings.push({
          severity: "error",
          where: `${where} (${name})`,
          message: words("surveyFinding.choiceListMissing", { list: list ?? "" }),
        });
      const out = (choices ?? []).map((choice) => {
        const visibleIf = filtered(choice);
        return { value: choice.value, text: choice.text, ...(visibleIf ? { visibleIf } : {}) };
      });
      if (choiceFilter && out.some((c) => !("visibleIf" in c)))
        findings.push({
          severity: "warning",
          where: `${where} (${name})`,
          message: words("surveyFinding.choiceFilter"),
        });
      return out;
    };
    const appearance = row.get("appearance") ?? "";
    // A repeat ("begin_repeat", or "begin repeat" in older forms) becomes a dynamic panel.
    const beginRepeat = () => {
      const panel: Json = { type: "paneldynamic", ...base, templateElements: [], panelCount: 1 };
      current().push(panel);
      repeats.push({ names: repeatNames.get(row.line) ?? noNames, depth: stack.length });
      stack.push(panel.templateElements as Json[]);
      findings.push({ severity: "warning", where: `${where} (${name})`, message: words("surveyFinding.repeat") });
    };
    switch (type) {
      case "begin_group":
      case "begin": {
        if (rawType.includes("repeat")) beginRepeat();
        else {
          const panel: Json = { type: "panel", ...base, elements: [] };
          current().push(panel);
          stack.push(panel.elements as Json[]);
        }
        break;
      }
      case "begin_repeat":
        beginRepeat();
        break;
      case "end":
      case "end_group":
      case "end_repeat":
        // KoboToolbox adds a metadata row "end" (when the form was finished) to every form: not the end of a group.
        if (type === "end" && !list) {
          findings.push({
            severity: "warning",
            where: `${where} (${name})`,
            message: words("surveyFinding.metadata", { type: "end" }),
          });
        } else if (stack.length > 1) {
          stack.pop();
          if (repeats.at(-1)?.depth === stack.length) repeats.pop();
        } else findings.push({ severity: "error", where, message: words("surveyFinding.endWithoutBegin") });
        break;
      case "text":
        current().push({ type: /multiline/.test(appearance) ? "comment" : "text", ...base });
        break;
      case "phone_number":
        current().push({ type: "text", inputType: "tel", ...base });
        break;
      case "integer":
        current().push({ type: "text", inputType: "number", step: 1, ...base });
        break;
      case "decimal":
        current().push({ type: "text", inputType: "number", ...base });
        break;
      case "date":
        current().push({ type: "text", inputType: "date", ...base });
        break;
      case "time":
        current().push({ type: "text", inputType: "time", ...base });
        break;
      case "datetime":
      case "dateTime":
        current().push({ type: "text", inputType: "datetime-local", ...base });
        break;
      case "select_one":
        current().push({
          type: /minimal/.test(appearance) ? "dropdown" : "radiogroup",
          ...base,
          choices: choicesFor(),
          ...(orOther ? { showOtherItem: true } : {}),
        });
        break;
      case "select_multiple":
        current().push({
          type: "checkbox",
          ...base,
          choices: choicesFor(),
          ...(orOther ? { showOtherItem: true } : {}),
        });
        break;
      case "rank":
        current().push({ type: "ranking", ...base, choices: choicesFor() });
        break;
      case "range": {
        const parameters = Object.fromEntries(
          (row.get("parameters") ?? "")
            .split(/\s+/)
            .filter(Boolean)
            .map((p) => p.split("=") as [string, string]),
        );
        current().push({
          type: "rating",
          ...base,
          rateMin: Number(parameters.start ?? 1),
          rateMax: Number(parameters.end ?? 10),
          rateStep: Number(parameters.step ?? 1),
        });
        break;
      }
      case "acknowledge":
      case "trigger":
        current().push({ type: "boolean", ...base });
        break;
      case "note":
        current().push({
          type: "html",
          name,
          html: typeof title === "string" ? title : (title?.default ?? Object.values(title ?? {})[0] ?? ""),
          ...(base.visibleIf ? { visibleIf: base.visibleIf } : {}),
        });
        break;
      case "calculate": {
        const expression = translateExpression(row.get("calculation") ?? "", undefined, inPanel);
        if (expression && name) calculated.push({ name, expression });
        else
          findings.push({
            severity: "warning",
            where: `${where} (${name})`,
            message: words("surveyFinding.calculationUntranslatable", { expression: row.get("calculation") ?? "" }),
          });
        break;
      }
      default:
        if (metadata.has(type)) {
          findings.push({
            severity: "warning",
            where: `${where} (${name})`,
            message: words("surveyFinding.metadata", { type }),
          });
        } else if (media.has(type)) {
          findings.push({
            severity: "warning",
            where: `${where} (${name})`,
            message: words("surveyFinding.media", { type }),
          });
        } else {
          findings.push({
            severity: "warning",
            where: `${where} (${name})`,
            message: words("surveyFinding.unknownType", { type: rawType }),
          });
        }
    }
  }
  if (stack.length > 1) findings.push({ severity: "error", where: "survey", message: words("surveyFinding.notEnded") });
  const title = settings?.localised("form_title");
  const definition: Json = {
    ...(title ? { title } : {}),
    ...(calculated.length ? { calculatedValues: calculated } : {}),
    pages: [{ name: "page1", elements: root }],
  };
  return { definition, findings };
}
