// CPU accounting for the benches, from Linux /proc: the server's process tree, this database's
// PostgreSQL processes, this process, and the whole machine (to show load that is not the bench).
// Elsewhere than Linux the figures are zero.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

const CLK_TCK = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

type ProcStat = { pid: number; ppid: number; comm: string; ticks: number };

function readProcs(): ProcStat[] {
  const procs: ProcStat[] = [];
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return procs;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const fields = stat.slice(close + 2).split(" "); // fields[0] is field 3 (state)
      procs.push({ pid: Number(entry), ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // exited meanwhile
    }
  }
  return procs;
}

/**
 * PostgreSQL processes that work for this bench: backends connected to its database and the
 * cluster's background processes (WAL writer, checkpointer, ...), not other databases' backends.
 */
function isOurPostgres(pid: number, database: string): boolean {
  try {
    const title = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    if (!title.startsWith("postgres:")) return false; // the postmaster itself: idle
    const isClientBackend = /\(\d+\)|\[local\]/.test(title);
    return !isClientBackend || title.includes(` ${database} `);
  } catch {
    return false;
  }
}

function machineBusyTicks(): { busy: number; total: number } {
  try {
    const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = cpu.reduce((a, b) => a + b, 0);
    const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

export type CpuSnapshot = {
  at: number;
  server: number;
  /** Ticks per PostgreSQL process of ours (per pid, so processes that come and go are counted right). */
  postgres: Map<number, number>;
  bench: number;
  machine: { busy: number; total: number };
};

export function cpuSnapshot(serverPid: number | null, database: string | null): CpuSnapshot {
  const procs = readProcs();
  const tree = new Set(serverPid === null ? [] : [serverPid]);
  // Descendants of the server (next start may run the server in a child process).
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  const postgres = new Map<number, number>();
  if (database !== null) {
    for (const p of procs) if (p.comm === "postgres" && isOurPostgres(p.pid, database)) postgres.set(p.pid, p.ticks);
  }
  const usage = process.cpuUsage();
  return {
    at: performance.now(),
    server: procs.filter((p) => tree.has(p.pid)).reduce((a, p) => a + p.ticks, 0),
    postgres,
    bench: ((usage.user + usage.system) / 1e6) * CLK_TCK,
    machine: machineBusyTicks(),
  };
}

/** CPU seconds used between two snapshots; machineBusy in core-seconds. */
export type CpuUse = { seconds: number; server: number; postgres: number | null; bench: number; machineBusy: number };

export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot, database: string | null): CpuUse {
  const seconds = (b.at - a.at) / 1000;
  let postgres = 0;
  for (const [pid, ticks] of b.postgres) postgres += ticks - (a.postgres.get(pid) ?? 0);
  const totalTicks = b.machine.total - a.machine.total;
  const cores = os.cpus().length;
  return {
    seconds,
    server: (b.server - a.server) / CLK_TCK,
    postgres: database === null ? null : postgres / CLK_TCK,
    bench: (b.bench - a.bench) / CLK_TCK,
    machineBusy: totalTicks > 0 ? ((b.machine.busy - a.machine.busy) / totalTicks) * cores * seconds : 0,
  };
}
