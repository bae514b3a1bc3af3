// GET /api/metrics over real HTTP, on a server of its own (so every counter and gauge is exact):
// the token guard, request counts and latencies by route pattern and status, payment and policy
// decisions, approvals pending and the audit chains' length read at scrape time, the database
// pool, and prom-client's process metrics, all from one registry for every route of the process.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyPostgresDatabase, isPostgres } from "../helpers/databases";
import { scrape, sum, type Sample } from "../helpers/metrics";
import { callOn, seedWorkspaceOn } from "../helpers/own-server";
import { startTestServer, TEST_METRICS_TOKEN, type TestServer } from "../helpers/test-server";

let server: TestServer;
let databaseUrl: string | undefined;
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if (isPostgres()) {
    const empty = await createEmptyPostgresDatabase();
    databaseUrl = empty.url;
    dropDatabase = empty.drop;
  }
  server = await startTestServer({ databaseUrl });
});
afterAll(async () => {
  await server?.stop();
  await dropDatabase?.();
});

const requests = (samples: Sample[], route: string, status: string, method = "GET") =>
  sum(samples, "warden_http_requests_total", { method, route, status });
const timed = (samples: Sample[], route: string, status: string, method = "GET") =>
  sum(samples, "warden_http_request_duration_seconds_count", { method, route, status });
const gauge = (samples: Sample[], name: string) => sum(samples, name);

describe("GET /api/metrics: who may scrape", () => {
  it("answers 401 in the API's error format without a token, with a wrong one, or with an API key", async () => {
    const { key } = await seedWorkspaceOn(server);
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${TEST_METRICS_TOKEN}x` }, { authorization: "Bearer " }, { authorization: `Bearer ${key}` }, { "x-api-key": key }];
    for (const headers of attempts) {
      const response = await fetch(`${server.url}/api/metrics`, { headers });
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await response.json()).toMatchObject({ code: "unauthorized", error: expect.stringContaining("metrics token") });
    }
  });

  it("answers 405 to other methods", async () => {
    const response = await fetch(`${server.url}/api/metrics`, { method: "POST", headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
    expect(response.status).toBe(405);
  });

  it("serves the Prometheus text format with the token", async () => {
    const response = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain("# TYPE warden_http_requests_total counter");
    expect(text).toContain("# TYPE warden_http_request_duration_seconds histogram");
  });
});

describe("GET /api/metrics: what it reports", () => {
  it("counts and times requests by route pattern and status, never by raw path", async () => {
    const { key } = await seedWorkspaceOn(server);
    const before = await scrape(server.url);
    await Promise.all(Array.from({ length: 7 }, () => callOn(server.url, key, "GET", "/api/v1/whoami")));
    const unknownIds = Array.from({ length: 3 }, (_, i) => `ses_metrics_${i}_${Date.now()}`);
    await Promise.all(unknownIds.map((id) => callOn(server.url, key, "GET", `/api/v1/sessions/${id}`)));
    await callOn(server.url, key, "GET", "/api/v1/no-such-route");
    await fetch(`${server.url}/api/healthz`);
    await fetch(`${server.url}/api/auth/csrf`);
    await fetch(`${server.url}/api/openapi.json`);
    const after = await scrape(server.url);

    const delta = (route: string, status: string) => requests(after, route, status) - requests(before, route, status);
    expect(delta("/api/v1/whoami", "200")).toBe(7);
    expect(timed(after, "/api/v1/whoami", "200") - timed(before, "/api/v1/whoami", "200")).toBe(7);
    expect(delta("/api/v1/sessions/[id]", "404")).toBe(3);
    expect(delta("/api/[...path]", "404")).toBe(1);
    expect(delta("/api/healthz", "200")).toBe(1);
    expect(delta("/api/auth/[...nextauth]", "200")).toBe(1);
    expect(delta("/api/openapi.json", "200")).toBe(1);
    // The scrape before this one was itself counted, by the same registry.
    expect(requests(after, "/api/metrics", "200")).toBeGreaterThanOrEqual(1);
    const routes = new Set(after.filter((s) => s.name === "warden_http_requests_total").map((s) => s.labels.route!));
    for (const id of unknownIds) expect([...routes].some((route) => route.includes(id))).toBe(false);
    expect([...routes].every((route) => route.startsWith("/api/") || route.startsWith("/w/[slug]/"))).toBe(true);
  });

  it("counts payment decisions by outcome and refusal code, and policy decisions by decision", async () => {
    const { key } = await seedWorkspaceOn(server);
    const policy = await callOn(server.url, key, "POST", "/api/v1/policies", { name: "escalate big payments", default: "ALLOW", payments: { escalate_above: 50 } });
    await callOn(server.url, key, "POST", `/api/v1/policies/${policy.body.policy_id}/publish`, {});
    const session = await callOn(server.url, key, "POST", "/api/v1/sessions", { agent_id: "metrics-buyer", scopes: ["spend"], spend_limit: 5 });
    const sessionId = session.body.session_id as string;
    const before = await scrape(server.url);

    const payments = await Promise.all(Array.from({ length: 8 }, () => callOn(server.url, key, "POST", "/api/v1/payments/authorize", { session_id: sessionId, amount: 1 })));
    expect(payments.filter((p) => p.status === 200)).toHaveLength(5);
    const escalated = await callOn(server.url, key, "POST", "/api/v1/payments/authorize", { session_id: sessionId, amount: 60 });
    expect(escalated.status).toBe(202);
    const evaluated = await callOn(server.url, key, "POST", "/api/v1/evaluate", { session_id: sessionId, kind: "tool_call", tool: "search", action: "look up" });
    expect(evaluated.body.decision).toBe("ALLOW");
    const after = await scrape(server.url);

    const delta = (name: string, labels: Record<string, string>) => sum(after, name, labels) - sum(before, name, labels);
    expect(delta("warden_payment_decisions_total", { outcome: "authorized", code: "" })).toBe(5);
    expect(delta("warden_payment_decisions_total", { outcome: "refused", code: "session_budget_exceeded" })).toBe(3);
    expect(delta("warden_payment_decisions_total", { outcome: "pending_approval" })).toBe(1);
    expect(delta("warden_policy_decisions_total", { decision: "ALLOW", kind: "tool_call" })).toBe(1);
    expect(delta("warden_http_requests_total", { method: "POST", route: "/api/v1/payments/authorize", status: "403" })).toBe(3);
  });

  it("reports approvals pending, read from the database at scrape time", async () => {
    const { key } = await seedWorkspaceOn(server);
    const session = await callOn(server.url, key, "POST", "/api/v1/sessions", { agent_id: "metrics-asker" });
    const before = gauge(await scrape(server.url), "warden_approvals_pending");
    const raised = await callOn(server.url, key, "POST", "/api/v1/approvals/request", {
      session_id: session.body.session_id,
      tool: "deploy",
      action: "deploy to production",
      reason: "metrics test",
    });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    expect(gauge(await scrape(server.url), "warden_approvals_pending")).toBe(before + 1);
  });

  it("reports the audit chains' length as the sum of the chain heads' seq", async () => {
    const { key } = await seedWorkspaceOn(server);
    const session = await callOn(server.url, key, "POST", "/api/v1/sessions", { agent_id: "metrics-logger" });
    const head = async () => ((await callOn(server.url, key, "GET", "/api/v1/audit?limit=1")).body.entries as { seq: number }[])[0]!.seq;
    const [before, headBefore] = [await scrape(server.url), await head()];
    await Promise.all(Array.from({ length: 12 }, (_, i) => callOn(server.url, key, "POST", "/api/v1/audit", { session_id: session.body.session_id, action: `step-${i}` })));
    const [after, headAfter] = [await scrape(server.url), await head()];
    expect(headAfter - headBefore).toBe(12);
    // Only this file writes to this server's database, so every new entry is this workspace's.
    expect(gauge(after, "warden_audit_chain_entries") - gauge(before, "warden_audit_chain_entries")).toBe(12);
    expect(gauge(after, "warden_audit_chain_longest")).toBeGreaterThanOrEqual(headAfter);
    expect(gauge(after, "warden_audit_chains")).toBeGreaterThanOrEqual(2); // the demo workspace's and this one's
    if (databaseUrl) {
      // On PostgreSQL the test can read the heads itself while the server runs.
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const { rows } = await client.query<{ total: string; chains: string }>("SELECT coalesce(sum(seq), 0)::text AS total, count(*)::text AS chains FROM audit_chain_heads");
      await client.end();
      expect(gauge(after, "warden_audit_chain_entries")).toBe(Number(rows[0]!.total));
      expect(gauge(after, "warden_audit_chains")).toBe(Number(rows[0]!.chains));
    }
  });

  it("reports the database's connection use and prom-client's process metrics", async () => {
    const samples = await scrape(server.url);
    if (isPostgres()) {
      expect(sum(samples, "warden_db_pool_connections", { state: "max" })).toBe(10);
      expect(sum(samples, "warden_db_pool_connections", { state: "total" })).toBeGreaterThanOrEqual(1);
      expect(samples.some((s) => s.name === "warden_db_pool_connections" && s.labels.state === "waiting")).toBe(true);
      expect(samples.some((s) => s.name === "warden_db_pending_requests")).toBe(false);
    } else {
      expect(samples.filter((s) => s.name === "warden_db_pending_requests")).toHaveLength(1);
      expect(gauge(samples, "warden_db_pending_requests")).toBeGreaterThanOrEqual(0);
      expect(samples.some((s) => s.name === "warden_db_pool_connections")).toBe(false);
    }
    expect(gauge(samples, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(gauge(samples, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
  });
});
