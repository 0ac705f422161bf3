/**
 * LimeSurvey's expressions (ExpressionScript: relevance equations, validation, the older conditions) said in
 * SurveyJS syntax, where they can be.
 */
import { ConditionRunner } from "survey-core";
import type { Row } from "./limesurvey-document.ts";

/** A question (or subquestion) of an .lss, by its id, as the conversion reads it. */
export interface Question {
  qid: string;
  parent: string;
  gid: string;
  type: string;
  code: string;
  order: number;
  scale: number;
  row: Row;
}

/**
 * A LimeSurvey expression (ExpressionScript) in SurveyJS syntax, or null when it cannot be said there. `resolve`
 * names the question a variable is (by code, `Q{qid}` or the older SGQA `{sid}X{gid}X{qid}…`), with the
 * subquestion for a variable of one.
 */
export function translateLimeExpression(
  expression: string,
  resolve: (variable: string) => { question: Question; sub?: string } | null,
): string | null {
  const source = expression.trim();
  if (!source || source === "1") return null;
  const tokens =
    source.match(
      /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\d+X\d+X\d+\w*|\d+(?:\.\d+)?|[A-Za-z_][\w.#]*|==|!=|<=|>=|&&|\|\||[<>!()+\-*/,]|\S/g,
    ) ?? [];
  const out: string[] = [];
  const words: Record<string, string> = {
    and: "and",
    or: "or",
    not: "!",
    eq: "=",
    ne: "!=",
    lt: "<",
    le: "<=",
    gt: ">",
    ge: ">=",
  };
  const operators: Record<string, string> = { "==": "=", "&&": "and", "||": "or" };
  const literal = (token: string | undefined) =>
    token && /^["']/.test(token) ? `'${token.slice(1, -1).replace(/'/g, "")}'` : token;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (/^["']/.test(token)) out.push(literal(token) as string);
    else if (/^\d+(\.\d+)?$/.test(token)) out.push(token);
    else if (/^[A-Za-z_\d]/.test(token)) {
      const lower = token.toLowerCase();
      if (lower in words) out.push(words[lower] as string);
      else if (lower === "true" || lower === "false") out.push(lower);
      else if (lower === "is_empty" && tokens[i + 1] === "(" && tokens[i + 3] === ")") {
        const inner = resolve((tokens[i + 2] ?? "").replace(/\.(NAOK|value|code|shown)$/i, ""));
        if (!inner) return null;
        out.push(`(${reference(inner)} empty)`);
        i += 3;
      } else if (tokens[i + 1] === "(") return null;
      else {
        const found = resolve(token.replace(/\.(NAOK|value|code|shown)$/i, ""));
        if (!found) return null;
        // A choice of a multiple choice question is "Y" when ticked: in SurveyJS the choice is in the list.
        if (found.sub !== undefined && (found.question.type === "M" || found.question.type === "P")) {
          const op = tokens[i + 1];
          const value = tokens[i + 2];
          const ticked = value && /^["']Y["']$/.test(value);
          const blank = value && /^["']{2}$/.test(value);
          const name = `{${found.question.code}}`;
          if ((op === "==" || op === "eq") && (ticked || blank))
            out.push(`${name} ${ticked ? "contains" : "notcontains"} '${found.sub}'`);
          else if ((op === "!=" || op === "ne") && (ticked || blank))
            out.push(`${name} ${ticked ? "notcontains" : "contains"} '${found.sub}'`);
          else return null;
          i += 2;
        } else out.push(reference(found));
      }
    } else out.push(operators[token] ?? token);
  }
  const translated = out.join(" ").replace(/\(\s/g, "(").replace(/\s\)/g, ")").replace(/!\s/g, "!");
  try {
    new ConditionRunner(translated).getVariables();
  } catch {
    return null;
  }
  return translated;
}

function reference({ question, sub }: { question: Question; sub?: string }) {
  return sub === undefined ? `{${question.code}}` : `{${question.code}.${sub}}`;
}
