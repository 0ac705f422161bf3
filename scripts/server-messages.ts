/**
 * Fails on words the server would show a user that are not in its catalogues: a problem's detail or a field's message
 * written as a sentence instead of a key, a thing "not found" without its words, a key missing in Dutch or English.
 *   node --import tsx scripts/server-messages.ts     (exit 1 with every place at fault)
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { thingKey } from "../src/platform/errors.ts";
import en from "../src/platform/messages/en.json" with { type: "json" };
import nl from "../src/platform/messages/nl.json" with { type: "json" };

const root = fileURLToPath(new URL("../src", import.meta.url));

/** Files whose literal messages are not for the web app's users: the settings read at start (for whoever runs the server). */
const exempt = new Set(["platform/config.ts"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "web" ? [] : sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

const catalogues = { nl: nl as Record<string, string>, en: en as Record<string, string> };
/** A key as used, or its plural forms. */
const known = (lang: "nl" | "en", key: string) =>
  key in catalogues[lang] || `${key}_one` in catalogues[lang] || `${key}_other` in catalogues[lang];
const looksLikeKey = (text: string) => /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(text);

export function faults(): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(root)) {
    const where = path.relative(root, file);
    if (exempt.has(where)) continue;
    const text = readFileSync(file, "utf8");
    const line = (index: number) => text.slice(0, index).split("\n").length;
    const check = (key: string, index: number) => {
      for (const lang of ["nl", "en"] as const)
        if (!known(lang, key)) found.push(`${where}:${line(index)}: "${key}" is not in the ${lang} catalogue`);
    };
    // A problem's detail: a key, or a template whose fixed part names keys (`problem.invalidFields.${where}`).
    for (const m of text.matchAll(/new AppError\(\s*"[a-z_]+",\s*(["`])((?:(?!\1)[^\\]|\\.)*)\1/g)) {
      const [, quote, detail = ""] = m;
      if (quote === "`" && /^[a-z][A-Za-z0-9.]*\.\$\{/.test(detail)) {
        const prefix = detail.slice(0, detail.indexOf("${"));
        if (!Object.keys(catalogues.nl).some((k) => k.startsWith(prefix)))
          found.push(`${where}:${line(m.index)}: no key begins with "${prefix}"`);
      } else if (quote === "`" || !looksLikeKey(detail)) {
        found.push(`${where}:${line(m.index)}: a sentence instead of a key: ${detail}`);
      } else check(detail, m.index);
    }
    // A field's message, and a schema's own: keys as well.
    for (const m of text.matchAll(/\bmessage:\s*(["`])((?:(?!\1)[^\\]|\\.)*)\1/g)) {
      const [, quote, message = ""] = m;
      if (quote === "`" || !looksLikeKey(message))
        found.push(`${where}:${line(m.index)}: a sentence instead of a key: ${message}`);
      else check(message, m.index);
    }
    for (const m of text.matchAll(/(?:notFound\(|conceal:\s*)"([^"]+)"/g))
      check(`notFound.${thingKey(m[1] ?? "")}`, m.index);
  }
  return found;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const list = faults();
  if (list.length) {
    console.error(`${list.length} user-facing message(s) not in the catalogues:\n${list.join("\n")}`);
    process.exit(1);
  }
  console.info("Every server message a user can see is in the Dutch and English catalogues.");
}
