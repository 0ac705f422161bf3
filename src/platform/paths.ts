import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Samen's own folder (where its package.json is), found from where this code runs: the same from the TypeScript
 * source (src/platform) and from the built server (dist/server), so files Samen ships (data/, db/migrations,
 * dist/web) are found either way.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside Samen's folder. */
export const projectPath = (...parts: string[]) => path.join(projectRoot, ...parts);
