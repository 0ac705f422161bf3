/**
 * Compiles the server to one file of JavaScript beside the web app's build: `dist/server/samen.mjs` (Samen's
 * command line, which `npm start` and the container run), with a source map beside it. Libraries stay in
 * node_modules. Running compiled code rather than the TypeScript source spares a running server the TypeScript
 * loader (its own thread and heap) and the source maps of every library (decision 28).
 *
 *   node --import tsx scripts/build-server.ts            the server
 *   buildServerBundle(entry, outfile)                    any entry built the same way (the benchmarks' server)
 */
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");

export async function buildServerBundle(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.19",
    packages: "external",
    // Stack traces name Samen's own functions as written; the map beside the file leads back to the source
    // (NODE_OPTIONS=--enable-source-maps).
    keepNames: true,
    sourcemap: "linked",
    logLevel: "warning",
  });
}

if (import.meta.filename === process.argv[1]) {
  await buildServerBundle(path.join(root, "src/cli/run.ts"), path.join(root, "dist/server/samen.mjs"));
}
