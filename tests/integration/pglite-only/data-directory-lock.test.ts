// One PGlite data directory, one process: two processes on one directory silently lose
// committed rows, so a second open must fail loudly. Exercised with real child processes.
// PGlite-only (a PostgreSQL server has no data directory lock): this directory runs in the
// integration-pglite project only. The tests share one data directory, initialised once (that is the slow part), and
// each leaves it free for the next.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/lib/db/client";
import { DataDirectoryLockedError, lockOwner, lockPathFor } from "@/lib/db/pglite-lock";
import { exited, runTsx, spawnTsx, waitForLine } from "../../helpers/processes";

const HOLDER = "tests/helpers/hold-pglite.ts";

describe("the PGlite data directory lock", () => {
  let dataDir: string;
  let dir: string;
  const cleanups: (() => Promise<unknown> | void)[] = [];

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-lock-"));
    dir = path.join(dataDir, "pglite");
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function startHolder(): Promise<{ child: ChildProcess; pid: number }> {
    const child = spawnTsx(HOLDER, [dir]);
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin!.end();
        await exited(child);
      }
    });
    const line = await waitForLine(child, /^ready \d+$/);
    return { child, pid: Number(line.split(" ")[1]) };
  }

  /** Opens the directory in this process; resolves with the error instead when it is refused. */
  async function openHere(): Promise<Db | unknown> {
    return openDatabase({ pgliteDir: dir }).then(
      (db) => {
        cleanups.push(() => db.close());
        return db;
      },
      (error: unknown) => error,
    );
  }

  it("refuses a second process while another process holds the directory", async () => {
    const holder = await startHolder();
    expect(lockOwner(dir)).toBe(holder.pid);

    const second = await runTsx(HOLDER, [dir]);
    expect(second.code).toBe(3);
    expect(second.stderr).toContain("DataDirectoryLockedError");
    expect(second.stderr).toContain(`in use by process ${holder.pid}`);
    expect(second.stdout).not.toContain("ready");
  });

  it("refuses this process with DataDirectoryLockedError naming the holder", async () => {
    const holder = await startHolder();
    const outcome = await openHere();
    expect(outcome).toBeInstanceOf(DataDirectoryLockedError);
    expect(outcome).toMatchObject({ ownerPid: holder.pid, lockPath: lockPathFor(dir) });
    expect(lockOwner(dir)).toBe(holder.pid);
  });

  it("frees the directory when the holder closes it, keeping what it committed", async () => {
    const holder = await startHolder();
    holder.child.stdin!.end();
    expect(await exited(holder.child)).toBe(0);
    expect(fs.existsSync(lockPathFor(dir))).toBe(false);
    expect(lockOwner(dir)).toBeNull();

    const db = (await openHere()) as Db;
    expect(lockOwner(dir)).toBe(process.pid);
    expect((await db.migrate()).applied).toEqual([]);
  });

  it("takes over a lock left behind by a process that died", async () => {
    const holder = await startHolder();
    holder.child.kill("SIGKILL");
    await exited(holder.child);
    expect(JSON.parse(fs.readFileSync(lockPathFor(dir), "utf8"))).toMatchObject({ pid: holder.pid, start: expect.stringMatching(/^\d+$/) });

    const db = await openHere();
    expect(db).not.toBeInstanceOf(Error);
    expect(lockOwner(dir)).toBe(process.pid);
  });

  it("lets exactly one of several processes starting at once take over a stale lock", async () => {
    const holder = await startHolder();
    holder.child.kill("SIGKILL");
    await exited(holder.child);

    const racers = await Promise.all(Array.from({ length: 3 }, () => spawnRacer()));
    const winners = racers.filter((r) => r.ready);
    expect(winners).toHaveLength(1);
    for (const loser of racers.filter((r) => !r.ready)) {
      expect(loser.code).toBe(3);
      expect(loser.stderr).toContain(`in use by process ${winners[0]!.pid}`);
    }
    expect(lockOwner(dir)).toBe(winners[0]!.pid);
  });

  /** A holder that either takes the directory (and is told to close it once all have answered) or is refused. */
  async function spawnRacer(): Promise<{ ready: boolean; pid: number; code: number | null; stderr: string }> {
    const child = spawnTsx(HOLDER, [dir]);
    cleanups.push(async () => {
      child.stdin!.end();
      if (child.exitCode === null && child.signalCode === null) await exited(child);
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    return waitForLine(child, /^ready \d+$/).then(
      (line) => ({ ready: true, pid: Number(line.split(" ")[1]), code: null, stderr }),
      async () => ({ ready: false, pid: child.pid!, code: await exited(child), stderr }),
    );
  }

  // Last: if a second handle does open, the shared directory is no longer trustworthy.
  it("refuses a second open of a directory this process already holds", async () => {
    const first = await openHere();
    expect(first).not.toBeInstanceOf(Error);
    expect(await openHere()).toBeInstanceOf(DataDirectoryLockedError);
  });
});
