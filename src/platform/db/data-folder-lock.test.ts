import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataFolderInUse, lockDataFolder } from "./data-folder-lock.ts";

const folder = () => path.join(mkdtempSync(path.join(tmpdir(), "samen-lock-")), "db");

describe("the embedded database's data folder", () => {
  it("is taken by one process and refused to a second while the first runs", async () => {
    const dataDir = folder();
    // A second process holds the folder until it is told to stop.
    const holder = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "-e",
        `import("${path.resolve("src/platform/db/data-folder-lock.ts")}").then(({ lockDataFolder }) => { lockDataFolder(${JSON.stringify(dataDir)}, "samen serve"); console.log("held"); process.stdin.on("data", () => process.exit(0)); });`,
      ],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
    expect(() => lockDataFolder(dataDir)).toThrow(DataFolderInUse);
    expect(() => lockDataFolder(dataDir)).toThrow(`in use by process ${holder.pid} ("samen serve"`);
    const exited = new Promise((resolve) => holder.on("exit", resolve));
    holder.stdin.write("stop\n");
    await exited;
    // Given back on exit: this process takes it now.
    const release = lockDataFolder(dataDir);
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("is taken over from a process that died without giving it back", () => {
    const dataDir = folder();
    // No process has this number: the highest a Linux pid can be is 2^22.
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 2 ** 22 + 1, command: "samen serve", since: "" }));
    const release = lockDataFolder(dataDir);
    release();
  });

  it("is taken over from a lock file that is not readable as one", () => {
    const dataDir = folder();
    writeFileSync(`${dataDir}.lock`, "");
    lockDataFolder(dataDir)();
  });

  it("is refused when the same process opens it twice", () => {
    const dataDir = folder();
    const release = lockDataFolder(dataDir);
    expect(() => lockDataFolder(dataDir)).toThrow("already open in this process");
    release();
  });
});
