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
//
// Parts: settings.ts (environment, targets), server.ts (the server under test), fixture.ts (what is
// seeded and which routes are loaded), results.ts (one route's load and the printed figures),
// gateway-overhead.ts (the LLM gateway's added latency per call, against a fake upstream).
import fs from "node:fs";
import os from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { routes, seed, type Route } from "./fixture";
import { printExecBenchmark } from "./exec-analysis";
import { measureGatewayOverhead, printGatewayOverhead } from "./gateway-overhead";
import { printPolicyBenchmark } from "./policy-eval";
import { badCount, combine, load, preflight, printTable, toResult, type DatabaseResult, type Load } from "./results";
import { activeServers, call, ensureBuild, logTail, startServer, stopServer } from "./server";
import { BATCH_CONNECTIONS, BATCH_SIZE, BATCH_TARGET, CONNECTIONS, DURATION, fmt, HOT_ROUTE_TARGET, selected, WARMUP } from "./settings";

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
      if (!server.isRunning()) throw new Error(`server exited during ${route.name}:\n${logTail(server.logFile)}`);
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

    const gateway = selected("gateway") ? await measureGatewayOverhead(server, fixture.key) : undefined;

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
    if (gateway) printGatewayOverhead(label, gateway);
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
      ...(gateway ? { gateway_overhead_ms: gateway } : {}),
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

async function main(): Promise<void> {
  printPolicyBenchmark();
  await printExecBenchmark();
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
