import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { languageOf, say, sayIssue, zodErrors } from "./i18n.ts";
import en from "./messages/en.json" with { type: "json" };
import nl from "./messages/nl.json" with { type: "json" };

const srcRoot = fileURLToPath(new URL("..", import.meta.url));
const serverSources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full.endsWith(`${path.sep}web`) ? [] : serverSources(full);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });

describe("the server's words", () => {
  it("has every message in Dutch and English, and every message it names in both", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const catalogue of [nl, en]) for (const text of Object.values(catalogue)) expect(text.trim()).not.toBe("");
    const namespaces = [...new Set(Object.keys(nl).map((key) => key.split(".")[0]))];
    const source = serverSources(srcRoot)
      .map((file) => readFileSync(file, "utf8"))
      .join("\n");
    const named = new Set(
      [...source.matchAll(new RegExp(`"((?:${namespaces.join("|")})\\.[A-Za-z0-9.]+)"`, "g"))].map((m) => m[1]),
    );
    const known = (key: string | undefined) => !!key && (key in nl || `${key}_one` in nl);
    for (const key of named) expect(known(key), `${key} is named in the source`).toBe(true);
    // Keys named by a template (`csv.delimiter.${name}`) are named by their prefix.
    const prefixes = [
      ...source.matchAll(new RegExp(`\`((?:${namespaces.join("|")})\\.(?:[A-Za-z0-9.]*\\.)?)\\$\\{`, "g")),
    ].map((m) => m[1] ?? "");
    expect(prefixes).toContain("csv.delimiter.");
    for (const key of Object.keys(nl).filter((k) => !prefixes.some((prefix) => k.startsWith(prefix))))
      expect(named, `${key} is in the catalogues`).toContain(key.replace(/_(one|other)$/, ""));
  });

  it("speaks the language a request asks for, Dutch when it asks for neither", () => {
    expect(languageOf(undefined)).toBe("nl");
    expect(languageOf("nl-BE,nl;q=0.9,en;q=0.8")).toBe("nl");
    expect(languageOf("en-GB,en;q=0.9")).toBe("en");
    expect(languageOf("fr-BE, en;q=0.5, nl;q=0.4")).toBe("en");
    expect(languageOf("de")).toBe("nl");
    expect(languageOf("en;q=0, nl")).toBe("nl");
    expect(languageOf("nl;q=0.2, en;q=0.9")).toBe("en");
  });

  it("puts messages within messages into words, and schema checks in either language", () => {
    const problem = { key: "csv.unclosedQuote", params: { delimiter: { key: "csv.delimiter.semicolon" } } };
    expect(say("nl", problem)).toContain("gelezen met puntkomma als scheidingsteken");
    expect(say("en", problem)).toContain("read with semicolon as delimiter");
    const schema = z.object({ count: z.number().min(3, "field.atLeast"), name: z.string().max(2) });
    const issues = schema.safeParse({ count: 1, name: "abc" }, { error: zodErrors("nl") }).error?.issues ?? [];
    expect(issues.map((issue) => sayIssue("nl", issue))).toEqual([
      "moet minstens 3 zijn",
      expect.stringMatching(/^Te lang/),
    ]);
    expect(sayIssue("en", issues[0] ?? {})).toBe("must be at least 3");
  });
});
