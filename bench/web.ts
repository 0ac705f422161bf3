/**
 * The web app's weight and a Lighthouse run. Weight: for each page, the JavaScript and CSS a browser loads for it
 * (the shell and the page's own chunks, from the build's manifest), gzipped. Lighthouse: the desktop preset in
 * Chromium, signed in, over the main pages.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { launchBrowser } from "../test/helpers/browser.ts";

const root = path.resolve(import.meta.dirname, "..");
const dist = path.join(root, "dist/web");

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}

/** The pages by the chunk that brings them (the shell's own pages bring none of their own). */
const pages: { page: string; chunks: string[] }[] = [
  { page: "shell (home, register, collaborations, organisation page)", chunks: [] },
  { page: "map", chunks: ["features/map/MapPage.tsx"] },
  { page: "network", chunks: ["features/network/NetworkPage.tsx"] },
  { page: "catalogue and front office", chunks: ["features/catalogue/CatalogueRoutes.tsx"] },
  { page: "shared services", chunks: ["features/agreements/AgreementRoutes.tsx"] },
  { page: "surveys", chunks: ["features/surveys/SurveyRoutes.tsx"] },
  { page: "survey: answer", chunks: ["features/surveys/SurveyRoutes.tsx", "features/surveys/AnswerPage.tsx"] },
  { page: "survey: results", chunks: ["features/surveys/SurveyRoutes.tsx", "features/surveys/ResultsPage.tsx"] },
  { page: "readiness scan", chunks: ["features/scan/ScanRoutes.tsx"] },
];

export interface PageWeight {
  page: string;
  jsKb: number;
  cssKb: number;
}

export function webWeights(): PageWeight[] {
  const manifest = JSON.parse(readFileSync(path.join(dist, ".vite/manifest.json"), "utf8")) as Record<
    string,
    ManifestChunk
  >;
  const gz = new Map<string, number>();
  const size = (file: string) => {
    let n = gz.get(file);
    if (n === undefined) {
      n = gzipSync(readFileSync(path.join(dist, file))).length;
      gz.set(file, n);
    }
    return n;
  };
  /** A chunk and everything it imports statically. */
  const closure = (key: string, seen: Set<string>) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imported of manifest[key]?.imports ?? []) closure(imported, seen);
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entry) throw new Error("no entry in the build's manifest: run npm run build");
  return pages.map(({ page, chunks }) => {
    const seen = new Set<string>();
    closure(entry, seen);
    for (const chunk of chunks) closure(chunk, seen);
    let js = 0;
    const css = new Set<string>();
    for (const key of seen) {
      const chunk = manifest[key];
      if (!chunk) continue;
      js += size(chunk.file);
      for (const file of chunk.css ?? []) css.add(file);
    }
    const cssBytes = [...css].reduce((sum, file) => sum + size(file), 0);
    return { page, jsKb: Math.round(js / 102.4) / 10, cssKb: Math.round(cssBytes / 102.4) / 10 };
  });
}

export interface LighthouseScore {
  page: string;
  performance: number;
  accessibility: number;
}

/** Lighthouse's desktop run of each page, signed in with the session cookie given. */
export async function lighthouseScores(
  base: string,
  cookie: string,
  paths: { page: string; path: string }[],
): Promise<LighthouseScore[]> {
  const port = 9300 + Math.floor(Math.random() * 500);
  const browser = await launchBrowser([`--remote-debugging-port=${port}`]);
  try {
    const scores: LighthouseScore[] = [];
    for (const { page, path: at } of paths) {
      const result = await lighthouse(
        `${base}${at}`,
        { port, output: "json", logLevel: "error", extraHeaders: { Cookie: cookie } },
        desktopConfig,
      );
      const categories = result?.lhr.categories;
      scores.push({
        page,
        performance: Math.round((categories?.performance?.score ?? 0) * 100),
        accessibility: Math.round((categories?.accessibility?.score ?? 0) * 100),
      });
    }
    return scores;
  } finally {
    await browser.close();
  }
}
