import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { serveNodeFlags } from "../src/platform/serve-flags.ts";

/** `samen serve` runs built, with the same Node flags however it is started, and is measured so. */
const file = (name: string) => readFileSync(new URL(`../${name}`, import.meta.url), "utf8");

describe("the flags Node runs the server with", () => {
  it("are those of npm start, of the container and of the benchmarks' server", () => {
    const start = (JSON.parse(file("package.json")) as { scripts: Record<string, string> }).scripts.start ?? "";
    const docker = file("Dockerfile");
    const cmd = docker.split("\n").find((line) => line.startsWith("CMD ")) ?? "";
    expect(serveNodeFlags.length).toBeGreaterThan(0);
    for (const flag of serveNodeFlags) {
      expect(start).toContain(`node ${flag} dist/server/samen.mjs serve`);
      expect(cmd).toContain(`"${flag}"`);
    }
    expect(cmd).toContain(`"dist/server/samen.mjs", "serve"`);
    expect(file("bench/run.ts")).toContain("...serveNodeFlags");
  });
});
