// Who owns a PGlite data directory lock: the pid alone is not enough after a crash, since pids
// are reused (a container restarts its server with the same small pid). No database here: these
// tests write lock files by hand and take or refuse them (the real takeover after a killed
// server is in tests/integration/pglite-only/data-directory-lock.test.ts).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { exited, spawnTsx, waitForLine } from "../helpers/processes";
import {
  acquireDataDirLock,
  currentOwner,
  DataDirectoryLockedError,
  isOwnerAlive,
  lockOwner,
  lockPathFor,
  processStartTime,
  type LockOwner,
} from "@/lib/db/pglite-lock";

describe("the PGlite data directory lock's owner identity", () => {
  let root: string;
  let dir: string;
  let stranger: ChildProcess;
  const releases: (() => void)[] = [];

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "warden-lock-unit-"));
    // A live process that has nothing to do with the lock, whose pid a stale lock may name.
    stranger = spawn("sleep", ["300"], { stdio: "ignore" });
  });
  afterEach(() => {
    for (const release of releases.splice(0)) release();
    fs.rmSync(lockPathFor(dir), { force: true });
  });
  afterAll(() => {
    stranger.kill("SIGKILL");
    fs.rmSync(root, { recursive: true, force: true });
  });

  const writeLock = (owner: LockOwner | string) => {
    dir = path.join(root, "pglite");
    fs.writeFileSync(lockPathFor(dir), typeof owner === "string" ? owner : JSON.stringify(owner));
  };
  const take = () => {
    const release = acquireDataDirLock(dir);
    releases.push(release);
    return release;
  };
  const recorded = () => JSON.parse(fs.readFileSync(lockPathFor(dir), "utf8")) as LockOwner;

  it("records the pid, the start time from /proc and the boot id", () => {
    dir = path.join(root, "pglite");
    take();
    const owner = recorded();
    expect(owner).toEqual(currentOwner());
    expect(owner.pid).toBe(process.pid);
    expect(owner.start).toMatch(/^\d+$/);
    expect(owner.boot).toMatch(/^[0-9a-f-]{36}$/);
    expect(lockOwner(dir)).toBe(process.pid);
  });

  it("reads a start time that differs between two live processes and stays put for one", () => {
    expect(processStartTime(stranger.pid!)).toMatch(/^\d+$/);
    expect(processStartTime(stranger.pid!)).toBe(processStartTime(stranger.pid!));
    expect(isOwnerAlive({ ...currentOwner(), pid: stranger.pid!, start: processStartTime(stranger.pid!) })).toBe(true);
    expect(isOwnerAlive({ ...currentOwner(), pid: stranger.pid!, start: "1" })).toBe(false);
  });

  it("refuses a lock naming a live process with its own start time", () => {
    writeLock({ pid: stranger.pid!, start: processStartTime(stranger.pid!), boot: currentOwner().boot });
    expect(() => take()).toThrow(DataDirectoryLockedError);
    expect(() => take()).toThrow(`in use by process ${stranger.pid}`);
    expect(lockOwner(dir)).toBe(stranger.pid);
  });

  it("takes over a lock naming a live, unrelated process whose start time differs (a reused pid)", () => {
    writeLock({ pid: stranger.pid!, start: "1", boot: currentOwner().boot });
    expect(lockOwner(dir)).toBeNull();
    take();
    expect(recorded()).toEqual(currentOwner());
  });

  it("takes over a lock naming a killed process that its parent has not reaped yet (a zombie)", async () => {
    // `sleep 0` exits at once; its parent became `sleep 30` by exec and never reaps it.
    const parent = spawn("sh", ["-c", "sleep 0 & echo $!; exec sleep 30"], { stdio: ["ignore", "pipe", "ignore"] });
    try {
      const zombie = Number((await new Promise<Buffer>((resolve) => parent.stdout!.once("data", resolve))).toString().trim());
      while (!fs.readFileSync(`/proc/${zombie}/stat`, "utf8").includes(") Z ")) await new Promise((r) => setTimeout(r, 10));
      writeLock({ pid: zombie, start: processStartTime(zombie), boot: currentOwner().boot });
      take();
      expect(recorded().pid).toBe(process.pid);
    } finally {
      parent.kill("SIGKILL");
    }
  });

  it("takes over a lock naming this process's own pid from an earlier life", () => {
    writeLock({ pid: process.pid, start: "1", boot: currentOwner().boot });
    take();
    expect(recorded()).toEqual(currentOwner());
  });

  it("takes over a lock written before a reboot, even if its pid is alive now", () => {
    writeLock({ pid: stranger.pid!, start: processStartTime(stranger.pid!), boot: "00000000-0000-0000-0000-000000000000" });
    take();
    expect(recorded().pid).toBe(process.pid);
  });

  it("takes over a lock of an older version (a bare pid) when that pid is gone, refuses it while alive", () => {
    const gone = spawn("true");
    writeLock(String(stranger.pid));
    expect(() => take()).toThrow(DataDirectoryLockedError);
    return new Promise<void>((resolve) =>
      gone.once("exit", () => {
        writeLock(String(gone.pid));
        take();
        expect(recorded().pid).toBe(process.pid);
        resolve();
      }),
    );
  });

  it("takes over an unreadable lock file and releases only its own lock", () => {
    writeLock("not a lock");
    const release = take();
    expect(fs.existsSync(path.dirname(lockPathFor(dir)))).toBe(true);
    // Someone else's lock replaced ours (by hand): releasing must not delete it.
    writeLock({ pid: stranger.pid!, start: processStartTime(stranger.pid!), boot: currentOwner().boot });
    release();
    expect(lockOwner(dir)).toBe(stranger.pid);
  });

  it("lets exactly one of six processes that find the same stale lock at the same instant take it", async () => {
    writeLock({ pid: stranger.pid!, start: "1", boot: currentOwner().boot });
    const goFile = path.join(root, "go");
    const racers = Array.from({ length: 6 }, () => spawnTsx("tests/helpers/race-lock.ts", [dir, goFile]));
    try {
      await Promise.all(racers.map((racer) => waitForLine(racer, /^armed$/)));
      const outcomes = racers.map((racer) => waitForLine(racer, /^(took|refused) \d+$/));
      fs.writeFileSync(goFile, "");
      const lines = await Promise.all(outcomes);
      const winners = lines.filter((line) => line.startsWith("took"));
      expect(winners).toHaveLength(1);
      const winnerPid = Number(winners[0]!.split(" ")[1]);
      expect(lines.filter((line) => line === `refused ${winnerPid}`)).toHaveLength(5);
      expect(lockOwner(dir)).toBe(winnerPid);
    } finally {
      for (const racer of racers) racer.stdin!.end();
      await Promise.all(racers.map((racer) => exited(racer)));
      fs.rmSync(goFile, { force: true });
    }
    expect(lockOwner(dir)).toBeNull();
  }, 60_000);

  it("leaves no temporary or takeover files behind", () => {
    writeLock({ pid: stranger.pid!, start: "1", boot: currentOwner().boot });
    take();
    expect(fs.readdirSync(root).sort()).toEqual(["pglite.lock"]);
  });
});
