// One PGlite data directory may be opened by one process only: two processes on one directory
// silently lose committed rows. The lock file names its owner by pid, the process's start time
// (/proc/<pid>/stat) and the boot id, so a pid reused after a crash (containers restart with the
// same small pids) is not mistaken for the owner: a lock whose owner is gone is stale and taken
// over, under a takeover file so that two starting processes never both take it. Without /proc
// (macOS) only the pid is compared, as before.
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

/** Who holds a lock: start and boot are null where /proc is not available (or in an old lock file). */
export type LockOwner = { pid: number; start: string | null; boot: string | null };

function readProc(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/** Fields 3 on of /proc/<pid>/stat, or null without /proc (field 2, the name, may hold spaces and parentheses). */
function procStat(pid: number): string[] | null {
  const stat = readProc(`/proc/${pid}/stat`);
  return stat ? stat.slice(stat.lastIndexOf(")") + 2).split(" ") : null;
}

/** The process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), or null. */
export function processStartTime(pid: number): string | null {
  return procStat(pid)?.[19] ?? null;
}

const bootId = (): string | null => readProc("/proc/sys/kernel/random/boot_id")?.trim() ?? null;

export function currentOwner(): LockOwner {
  return { pid: process.pid, start: processStartTime(process.pid), boot: bootId() };
}

function parseOwner(text: string): LockOwner | null {
  if (/^\d+$/.test(text.trim())) return { pid: Number(text.trim()), start: null, boot: null }; // written by an older version
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (!Number.isInteger(value.pid) || value.pid! <= 0) return null;
    return { pid: value.pid!, start: typeof value.start === "string" ? value.start : null, boot: typeof value.boot === "string" ? value.boot : null };
  } catch {
    return null;
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Is the process the lock names still running (the same process, not one that reused its pid)? */
export function isOwnerAlive(owner: LockOwner): boolean {
  if (!pidExists(owner.pid)) return false;
  const boot = bootId();
  if (owner.boot && boot && owner.boot !== boot) return false; // written before a reboot
  const stat = procStat(owner.pid);
  if (stat?.[0] === "Z" || stat?.[0] === "X") return false; // killed, not yet reaped by its parent
  return owner.start === null || !stat || stat[19] === owner.start;
}

export function lockPathFor(pgliteDir: string): string {
  return `${pgliteDir}.lock`;
}

const readText = (file: string): string | null => readProc(file);

/** Reads the pid holding the lock, or null when the directory is free (no lock, or a stale one). */
export function lockOwner(pgliteDir: string): number | null {
  const text = readText(lockPathFor(path.resolve(pgliteDir)));
  const owner = text === null ? null : parseOwner(text);
  return owner && isOwnerAlive(owner) ? owner.pid : null;
}

/** Creates file holding text, complete or not at all: written aside, then linked (fails if it exists). */
function createExclusive(file: string, text: string): boolean {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temp, text, { mode: 0o600 });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Removes the lock if it still holds staleText. Takeovers are serialised by a takeover file, so a
 * process that judged the lock stale never removes one that another process has just taken.
 */
function removeStaleLock(lockPath: string, staleText: string, me: string): void {
  const takeover = `${lockPath}.takeover`;
  if (!createExclusive(takeover, me)) {
    const holder = parseOwner(readText(takeover) ?? "");
    if (holder && isOwnerAlive(holder)) pause(20); // another process is taking over: look again
    else fs.rmSync(takeover, { force: true }); // left by a process that died during a takeover
    return;
  }
  try {
    if (readText(lockPath) === staleText) fs.rmSync(lockPath, { force: true });
  } finally {
    fs.rmSync(takeover, { force: true });
  }
}

// Directories this process holds: a second open inside one process is refused too.
const held = ((globalThis as unknown as { wardenHeldLocks?: Set<string> }).wardenHeldLocks ??= new Set<string>());

/** Takes the lock or throws DataDirectoryLockedError; returns the release function. */
export function acquireDataDirLock(pgliteDir: string): () => void {
  const lockPath = lockPathFor(path.resolve(pgliteDir));
  if (held.has(lockPath)) throw new DataDirectoryLockedError(lockPath, process.pid);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const me = JSON.stringify(currentOwner());
  for (let attempt = 0; attempt < 100; attempt++) {
    if (createExclusive(lockPath, me)) return holdLock(lockPath, me);
    const text = readText(lockPath);
    if (text === null) continue; // released meanwhile
    const owner = parseOwner(text);
    // Our own pid (this process does not hold the lock, see above): a leftover, or a pid reused.
    if (owner && owner.pid !== process.pid && isOwnerAlive(owner)) throw new DataDirectoryLockedError(lockPath, owner.pid);
    removeStaleLock(lockPath, text, me);
  }
  throw new Error(`Could not take the lock ${lockPath}`);
}

function holdLock(lockPath: string, me: string): () => void {
  held.add(lockPath);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    held.delete(lockPath);
    process.off("exit", release);
    if (readText(lockPath) === me) fs.rmSync(lockPath, { force: true });
  };
  process.on("exit", release);
  return release;
}
