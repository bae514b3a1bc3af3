// One route under load (autocannon) and what its run measured: req/s, latency, statuses and CPU,
// turned into the figures the bench prints and writes.
import autocannon from "autocannon";
import os from "node:os";
import { cpuBetween, cpuSnapshot, type CpuUse } from "./cpu";
import type { Fixture, Route } from "./fixture";
import type { GatewayOverhead } from "./gateway-overhead";
import type { BenchServer } from "./server";
import { BATCH_TARGET, DURATION, fmt, HOT_ROUTE_TARGET } from "./settings";

export type Load = {
  reqPerSec: number;
  p50: number;
  p99: number;
  expected: number;
  unexpected: Record<string, number>;
  errors: number;
  timeouts: number;
  /** Requests completed (any status). */
  completed: number;
  cpu: CpuUse;
};

export async function load(server: BenchServer, fixture: Fixture, route: Route, seconds: number): Promise<Load> {
  const before = cpuSnapshot(server.pid, server.database);
  const result = await autocannon({
    url: `${server.url}${route.path}`,
    method: route.method,
    headers: { authorization: `Bearer ${route.key ?? fixture.key}`, "content-type": "application/json" },
    body: route.body,
    connections: route.connections,
    duration: seconds,
    timeout: 30,
  });
  const cpu = cpuBetween(before, cpuSnapshot(server.pid, server.database), server.database);
  const unexpected: Record<string, number> = {};
  let expected = 0;
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) {
    if (Number(code) === route.expectStatus) expected += count;
    else unexpected[code] = count;
  }
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    expected,
    unexpected,
    errors: result.errors,
    timeouts: result.timeouts,
    completed: result.requests.total,
    cpu,
  };
}

/** One request with the route's exact payload: status and body must be what the API promises. */
export async function preflight(server: BenchServer, fixture: Fixture, route: Route): Promise<void> {
  const response = await fetch(`${server.url}${route.path}`, {
    method: route.method,
    headers: { authorization: `Bearer ${route.key ?? fixture.key}`, "content-type": "application/json" },
    body: route.body,
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // reported below
  }
  if (response.status !== route.expectStatus || !route.expectBody(body)) {
    throw new Error(`${route.name}: pre-flight answered ${response.status} ${text.slice(0, 500)}`);
  }
}

export type RouteResult = {
  route: string;
  connections: number;
  req_per_sec: number;
  events_per_sec: number | null;
  p50_ms: number;
  p99_ms: number;
  ratio_to_baseline: number;
  target: string;
  verdict: "PASS" | "MISS" | "INVALID" | "—";
  bad_responses: number;
  unexpected_statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  /** CPU milliseconds per completed request: where the work is (robust to other load on the machine). */
  cpu_ms_per_request: { server: number; postgres: number | null };
  /** % of one core over the measured run; other = the machine's busy time not spent by the bench. */
  cpu_percent: { server: number; postgres: number | null; bench_client: number; other: number };
};

export type DatabaseResult = {
  database: string;
  duration_s: number;
  /** The baseline is measured before the hot routes and again after them; ratios use the mean. */
  baseline_runs_req_per_sec: [number, number];
  routes: RouteResult[];
  /** bench/gateway-overhead.ts: sequential calls direct vs through the gateway. */
  gateway_overhead_ms?: GatewayOverhead;
  verify: { verified: boolean; entries_checked: number; expected_at_least: number; message: string };
  valid: boolean;
  warnings: string[];
};

function describeTarget(route: Route): string {
  if (route.target === "hot") return `≥ ${HOT_ROUTE_TARGET} × baseline`;
  if (route.target === "batch") return `≥ ${BATCH_TARGET.toLocaleString("en-US")} events/s`;
  return "";
}

export function badCount(run: Load): number {
  return Object.values(run.unexpected).reduce((a, b) => a + b, 0) + run.errors + run.timeouts;
}

export function toResult(route: Route, run: Load, baseline: number): RouteResult {
  const bad = badCount(run);
  const eventsPerSec = route.target === "batch" ? run.reqPerSec * route.eventsPerRequest : null;
  const ratio = baseline > 0 ? run.reqPerSec / baseline : 0;
  let verdict: RouteResult["verdict"] = "—";
  if (bad > 0) verdict = "INVALID";
  else if (route.target === "hot") verdict = ratio >= HOT_ROUTE_TARGET ? "PASS" : "MISS";
  else if (route.target === "batch") verdict = (eventsPerSec ?? 0) >= BATCH_TARGET ? "PASS" : "MISS";
  const { cpu } = run;
  const pct = (seconds: number) => (seconds / cpu.seconds) * 100;
  const perRequest = (seconds: number) => (run.completed > 0 ? (seconds * 1000) / run.completed : 0);
  const ours = cpu.server + cpu.bench + (cpu.postgres ?? 0);
  return {
    route: route.name,
    connections: route.connections,
    req_per_sec: run.reqPerSec,
    events_per_sec: eventsPerSec,
    p50_ms: run.p50,
    p99_ms: run.p99,
    ratio_to_baseline: ratio,
    target: describeTarget(route),
    verdict,
    bad_responses: bad,
    unexpected_statuses: run.unexpected,
    errors: run.errors,
    timeouts: run.timeouts,
    cpu_ms_per_request: { server: perRequest(cpu.server), postgres: cpu.postgres === null ? null : perRequest(cpu.postgres) },
    cpu_percent: {
      server: pct(cpu.server),
      postgres: cpu.postgres === null ? null : pct(cpu.postgres),
      bench_client: pct(cpu.bench),
      other: pct(Math.max(0, cpu.machineBusy - ours)),
    },
  };
}

/** Sums two runs of one route (the baseline before and after the hot routes). */
export function combine(a: Load, b: Load): Load {
  const unexpected: Record<string, number> = { ...a.unexpected };
  for (const [code, count] of Object.entries(b.unexpected)) unexpected[code] = (unexpected[code] ?? 0) + count;
  const add = (k: keyof Omit<CpuUse, "postgres">) => a.cpu[k] + b.cpu[k];
  return {
    reqPerSec: (a.reqPerSec + b.reqPerSec) / 2,
    p50: (a.p50 + b.p50) / 2,
    p99: Math.max(a.p99, b.p99),
    expected: a.expected + b.expected,
    unexpected,
    errors: a.errors + b.errors,
    timeouts: a.timeouts + b.timeouts,
    completed: a.completed + b.completed,
    cpu: {
      seconds: add("seconds"),
      server: add("server"),
      bench: add("bench"),
      machineBusy: add("machineBusy"),
      postgres: a.cpu.postgres === null || b.cpu.postgres === null ? null : a.cpu.postgres + b.cpu.postgres,
    },
  };
}

/** Two decimals, or three near the target so that "0.60 MISS" cannot happen. */
function formatRatio(r: RouteResult): string {
  const near = r.target !== "" && Math.abs(r.ratio_to_baseline - HOT_ROUTE_TARGET) < 0.01;
  return r.ratio_to_baseline.toFixed(near ? 3 : 2);
}

export function printTable(label: string, results: RouteResult[]): void {
  const header = ["route", "conns", "req/s", "events/s", "p50 ms", "p99 ms", "× baseline", "target", "result", "CPU ms/req srv|pg", "CPU % srv|pg|bench|other"];
  const dash = (v: number | null, digits = 0) => (v === null ? "-" : fmt(v, digits));
  const rows = results.map((r) => [
    r.route,
    String(r.connections),
    fmt(r.req_per_sec),
    r.events_per_sec === null ? "" : fmt(r.events_per_sec),
    fmt(r.p50_ms),
    fmt(r.p99_ms),
    formatRatio(r),
    r.target,
    r.verdict === "INVALID" ? `INVALID (${r.bad_responses} bad)` : r.verdict,
    `${dash(r.cpu_ms_per_request.server, 2)} | ${dash(r.cpu_ms_per_request.postgres, 2)}`,
    [r.cpu_percent.server, r.cpu_percent.postgres, r.cpu_percent.bench_client, r.cpu_percent.other].map((v) => dash(v)).join(" | "),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const leftAligned = new Set([0, 7, 8]);
  const line = (cells: string[]) => cells.map((c, i) => (leftAligned.has(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n  ${label}: ${DURATION} s per route, ${os.cpus().length} cores, loopback, autocannon`);
  console.log(`  ${line(header)}`);
  console.log(`  ${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows) console.log(`  ${line(row)}`);
}

// ---------------------------------------------------------------------------------------------
