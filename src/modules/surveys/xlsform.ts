/**
 * XLSForm (a form written in a spreadsheet: sheets survey, choices, settings) to a SurveyJS definition. What has
 * no counterpart is reported with its row, never dropped silently: metadata fields, media questions, expressions
 * that cannot be translated.
 */
import { ConditionRunner } from "survey-core";
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

/** Header cells to column names; "label::Nederlands (nl)" and "label::nl" become { column: label, locale: nl }. */
function columnsOf(header: string[]) {
  return header.map((cell) => {
    const text = cell.trim();
    const [base = "", language] = text.split("::");
    const code = language
      ? (/\(([a-z]{2,3}(?:-[A-Za-z]+)?)\)/.exec(language)?.[1] ?? language.trim().toLowerCase())
      : null;
    return { column: base.trim().toLowerCase().replace(/\s+/g, "_"), locale: code };
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

/** An XLSForm expression in SurveyJS syntax, or null when it cannot be said there. */
export function translateExpression(expression: string, self?: string): string | null {
  let out = expression.trim();
  out = out.replace(/\$\{([A-Za-z_][\w.-]*)\}/g, "{$1}");
  out = out.replace(/selected\(\s*(\{[\w.-]+\})\s*,\s*('[^']*'|"[^"]*")\s*\)/g, "$1 contains $2");
  if (self) out = out.replace(/(^|[\s(,])\.(?=$|[\s),=<>!])/g, `$1{${self}}`);
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

export async function xlsformToSurvey(bytes: Uint8Array): Promise<{ definition: Json; findings: Finding[] }> {
  const sheets = await readXlsx(bytes);
  const sheet = (name: string) => [...sheets].find(([n]) => n.trim().toLowerCase() === name)?.[1];
  const findings: Finding[] = [];
  const surveyRows = rowsOf(sheet("survey"));
  if (!surveyRows.length) {
    return {
      definition: {},
      findings: [
        { severity: "error", where: "survey", message: "The workbook has no sheet named survey with questions." },
      ],
    };
  }
  const choiceLists = new Map<string, { value: string; text: Record<string, string> | string }[]>();
  for (const row of rowsOf(sheet("choices"))) {
    const list = row.get("list_name") ?? row.get("list name");
    const name = row.get("name");
    if (!list || !name) {
      findings.push({
        severity: "warning",
        where: `choices line ${row.line}`,
        message: "A choice without list_name or name was skipped.",
      });
      continue;
    }
    const items = choiceLists.get(list) ?? [];
    items.push({ value: name, text: row.localised("label") ?? name });
    choiceLists.set(list, items);
  }
  const settings = rowsOf(sheet("settings"))[0];

  const root: Json[] = [];
  const stack: Json[][] = [root];
  const calculated: Json[] = [];
  const current = () => stack[stack.length - 1] as Json[];
  for (const row of surveyRows) {
    const where = `survey line ${row.line}`;
    const rawType = (row.get("type") ?? "").replace(/\s+/g, " ");
    const [type = "", list] = rawType.split(" ");
    const name = row.get("name");
    const title = row.localised("label");
    const description = row.localised("hint");
    const base: Json = { name, ...(title ? { title } : {}), ...(description ? { description } : {}) };
    if (yes(row.get("required"))) {
      base.isRequired = true;
      const message = row.localised("required_message");
      if (message) base.requiredErrorText = message;
    }
    if (yes(row.get("read_only"))) base.readOnly = true;
    const relevant = row.get("relevant");
    if (relevant) {
      const visibleIf = translateExpression(relevant);
      if (visibleIf) base.visibleIf = visibleIf;
      else
        findings.push({
          severity: "warning",
          where: `${where} (${name})`,
          message: `relevant "${relevant}" cannot be translated; the question is always shown.`,
        });
    }
    const constraint = row.get("constraint");
    if (constraint && name) {
      const expression = translateExpression(constraint, name);
      if (expression) {
        const message = row.localised("constraint_message");
        base.validators = [{ type: "expression", expression, ...(message ? { text: message } : {}) }];
      } else {
        findings.push({
          severity: "warning",
          where: `${where} (${name})`,
          message: `constraint "${constraint}" cannot be translated and is not checked.`,
        });
      }
    }
    const defaultValue = row.get("default");
    if (defaultValue && !/[${(]/.test(defaultValue)) base.defaultValue = defaultValue;
    if (row.get("choice_filter")) {
      findings.push({
        severity: "warning",
        where: `${where} (${name})`,
        message: "choice_filter (cascading choices) is not supported: all choices are shown.",
      });
    }
    const choicesFor = () => {
      const choices = list ? choiceLists.get(list) : undefined;
      if (!choices?.length)
        findings.push({
          severity: "error",
          where: `${where} (${name})`,
          message: `The choice list "${list ?? ""}" is missing or empty.`,
        });
      return choices ?? [];
    };
    const appearance = row.get("appearance") ?? "";
    switch (type) {
      case "begin_group":
      case "begin": {
        if (rawType.includes("repeat")) {
          const panel: Json = { type: "paneldynamic", ...base, templateElements: [], panelCount: 1 };
          current().push(panel);
          stack.push(panel.templateElements as Json[]);
          findings.push({
            severity: "warning",
            where: `${where} (${name})`,
            message: "A repeat becomes a dynamic panel: answered and kept, not analysed in the results.",
          });
        } else {
          const panel: Json = { type: "panel", ...base, elements: [] };
          current().push(panel);
          stack.push(panel.elements as Json[]);
        }
        break;
      }
      case "begin_repeat": {
        const panel: Json = { type: "paneldynamic", ...base, templateElements: [], panelCount: 1 };
        current().push(panel);
        stack.push(panel.templateElements as Json[]);
        findings.push({
          severity: "warning",
          where: `${where} (${name})`,
          message: "A repeat becomes a dynamic panel: answered and kept, not analysed in the results.",
        });
        break;
      }
      case "end":
      case "end_group":
      case "end_repeat":
        if (stack.length > 1) stack.pop();
        else findings.push({ severity: "error", where, message: "An end of a group that was not begun." });
        break;
      case "text":
        current().push({ type: /multiline/.test(appearance) ? "comment" : "text", ...base });
        break;
      case "integer":
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
        });
        break;
      case "select_multiple":
        current().push({ type: "checkbox", ...base, choices: choicesFor() });
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
        });
        break;
      case "calculate": {
        const expression = translateExpression(row.get("calculation") ?? "");
        if (expression && name) calculated.push({ name, expression });
        else
          findings.push({
            severity: "warning",
            where: `${where} (${name})`,
            message: `The calculation "${row.get("calculation") ?? ""}" cannot be translated and is left out.`,
          });
        break;
      }
      default:
        if (metadata.has(type)) {
          findings.push({
            severity: "warning",
            where: `${where} (${name})`,
            message: `The metadata field "${type}" is not asked in Samen and is left out.`,
          });
        } else if (media.has(type)) {
          findings.push({
            severity: "warning",
            where: `${where} (${name})`,
            message: `Questions of type "${type}" (location or media) are not supported and are left out.`,
          });
        } else {
          findings.push({
            severity: "warning",
            where: `${where} (${name})`,
            message: `The type "${rawType}" is not known and the row is left out.`,
          });
        }
    }
  }
  if (stack.length > 1)
    findings.push({ severity: "error", where: "survey", message: "A group or repeat is not ended." });
  const title = settings?.localised("form_title");
  const definition: Json = {
    ...(title ? { title } : {}),
    ...(calculated.length ? { calculatedValues: calculated } : {}),
    pages: [{ name: "page1", elements: root }],
  };
  return { definition, findings };
}
