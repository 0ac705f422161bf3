import { main } from "./main.ts";

/**
 * Samen's command line as a program: `bin/samen.js` runs it from the TypeScript source, and the build compiles it
 * to `dist/server/samen.mjs`, which `npm start` and the container run (see scripts/build-server.ts).
 */
const code = await main(process.argv.slice(2));
if (process.argv[2] !== "serve" || code !== 0) process.exit(code);
