#!/usr/bin/env node
// Runs Samen's command line from its TypeScript source (`npm start` and the container run the built one).
import { register } from "tsx/esm/api";

register();
await import("../src/cli/run.ts");
