#!/usr/bin/env node
// Runs Samen's command line from its TypeScript source.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
const code = await main(process.argv.slice(2));
if (process.argv[2] !== "serve" || code !== 0) process.exit(code);
