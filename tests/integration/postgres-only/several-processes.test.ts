// Two server processes on one PostgreSQL database: budgets and the audit chain are enforced by
// the database, so requests split across the processes behave like requests to one.
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { api, baseUrl, seedWorkspace } from "../../helpers/api";
import { startTestServer, type TestServer } from "../../helpers/test-server";

describe("several server processes on one PostgreSQL database", () => {
  let second: TestServer;
  beforeAll(async () => {
    second = await startTestServer({ databaseUrl: inject("databaseUrl") });
  });
  afterAll(async () => second?.stop());

  async function call(server: string, method: string, path: string, key: string, body?: unknown) {
    const response = await fetch(`${server}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  it("authorizes exactly 50 of 200 concurrent $1 payments on a $50 session, split across two processes", async () => {
    const { key } = await seedWorkspace();
    const session = await api("POST", "/api/v1/sessions", { key, body: { agent_id: "split-agent", scopes: ["spend"], spend_limit: 50 } });
    const sessionId = session.body.session_id as string;
    const servers = [baseUrl(), second.url];
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        call(servers[i % 2]!, "POST", "/api/v1/payments/authorize", key, { session_id: sessionId, amount: 1 }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(50);
    expect(results.filter((r) => r.status === 403).every((r) => r.body.code === "session_budget_exceeded")).toBe(true);
    const after = await call(second.url, "GET", `/api/v1/sessions/${sessionId}`, key);
    expect(after.body.spent).toBe(50);
  });

  it("keeps one unforked audit chain when both processes append at once", async () => {
    const { key } = await seedWorkspace();
    const session = await api("POST", "/api/v1/sessions", { key, body: { agent_id: "chain-agent" } });
    const sessionId = session.body.session_id as string;
    const servers = [baseUrl(), second.url];
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call(servers[i % 2]!, "POST", "/api/v1/audit", key, { session_id: sessionId, action: `step-${i}` }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const verify = await call(second.url, "GET", "/api/v1/audit/verify", key);
    expect(verify.body).toMatchObject({ verified: true });
    const list = await call(baseUrl(), "GET", "/api/v1/audit?limit=1000", key);
    const seqs = (list.body.entries as { seq: number }[]).map((e) => e.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });
});
