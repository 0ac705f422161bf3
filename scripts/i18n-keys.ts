/**
 * Extracts the translation keys the web app uses and compares them with the catalogues.
 *   node --import tsx scripts/i18n-keys.ts           report missing and unused keys (exit 1 if any)
 *   node --import tsx scripts/i18n-keys.ts --write   add missing keys (marked TODO) and drop unused ones
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dynamicKeys } from "../src/web/i18n/dynamic-keys.ts";

const webRoot = fileURLToPath(new URL("../src/web", import.meta.url));
export const catalogueFiles = { nl: path.join(webRoot, "i18n/nl.json"), en: path.join(webRoot, "i18n/en.json") };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every key the source names: literal t("key") calls, and each expansion of a dynamic t(`prefix.${x}`). */
export function usedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of sourceFiles(webRoot)) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/\bt\(\s*"([^"]+)"/g)) if (match[1]) keys.add(match[1]);
    for (const match of text.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)) {
      const prefix = match[1] ?? "";
      const values = dynamicKeys[prefix];
      if (!values)
        throw new Error(`${path.relative(webRoot, file)}: dynamic key prefix "${prefix}" is not in dynamic-keys.ts`);
      for (const value of values) keys.add(`${prefix}${value}`);
    }
  }
  return keys;
}

export interface KeyReport {
  missing: Record<string, string[]>;
  unused: Record<string, string[]>;
}

export function checkCatalogues(): KeyReport {
  const used = usedKeys();
  const report: KeyReport = { missing: {}, unused: {} };
  for (const [language, file] of Object.entries(catalogueFiles)) {
    const catalogue = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
    const base = (k: string) => k.replace(/_(one|other|zero)$/, "");
    report.missing[language] = [...used].filter((k) => !(k in catalogue) && !(`${k}_one` in catalogue)).sort();
    report.unused[language] = Object.keys(catalogue)
      .filter((k) => !used.has(base(k)))
      .sort();
  }
  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const write = process.argv.includes("--write");
  const report = checkCatalogues();
  let problems = 0;
  for (const [language, file] of Object.entries(catalogueFiles)) {
    const missing = report.missing[language] ?? [];
    const unused = report.unused[language] ?? [];
    problems += missing.length + unused.length;
    if (missing.length) console.log(`${language}: missing ${missing.join(", ")}`);
    if (unused.length) console.log(`${language}: unused ${unused.join(", ")}`);
    if (write && (missing.length || unused.length)) {
      const catalogue = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
      for (const key of unused) delete catalogue[key];
      for (const key of missing) catalogue[key] = `TODO ${key}`;
      const sorted = Object.fromEntries(Object.entries(catalogue).sort(([a], [b]) => a.localeCompare(b)));
      writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
    }
  }
  if (!problems) console.log("Translation catalogues match the source.");
  process.exitCode = problems && !write ? 1 : 0;
}
