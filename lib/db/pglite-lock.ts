// One PGlite data directory may be opened by one process only: two processes on one directory
// silently lose committed rows. The lock file holds the owner's pid; a lock whose process is
// gone is stale and taken over.
import fs from "node:fs";
import path from "node:path";

export class DataDirectoryLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database at ${path.dirname(lockPath)} is in use by process ${ownerPid}. ` +
        "Only one process may open it: stop that process, or talk to the running server " +
        "(the warden CLI does this by itself).",
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function lockPathFor(pgliteDir: string): string {
  return `${pgliteDir}.lock`;
}

/** Reads the pid holding the lock, or null when the directory is free. */
export function lockOwner(pgliteDir: string): number | null {
  try {
    const pid = Number(fs.readFileSync(lockPathFor(pgliteDir), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

// Directories this process holds: a second open inside one process is refused too.
const held = ((globalThis as unknown as { wardenHeldLocks?: Set<string> }).wardenHeldLocks ??= new Set<string>());

/** Takes the lock or throws DataDirectoryLockedError; returns the release function. */
export function acquireDataDirLock(pgliteDir: string): () => void {
  const lockPath = lockPathFor(path.resolve(pgliteDir));
  if (held.has(lockPath)) throw new DataDirectoryLockedError(lockPath, process.pid);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx", 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      held.add(lockPath);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(lockPath);
        process.off("exit", release);
        try {
          if (fs.readFileSync(lockPath, "utf8").trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // already gone
        }
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = lockOwner(pgliteDir);
      if (owner !== null && owner !== process.pid) throw new DataDirectoryLockedError(lockPath, owner);
      // Stale lock: its owner died (or it is a leftover of this pid that we no longer hold).
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}
