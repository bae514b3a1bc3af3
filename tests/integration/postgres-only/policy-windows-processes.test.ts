// Policy windows hold across two server processes on one PostgreSQL database: the row locks that
// serialise decisions sharing a window are the database's, so a burst split across processes
// authorizes exactly what one process would.
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { PRESETS } from "@/lib/policies/presets";
import { baseUrl } from "../../helpers/api";
import { atOnce, createSession, getSession, type ApiResponse } from "../../helpers/governance";
import { startTestServer, type TestServer } from "../../helpers/test-server";
import { expectChainVerifies, tallyDecisions, tallyPayments, workspaceWithPolicy } from "../policy-windows-support";

describe("policy windows across two server processes on one PostgreSQL database", () => {
  let second: TestServer;
  beforeAll(async () => {
    second = await startTestServer({ databaseUrl: inject("databaseUrl") });
  });
  afterAll(async () => second?.stop());

  async function call(server: string, path: string, key: string, body: unknown): Promise<ApiResponse> {
    const response = await fetch(`${server}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as ApiResponse["body"] };
  }
  const servers = () => [baseUrl(), second.url];

  it("authorizes exactly 20 of 200 concurrent $1 payments under the balanced preset, split across the processes", async () => {
    const { key } = await workspaceWithPolicy(PRESETS.balanced);
    const { session_id } = await createSession(key, { agent_id: "split-payer", scopes: ["spend"] });
    const responses = await atOnce(200, (i) => call(servers()[i % 2]!, "/api/v1/payments/authorize", key, { session_id, amount: 1 }));
    expect(tallyPayments(responses, ["RATE_LIMIT_EXCEEDED"])).toEqual({ authorized: 20, refused: 180, escalated: 0, amount: 20 });
    expect((await getSession(key, session_id)).spent).toBe(20);
    await expectChainVerifies(key);
  });

  it("authorizes exactly $250 of 60 concurrent $10 payments against the hourly budget, split across the processes", async () => {
    const { key } = await workspaceWithPolicy({ ...PRESETS.balanced, payments: { ...PRESETS.balanced.payments, max_requests_per_minute: 1000 } });
    const { session_id } = await createSession(key, { agent_id: "split-spender", scopes: ["spend"] });
    const responses = await atOnce(60, (i) => call(servers()[i % 2]!, "/api/v1/payments/authorize", key, { session_id, amount: 10 }));
    expect(tallyPayments(responses, ["EXCEEDS_HOURLY_BUDGET"])).toEqual({ authorized: 25, refused: 35, escalated: 0, amount: 250 });
    await expectChainVerifies(key);
  });

  it("allows exactly 50 of 300 concurrent tool calls under a velocity rule, split across the processes", async () => {
    const { key } = await workspaceWithPolicy({ name: "throttle", default: "ALLOW", rules: [{ id: "calls", kinds: ["tool_call"], effect: "BLOCK", rate_limit: { max: 50, per: "minute" } }] });
    const { session_id } = await createSession(key, { agent_id: "split-caller" });
    const body = { session_id, kind: "tool_call", tool: "fetch", action: "get", params: {} };
    const responses = await atOnce(300, (i) => call(servers()[i % 2]!, "/api/v1/evaluate", key, body));
    expect(tallyDecisions(responses)).toEqual({ ALLOW: 50, BLOCK: 250 });
    await expectChainVerifies(key);
  });
});
