import { readFileSync, rmSync, writeFileSync } from "node:fs";

/** Thrown when another running process holds the embedded database's data folder. */
export class DataFolderInUse extends Error {}

interface LockOwner {
  pid: number;
  command: string;
  since: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(lockPath: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(lockPath, "utf8")) as Partial<LockOwner>;
    return typeof owner.pid === "number" ? (owner as LockOwner) : null;
  } catch {
    return null;
  }
}

/**
 * Takes the embedded database's data folder for this process. PGlite allows one process per folder: a second one
 * would write where the first never reads (and the first would overwrite it on its next checkpoint), so it is
 * refused with a message that names the process holding the folder. A lock left by a process that died (kill -9,
 * a power cut) is taken over. Returns the function that gives the folder back.
 */
export function lockDataFolder(dataDir: string, command = process.argv.slice(2).join(" ") || "samen"): () => void {
  const lockPath = `${dataDir}.lock`;
  const mine: LockOwner = { pid: process.pid, command, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(lockPath, JSON.stringify(mine), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off("exit", release);
        if (readOwner(lockPath)?.pid === process.pid) rmSync(lockPath, { force: true });
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = readOwner(lockPath);
    if (owner && owner.pid !== process.pid && isRunning(owner.pid)) {
      throw new DataFolderInUse(
        `The embedded database in ${dataDir} is in use by process ${owner.pid} ("${owner.command}", since ${owner.since}). ` +
          "Only one process can use it at a time: stop that process and run this command again, or use the web app " +
          "or the API of the running server. With PostgreSQL (DATABASE_URL) commands and the server run side by side.",
      );
    }
    if (owner?.pid === process.pid) {
      throw new DataFolderInUse(`The embedded database in ${dataDir} is already open in this process.`);
    }
    // Left by a process that is gone, or half-written: take it over.
    rmSync(lockPath, { force: true });
  }
  throw new DataFolderInUse(`Could not take the embedded database in ${dataDir}: its lock keeps changing hands.`);
}
