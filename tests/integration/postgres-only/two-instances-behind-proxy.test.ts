// The deployment of docker-compose.yml, in miniature: two `next start` instances on one fresh
// PostgreSQL database behind a round-robin proxy. Through the proxy, bursts against session,
// agent and crew budgets authorize exactly the limit, concurrent audit writes form one unforked
// chain, and a revocation is effective on the next call on either instance; each instance's own
// metrics show it served its share. The checks are scripts/two-instances.ts, which operators run
// against a real deployment. (several-processes.test.ts covers two processes without a proxy.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInstances, type Report } from "../../../scripts/two-instances";
import { createEmptyPostgresDatabase } from "../../helpers/databases";
import { scrape, sum } from "../../helpers/metrics";
import { callOn, seedWorkspaceOn } from "../../helpers/own-server";
import { startRoundRobinProxy, type Proxy } from "../../helpers/round-robin-proxy";
import { startTestServer, type TestServer } from "../../helpers/test-server";

describe("two instances behind a round-robin proxy on one PostgreSQL database", () => {
  let instances: TestServer[] = [];
  let proxy: Proxy;
  let dropDatabase: () => Promise<void>;

  beforeAll(async () => {
    const empty = await createEmptyPostgresDatabase();
    dropDatabase = empty.drop;
    // Both start at once on the empty database, as compose starts them: one applies the migrations.
    instances = await Promise.all([startTestServer({ databaseUrl: empty.url }), startTestServer({ databaseUrl: empty.url })]);
    proxy = await startRoundRobinProxy(instances.map((i) => i.url));
  });
  afterAll(async () => {
    await proxy?.close();
    await Promise.all(instances.map((i) => i.stop()));
    await dropDatabase?.();
  });

  let report: Report;
  let key: string;

  it("authorizes exactly each budget's limit from bursts of 200 concurrent $1 payments", async () => {
    ({ key } = await seedWorkspaceOn(instances[0]!));
    report = await checkInstances(proxy.url, key, { burst: 200 });
    const detail = Object.fromEntries(report.checks.map((c) => [c.name, c.detail]));
    expect(detail["session budget"]).toBe("200 concurrent $1 payments: 50 authorized (limit 50), 150 refused with session_budget_exceeded, spent 50");
    expect(detail["agent budget"]).toBe("200 concurrent $1 payments: 30 authorized (limit 30), 170 refused with agent_budget_exceeded, spent 30");
    expect(detail["crew budget"]).toBe("200 concurrent $1 payments: 40 authorized (limit 40), 160 refused with crew_budget_exceeded, spent 40");
  });

  it("keeps one contiguous, verified audit chain and honours a revocation on the next call", () => {
    const byName = Object.fromEntries(report.checks.map((c) => [c.name, c]));
    expect(byName["audit chain"]!.detail).toMatch(/^100 concurrent audit writes: 100 acknowledged; verify: true \(\d+ entries\); seq 1\.\.\d+, \d+ entries, contiguous$/);
    expect(byName["revocation"]!.detail).toBe("6/6 payments on the revoked session refused (session_invalid)");
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("spread the requests over both instances, as each one's metrics confirm", async () => {
    const upstreams = Object.keys(report.servedBy).sort();
    expect(upstreams).toEqual(instances.map((i) => new URL(i.url).host).sort());
    const answered = Object.values(report.servedBy);
    const total = answered.reduce((a, b) => a + b, 0);
    // Round robin: the two shares differ by at most one request.
    expect(Math.abs(answered[0]! - answered[1]!)).toBeLessThanOrEqual(1);

    const payments = { method: "POST", route: "/api/v1/payments/authorize" };
    const [a, b] = await Promise.all(instances.map((i) => scrape(i.url)));
    const perInstance = [sum(a!, "warden_http_requests_total", payments), sum(b!, "warden_http_requests_total", payments)];
    expect(perInstance.every((n) => n >= 250)).toBe(true);
    expect(perInstance[0]! + perInstance[1]!).toBe(3 * 200 + 6);
    const apiRequests = (samples: typeof a) => sum(samples!, "warden_http_requests_total") - sum(samples!, "warden_http_requests_total", { route: "/api/readyz" }) - sum(samples!, "warden_http_requests_total", { route: "/api/metrics" }) - sum(samples!, "warden_http_requests_total", { route: "/api/internal/cli" });
    expect(apiRequests(a) + apiRequests(b)).toBe(total);
    expect(sum(a!, "warden_payment_decisions_total", { outcome: "authorized" }) + sum(b!, "warden_payment_decisions_total", { outcome: "authorized" })).toBe(50 + 30 + 40);
  });

  it("refuses a session revoked on one instance at the very next call on the other", async () => {
    const [first, second] = instances.map((i) => i.url) as [string, string];
    const created = await callOn(first, key, "POST", "/api/v1/sessions", { agent_id: "cross-revoke", scopes: ["spend"] });
    const sessionId = created.body.session_id as string;
    expect((await callOn(second, key, "POST", "/api/v1/payments/authorize", { session_id: sessionId, amount: 1 })).status).toBe(200);
    expect((await callOn(first, key, "DELETE", `/api/v1/sessions/${sessionId}`)).status).toBe(200);
    const next = await callOn(second, key, "POST", "/api/v1/payments/authorize", { session_id: sessionId, amount: 1 });
    expect([next.status, next.body.code]).toEqual([401, "session_invalid"]);
    const check = await callOn(second, key, "POST", `/api/v1/sessions/${sessionId}/check`, { scope: "spend" });
    expect(check.body.allowed).toBe(false);
  });
});
