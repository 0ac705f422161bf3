/**
 * Reading a LimeSurvey survey structure (.lss): the XML document, its tables as records of text, and its HTML texts
 * as text. A file that is not such a document is refused with the reason, before anything is converted.
 */
import { DOMParser, type Element } from "@xmldom/xmldom";
import { Parser } from "htmlparser2";
import type { Message } from "../../platform/i18n.ts";

export type Row = Record<string, string>;

/** A file that is not a LimeSurvey survey structure at all; the message says why. */
export class LimeSurveyError extends Error {
  constructor(readonly problem: Message) {
    super(problem.key);
  }
}

/** The most an .lss may hold: a survey of a few hundred questions is a few megabytes. */
export const maxBytes = 5 * 1024 * 1024;

export const elementsIn = (parent: Element | null | undefined): Element[] => {
  const out: Element[] = [];
  for (let node = parent?.firstChild; node; node = node.nextSibling) if (node.nodeType === 1) out.push(node as Element);
  return out;
};
export const child = (parent: Element | undefined, name: string) => elementsIn(parent).find((e) => e.tagName === name);

/** One table of the export (`<name><rows><row><field>…`) as records of text. */
export function tableOf(document: Element, name: string): Row[] {
  const rows = child(child(document, name), "rows");
  return elementsIn(rows)
    .filter((row) => row.tagName === "row")
    .map((row) => Object.fromEntries(elementsIn(row).map((field) => [field.tagName, field.textContent ?? ""])));
}

/**
 * The text of a piece of HTML (LimeSurvey's texts are HTML): tags left out, entities read, a line for each break
 * and block, nothing of scripts and styles. The answer page shows texts as text, never as HTML.
 */
export function textOf(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  let text = "";
  let hidden = 0;
  const parser = new Parser({
    ontext: (t) => {
      if (!hidden) text += t;
    },
    onopentag: (name) => {
      if (name === "script" || name === "style") hidden++;
      if (name === "br") text += "\n";
    },
    onclosetag: (name) => {
      if (name === "script" || name === "style") hidden = Math.max(0, hidden - 1);
      if (/^(p|div|li|h[1-6]|tr|ul|ol|table)$/.test(name)) text += "\n";
    },
  });
  parser.write(html);
  parser.end();
  return text
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * The document element of an .lss, or a LimeSurveyError saying why there is none: larger than an export is, not
 * XML (the parser's first error; entities declared in the file are never expanded), or a LimeSurvey export of
 * something else than a survey (a question group, a question).
 */
export function documentOf(bytes: Uint8Array): Element {
  if (bytes.byteLength > maxBytes) throw new LimeSurveyError({ key: "surveyFinding.lssTooLarge" });
  const errors: string[] = [];
  let root: Element | null = null;
  try {
    const document = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") errors.push(message.split("\n")[0] ?? message);
      },
    }).parseFromString(new TextDecoder("utf-8").decode(bytes), "text/xml");
    root = document.documentElement;
  } catch (error) {
    errors.push(String((error as Error).message).split("\n")[0] ?? "");
  }
  if (!root || errors.length || root.tagName !== "document")
    throw new LimeSurveyError({
      key: "surveyFinding.lssNotXml",
      params: { reason: errors[0] ?? root?.tagName ?? "" },
    });
  const kind = child(root, "LimeSurveyDocType")?.textContent?.trim() ?? "";
  if (kind !== "Survey") throw new LimeSurveyError({ key: "surveyFinding.lssNotSurvey", params: { kind } });
  return root;
}
