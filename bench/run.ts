// `npm run bench`: load the agent API's hot routes on loopback and report throughput and latency.
//
// Starts the production build (`next start`) on the embedded database (PGlite in a fresh temp
// data directory), and a second time on PostgreSQL when DATABASE_URL is set; seeds a workspace,
// an API key and a session through the server's CLI endpoint and the API; then loads each route
// with autocannon after a short warm-up and prints req/s, p50, p99 and the ratio to the
// authenticated no-op baseline (GET /api/v1/whoami), with the targets from issue 3. It reports;
// it does not fail on a missed target. It does exit non-zero when the run itself is invalid
// (a route answered with unexpected statuses, the audit chain does not verify, the server died).
// The baseline is measured before and after the hot routes (ratios use the mean; drift is
// reported), GET /api/healthz shows the unauthenticated floor of `next start`, and the CPU time
// per request of the server and of PostgreSQL is printed, which other load on the machine
// disturbs far less than req/s. docs/performance.md explains the figures.
//
// Environment: BENCH_DURATION (s, default 10), BENCH_CONNECTIONS (default 50),
// BENCH_BATCH_CONNECTIONS (default 4), BENCH_WARMUP (s, default 3), BENCH_JSON (write the
// results to this file), BENCH_ROUTES (comma-separated parts of route names: run only those
// routes, plus the baseline), DATABASE_URL (also run on this PostgreSQL database; the bench adds
// workspaces `bench-<random>` to it and leaves them there).
import autocannon from "autocannon";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../tests/helpers/test-server";
import { printPolicyBenchmark } from "./policy-eval";
import { cpuBetween, cpuSnapshot, type CpuUse } from "./cpu";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`${name} must be a whole number ≥ ${min} (got '${raw}')`);
    process.exit(2);
  }
  return value;
}

const DURATION = intEnv("BENCH_DURATION", 10);
const CONNECTIONS = intEnv("BENCH_CONNECTIONS", 50);
const BATCH_CONNECTIONS = intEnv("BENCH_BATCH_CONNECTIONS", 4);
const WARMUP = intEnv("BENCH_WARMUP", 3, 0);
const BATCH_SIZE = 1000;
const ROUTE_FILTER = (process.env.BENCH_ROUTES ?? "")
  .split(",")
  .map((part) => part.trim().toLowerCase())
  .filter(Boolean);
const selected = (name: string) => ROUTE_FILTER.length === 0 || ROUTE_FILTER.some((part) => name.toLowerCase().includes(part));
const HOT_ROUTE_TARGET = 0.6; // × baseline req/s
const BATCH_TARGET = 20_000; // events/s

// ---------------------------------------------------------------------------------------------
// The server under test

type Server = {
  url: string;
  dataDir: string;
  pid: number;
  token: string;
  logFile: string;
  child: ChildProcess;
  /** The PostgreSQL database name (for CPU accounting); null on PGlite. */
  database: string | null;
};

function ensureBuild(): void {
  if (fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  console.log("No production build (.next/BUILD_ID missing): running `npm run build` first…");
  const result = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("`npm run build` failed");
}

function logTail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

async function startServer(databaseUrl: string | undefined): Promise<Server> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "warden-bench-"));
  const logFile = path.join(dataDir, "server.log");
  const log = fs.openSync(logFile, "a");
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    WARDEN_DATA_DIR: dataDir,
    NEXTAUTH_URL: url,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL;
  if (databaseUrl) {
    env.DATABASE_URL = databaseUrl;
    env.WARDEN_MASTER_KEY ??= randomBytes(32).toString("base64");
    env.WARDEN_EXPORT_SIGNING_KEY ??= randomBytes(32).toString("base64");
  }
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  const database = databaseUrl ? decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || null : null;
  const server: Server = { url, dataDir, pid: child.pid!, token: "", logFile, child, database };
  activeServers.add(server);
  const deadline = Date.now() + 120_000;
  for (;;) {
    let problem: string | null = null;
    if (child.exitCode !== null || child.signalCode !== null) problem = `server exited with ${child.exitCode ?? child.signalCode}`;
    else if (Date.now() > deadline) problem = "server not ready after 120 s";
    if (problem) {
      const tail = logTail(logFile);
      await stopServer(server);
      throw new Error(`${problem}:\n${tail}`);
    }
    try {
      const ready = await fetch(`${url}/api/readyz`);
      if (ready.ok && fs.existsSync(path.join(dataDir, "server.json"))) break;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  server.token = (JSON.parse(fs.readFileSync(path.join(dataDir, "server.json"), "utf8")) as { token: string }).token;
  return server;
}

const activeServers = new Set<Server>();

async function stopServer(server: Server): Promise<void> {
  activeServers.delete(server);
  const { child } = server;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null && child.signalCode === null) {
      console.warn(`  server ${server.pid} did not stop within 10 s of SIGTERM: killing it`);
      child.kill("SIGKILL");
      await exited;
    }
  }
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// HTTP helpers for seeding and checks (not for the load itself)

async function call(
  server: Server,
  method: string,
  urlPath: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${urlPath}`, {
    method,
    headers: { "content-type": "application/json", ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { raw: text };
  }
  return { status: response.status, body };
}

async function cli(server: Server, argv: string[]): Promise<string[]> {
  const { status, body } = await call(server, "POST", "/api/internal/cli", {
    body: { argv },
    headers: { "x-warden-cli-token": server.token },
  });
  if (status !== 200 || !Array.isArray(body.lines)) {
    throw new Error(`CLI '${argv.join(" ")}' answered ${status}: ${JSON.stringify(body)}`);
  }
  return body.lines as string[];
}

type Fixture = { key: string; sessionId: string; workspace: string; policy: { key: string; sessionId: string } };

/** A policy with limits no 10 s run reaches, so its payments are authorized after evaluation. */
const GENEROUS_POLICY = {
  name: "bench: generous payment limits",
  default: "ALLOW",
  payments: { max_single: 1000, hourly_budget: 1_000_000, daily_budget: 10_000_000, max_requests_per_minute: 100_000 },
};

async function seed(server: Server): Promise<Fixture> {
  const plain = await seedWorkspace(server);
  const policy = await seedWorkspace(server);
  const auth = { authorization: `Bearer ${policy.key}` };
  const created = await call(server, "POST", "/api/v1/policies", { body: GENEROUS_POLICY, headers: auth });
  const published = await call(server, "POST", `/api/v1/policies/${String(created.body.policy_id)}/publish`, { body: {}, headers: auth });
  if (created.status !== 201 || published.status !== 201) {
    throw new Error(`seeding the policy answered ${created.status}/${published.status}: ${JSON.stringify([created.body, published.body])}`);
  }
  return { ...plain, policy: { key: policy.key, sessionId: policy.sessionId } };
}

async function seedWorkspace(server: Server): Promise<Omit<Fixture, "policy">> {
  const workspace = `bench-${randomBytes(3).toString("hex")}`;
  await cli(server, ["create-workspace", workspace]);
  const lines = await cli(server, ["create-key", "--workspace", workspace, "--name", "bench", "--scopes", "*"]);
  const key = lines.at(-1)!.trim();
  // ttl 0: until revoked; no spend_limit: the session has no cap of its own, so a 10 s run of
  // $0.01 payments never runs out (the agent is registered without a budget, and no crew).
  const session = await call(server, "POST", "/api/v1/sessions", {
    body: { agent_id: "bench-agent", scopes: ["read", "spend"], ttl: 0 },
    headers: { authorization: `Bearer ${key}` },
  });
  if (session.status !== 201 || typeof session.body.session_id !== "string") {
    throw new Error(`POST /api/v1/sessions answered ${session.status}: ${JSON.stringify(session.body)}`);
  }
  return { key, sessionId: session.body.session_id, workspace };
}

// ---------------------------------------------------------------------------------------------
// Routes and load

type Route = {
  name: string;
  method: "GET" | "POST";
  path: string;
  body?: string;
  expectStatus: number;
  /** Audit entries one successful request appends. */
  auditEvents: number;
  /** Events one request carries (batch), for events/s. */
  eventsPerRequest: number;
  connections: number;
  /** info: shown for context, no target (the unauthenticated floor of `next start`). */
  target: "info" | "baseline" | "hot" | "batch";
  /** Checks one response body (pre-flight). */
  expectBody: (body: Record<string, unknown>) => boolean;
  /** Another workspace's key (its audit chain is verified separately); default: the fixture's. */
  key?: string;
};

function routes(fixture: Fixture): Route[] {
  const sessionId = fixture.sessionId;
  const event = { session_id: sessionId, action: "bench", tool: "bench", cost_usd: 0 };
  return [
    {
      name: "GET /healthz (no auth, info)",
      method: "GET",
      path: "/api/healthz",
      expectStatus: 200,
      auditEvents: 0,
      eventsPerRequest: 1,
      connections: CONNECTIONS,
      target: "info",
      expectBody: (b) => b.status === "ok",
    },
    {
      name: "GET /whoami (baseline)",
      method: "GET",
      path: "/api/v1/whoami",
      expectStatus: 200,
      auditEvents: 0,
      eventsPerRequest: 1,
      connections: CONNECTIONS,
      target: "baseline",
      expectBody: (b) => typeof b.key_id === "string",
    },
    {
      name: "POST /sessions/:id/check",
      method: "POST",
      path: `/api/v1/sessions/${encodeURIComponent(sessionId)}/check`,
      body: JSON.stringify({ scope: "read" }),
      expectStatus: 200,
      auditEvents: 1,
      eventsPerRequest: 1,
      connections: CONNECTIONS,
      target: "hot",
      expectBody: (b) => b.allowed === true,
    },
    {
      name: "POST /payments/authorize",
      method: "POST",
      path: "/api/v1/payments/authorize",
      body: JSON.stringify({ session_id: sessionId, amount: 0.01 }),
      expectStatus: 200,
      auditEvents: 1,
      eventsPerRequest: 1,
      connections: CONNECTIONS,
      target: "hot",
      expectBody: (b) => b.authorized === true,
    },
    {
      // In the policy workspace: each request appends two entries there (the receipt and the
      // authorization), counted by its own verification, not the main workspace's.
      name: "POST /payments/authorize (policy in force)",
      method: "POST",
      path: "/api/v1/payments/authorize",
      body: JSON.stringify({ session_id: fixture.policy.sessionId, amount: 0.01 }),
      expectStatus: 200,
      auditEvents: 0,
      eventsPerRequest: 1,
      connections: CONNECTIONS,
      target: "hot",
      expectBody: (b) => b.authorized === true,
      key: fixture.policy.key,
    },
    {
      name: "POST /audit",
      method: "POST",
      path: "/api/v1/audit",
      body: JSON.stringify(event),
      expectStatus: 201,
      auditEvents: 1,
      eventsPerRequest: 1,
      connections: CONNECTIONS,
      target: "hot",
      expectBody: (b) => b.logged === true,
    },
    {
      name: `POST /audit/batch (${BATCH_SIZE})`,
      method: "POST",
      path: "/api/v1/audit/batch",
      body: JSON.stringify({ events: Array.from({ length: BATCH_SIZE }, () => event) }),
      expectStatus: 201,
      auditEvents: BATCH_SIZE,
      eventsPerRequest: BATCH_SIZE,
      connections: BATCH_CONNECTIONS,
      target: "batch",
      expectBody: (b) => b.count === BATCH_SIZE,
    },
  ];
}

type Load = {
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

async function load(server: Server, fixture: Fixture, route: Route, seconds: number): Promise<Load> {
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
async function preflight(server: Server, fixture: Fixture, route: Route): Promise<void> {
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

// ---------------------------------------------------------------------------------------------
// One database

type RouteResult = {
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

type DatabaseResult = {
  database: string;
  duration_s: number;
  /** The baseline is measured before the hot routes and again after them; ratios use the mean. */
  baseline_runs_req_per_sec: [number, number];
  routes: RouteResult[];
  verify: { verified: boolean; entries_checked: number; expected_at_least: number; message: string };
  valid: boolean;
  warnings: string[];
};

function describeTarget(route: Route): string {
  if (route.target === "hot") return `≥ ${HOT_ROUTE_TARGET} × baseline`;
  if (route.target === "batch") return `≥ ${BATCH_TARGET.toLocaleString("en-US")} events/s`;
  return "";
}

function badCount(run: Load): number {
  return Object.values(run.unexpected).reduce((a, b) => a + b, 0) + run.errors + run.timeouts;
}

function toResult(route: Route, run: Load, baseline: number): RouteResult {
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
function combine(a: Load, b: Load): Load {
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

async function benchDatabase(label: string, databaseUrl: string | undefined): Promise<DatabaseResult> {
  console.log(`\n=== ${label} ===`);
  const startedAt = performance.now();
  const server = await startServer(databaseUrl);
  console.log(`  server pid ${server.pid} on ${server.url}, ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  try {
    const fixture = await seed(server);
    const all = routes(fixture).filter((r) => r.target === "baseline" || selected(r.name));
    const info = all.filter((r) => r.target === "info");
    const baselineRoute = all.find((r) => r.target === "baseline")!;
    const hot = all.filter((r) => r.target === "hot");
    const batch = all.filter((r) => r.target === "batch");
    const auth = { authorization: `Bearer ${fixture.key}` };
    const initial = await call(server, "GET", "/api/v1/audit/verify", { headers: auth });
    let expectedEntries = Number(initial.body.entries_checked ?? 0);

    const runRoute = async (route: Route, note = ""): Promise<Load> => {
      await preflight(server, fixture, route);
      expectedEntries += route.auditEvents;
      if (WARMUP > 0) {
        const warm = await load(server, fixture, route, WARMUP);
        expectedEntries += warm.expected * route.auditEvents;
      }
      process.stdout.write(`  ${route.name}${note}: ${route.connections} connections × ${DURATION} s … `);
      const run = await load(server, fixture, route, DURATION);
      expectedEntries += run.expected * route.auditEvents;
      const bad = badCount(run);
      const events = route.eventsPerRequest > 1 ? ` = ${fmt(run.reqPerSec * route.eventsPerRequest)} events/s` : "";
      console.log(
        `${fmt(run.reqPerSec)} req/s${events}` +
          (bad > 0 ? `; ${bad} BAD (statuses ${JSON.stringify(run.unexpected)}, errors ${run.errors}, timeouts ${run.timeouts})` : ""),
      );
      if (server.child.exitCode !== null) throw new Error(`server exited during ${route.name}:\n${logTail(server.logFile)}`);
      return run;
    };

    const infoRuns = [];
    for (const route of info) infoRuns.push({ route, run: await runRoute(route) });
    // Baseline before and after the hot routes: other load on the machine shows as drift.
    const baselineBefore = await runRoute(baselineRoute, " [1/2]");
    const hotRuns = [];
    for (const route of hot) hotRuns.push({ route, run: await runRoute(route) });
    const baselineAfter = await runRoute(baselineRoute, " [2/2]");
    const batchRuns = [];
    for (const route of batch) batchRuns.push({ route, run: await runRoute(route) });

    const baselineRun = combine(baselineBefore, baselineAfter);
    const baseline = baselineRun.reqPerSec;
    const results = [
      ...infoRuns.map(({ route, run }) => toResult(route, run, baseline)),
      toResult(baselineRoute, baselineRun, baseline),
      ...[...hotRuns, ...batchRuns].map(({ route, run }) => toResult(route, run, baseline)),
    ];

    await sleep(500); // requests cut off at the end of the last run may still be committing
    const verifyStarted = performance.now();
    const verify = await call(server, "GET", "/api/v1/audit/verify", { headers: auth });
    const verifyMs = performance.now() - verifyStarted;
    const entries = Number(verify.body.entries_checked ?? 0);
    const verified = verify.status === 200 && verify.body.verified === true;
    const verifyResult = {
      verified,
      entries_checked: entries,
      expected_at_least: expectedEntries,
      message: String(verify.body.message ?? verify.body.error ?? JSON.stringify(verify.body)),
    };

    printTable(label, results);
    const warnings: string[] = [];
    const drift = Math.abs(baselineBefore.reqPerSec - baselineAfter.reqPerSec) / Math.max(baseline, 1);
    console.log(
      `\n  baseline: ${fmt(baselineBefore.reqPerSec)} req/s before the hot routes, ${fmt(baselineAfter.reqPerSec)} after ` +
        `(${(drift * 100).toFixed(0)}% apart); ratios use the mean, ${fmt(baseline)} req/s.`,
    );
    const busiest = Math.max(...results.map((r) => r.cpu_percent.other));
    if (busiest > 25) {
      warnings.push(`other processes used up to ${busiest.toFixed(0)}% of a core during a run: req/s and ratios are unreliable; rerun on a quiet machine`);
    }
    if (drift > 0.15) warnings.push(`the baseline moved ${(drift * 100).toFixed(0)}% between its two runs: read the ratios as ±${(drift * 50).toFixed(0)}%`);
    for (const warning of warnings) console.log(`  !! ${warning}`);
    console.log(
      `  GET /api/v1/audit/verify (${(verifyMs / 1000).toFixed(1)} s): verified=${verified}, entries_checked=${entries.toLocaleString("en-US")} ` +
        `(≥ ${expectedEntries.toLocaleString("en-US")} expected from the successful responses counted; requests cut off at the end of a run add more) — ${verifyResult.message}`,
    );
    const policyVerify = await call(server, "GET", "/api/v1/audit/verify", { headers: { authorization: `Bearer ${fixture.policy.key}` } });
    const policyVerified = policyVerify.status === 200 && policyVerify.body.verified === true;
    console.log(
      `  policy workspace's chain: verified=${policyVerified}, entries_checked=${Number(policyVerify.body.entries_checked ?? 0).toLocaleString("en-US")}`,
    );
    const valid = verified && policyVerified && entries >= expectedEntries && results.every((r) => r.bad_responses === 0);
    if (!verified) console.log("  !! the audit chain did not verify");
    if (entries < expectedEntries) console.log("  !! fewer audit entries than successful responses: events were lost");
    return {
      database: label,
      duration_s: DURATION,
      baseline_runs_req_per_sec: [baselineBefore.reqPerSec, baselineAfter.reqPerSec],
      routes: results,
      verify: verifyResult,
      valid,
      warnings,
    };
  } catch (error) {
    console.error(`\n  server log (last lines):\n${logTail(server.logFile)}`);
    throw error;
  } finally {
    await stopServer(server);
  }
}

// ---------------------------------------------------------------------------------------------
// Output

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Two decimals, or three near the target so that "0.60 MISS" cannot happen. */
function formatRatio(r: RouteResult): string {
  const near = r.target !== "" && Math.abs(r.ratio_to_baseline - HOT_ROUTE_TARGET) < 0.01;
  return r.ratio_to_baseline.toFixed(near ? 3 : 2);
}

function printTable(label: string, results: RouteResult[]): void {
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

async function main(): Promise<void> {
  printPolicyBenchmark();
  ensureBuild();
  const targets: { label: string; url?: string }[] = [{ label: "PGlite (embedded)" }];
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (databaseUrl) targets.push({ label: `PostgreSQL (${databaseUrl.replace(/\/\/[^@/]*@/, "//…@")})`, url: databaseUrl });
  else console.log("DATABASE_URL is not set: benchmarking the embedded database only.");
  console.log(
    `Warden bench: ${DURATION} s per route after ${WARMUP} s warm-up; ${CONNECTIONS} connections (batch: ${BATCH_CONNECTIONS} × ${BATCH_SIZE} events); load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );

  const all: DatabaseResult[] = [];
  for (const target of targets) all.push(await benchDatabase(target.label, target.url));

  if (process.env.BENCH_JSON) {
    fs.writeFileSync(process.env.BENCH_JSON, `${JSON.stringify({ at: new Date().toISOString(), cores: os.cpus().length, results: all }, null, 2)}\n`);
    console.log(`\nResults written to ${process.env.BENCH_JSON}`);
  }
  console.log(
    `\nTargets: each hot route ≥ ${HOT_ROUTE_TARGET} × the baseline's req/s; batch ≥ ${fmt(BATCH_TARGET)} events/s. ` +
      "A MISS is reported, not fatal.\nCPU ms/req: CPU time per completed request in the server (the next start process tree) and in PostgreSQL " +
      "(this database's backends and the cluster's background processes). CPU %: share of one core during the run; other = the " +
      "machine's busy time not spent by the bench (other load skews req/s: compare runs by CPU ms/req).",
  );
  if (!all.every((r) => r.valid)) {
    console.error("\nThe run is INVALID (unexpected responses, lost entries or a chain that does not verify): see above.");
    process.exitCode = 1;
  }
}

// Ctrl-C: stop the server(s) and remove their temp directories before leaving.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the server(s)…`);
    void Promise.all([...activeServers].map(stopServer)).finally(() => process.exit(130));
  });
}

main().catch((error: unknown) => {
  console.error(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
