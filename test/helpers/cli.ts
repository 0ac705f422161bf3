import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The `samen` command as people run it. */
export const samenBin = fileURLToPath(new URL("../../bin/samen.js", import.meta.url));

/** Runs `samen` with the arguments, in the environment given (nothing else of the test's), with `input` on stdin. */
export function runSamen(args: string[], env: Record<string, string>, input?: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [samenBin, ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdin.end(input ?? "");
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `samen serve` on a free port and resolves with the process and its address once it answers. */
export function startSamen(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [samenBin, "serve", "--port", "0"], { env });
  return new Promise((resolve, reject) => {
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      const match = /Samen runs at (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match?.[1] && stdout.includes("API reference")) resolve({ child, url: match[1] });
    });
    child.on("exit", (code) => reject(new Error(`serve exited early with ${code}: ${stdout}`)));
  });
}
