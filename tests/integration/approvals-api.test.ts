// The approval queue over real HTTP: a payment a policy escalates waits for a reviewer, the
// agent learns the decision by polling or with ?wait; denial, expiry, separation of duties, the
// two-person rule and idempotent decisions.
import { describe, expect, it } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";
import { allAuditEntries, createSession, expectError, expectInsufficientScope, expectInvalid, expectNotFound, sleep } from "../helpers/governance";

const evaluate = (key: string, body: Record<string, unknown>) => api("POST", "/api/v1/evaluate", { key, body });
const approval = (key: string, id: string, wait?: number) => api("GET", `/api/v1/approvals/${id}${wait !== undefined ? `?wait=${wait}` : ""}`, { key });
const decide = (key: string, id: string, verdict: "approve" | "deny", note = "") => api("POST", `/api/v1/approvals/${id}/${verdict}`, { key, body: { note } });

async function escalatingWorkspace(payments: Record<string, unknown> = { escalate_above: 50 }) {
  const { slug, key } = await seedWorkspace();
  const created = await api("POST", "/api/v1/policies", { key, body: { name: "payments", default: "ALLOW", payments } });
  await api("POST", `/api/v1/policies/${created.body.policy_id}/publish`, { key, body: {} });
  const agent = await createKey(slug, ["sessions:write", "payments:write", "approvals:write", "approvals:read"]);
  const reviewer = await createKey(slug, ["approvals:decide", "approvals:read"]);
  const { session_id } = await createSession(key, { agent_id: "buyer", scopes: ["spend"] });
  const escalate = async (amount: number, recipient = "vendor@shop.com") => {
    const res = await evaluate(agent, { session_id, kind: "payment", tool: "stripe", action: "pay invoice", params: { amount, currency: "USD", recipient } });
    expect(res.body.decision, JSON.stringify(res.body)).toBe("ESCALATE");
    return res.body.approval_id as string;
  };
  return { slug, key, agent, reviewer, sessionId: session_id, escalate };
}

describe("an escalated payment waiting for a reviewer", () => {
  it("is pending with the action, agent and reasons, and approved by a reviewer; ?wait returns the decision", async () => {
    const w = await escalatingWorkspace();
    const id = await w.escalate(60);
    expect(id).toMatch(/^apr_/);
    const pending = await approval(w.agent, id);
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({
      request_id: id,
      status: "pending",
      agent_id: "buyer",
      kind: "payment",
      tool: "stripe",
      action: "pay invoice",
      amount: 60,
      reasons: [{ code: "ABOVE_ESCALATION_THRESHOLD", rule_id: "payments.escalate_above" }],
      required_approvals: 1,
      decided_by: null,
    });
    expect((await api("GET", "/api/v1/approvals/pending", { key: w.reviewer })).body).toMatchObject({ count: 1, requests: [{ request_id: id }] });

    const waiting = approval(w.agent, id, 10);
    await sleep(300);
    expect((await decide(w.reviewer, id, "approve", "invoice checked")).body).toEqual({ approved: true, request_id: id, status: "approved" });
    const answered = await waiting;
    expect(answered.body).toMatchObject({ status: "approved", decision_note: "invoice checked", decided_by: expect.stringMatching(/^api_key:key_/) });
    expect((await api("GET", "/api/v1/approvals/pending", { key: w.reviewer })).body.count).toBe(0);
    const trail = (await allAuditEntries(w.key)).map((e) => e.action);
    expect(trail).toEqual(expect.arrayContaining(["policy.evaluated", "approval.requested", "approval.approved"]));
  });

  it("is denied with a note; the denial is final", async () => {
    const w = await escalatingWorkspace();
    const id = await w.escalate(75);
    expect((await decide(w.reviewer, id, "deny", "unknown vendor")).body).toEqual({ denied: true, request_id: id, status: "denied" });
    expect((await approval(w.agent, id, 5)).body).toMatchObject({ status: "denied", decision_note: "unknown vendor" });
    const second = await createKey(w.slug, ["approvals:decide"]);
    expectError(await decide(second, id, "approve"), 409, "conflict");
  });

  it("expires unanswered (expired counts as denied) and can no longer be decided", async () => {
    const w = await escalatingWorkspace({ escalate_above: 50, approval: { expires_in: 1 } });
    const id = await w.escalate(60);
    await sleep(1_300);
    expect((await approval(w.agent, id)).body).toMatchObject({ status: "expired" });
    expectError(await decide(w.reviewer, id, "approve"), 409, "conflict");
    expect((await allAuditEntries(w.key)).map((e) => e.action)).toContain("approval.expired");
  });

  it("answers ?wait with pending when nobody decides in time", async () => {
    const w = await escalatingWorkspace();
    const id = await w.escalate(60);
    const started = Date.now();
    expect((await approval(w.agent, id, 1)).body.status).toBe("pending");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("refuses a decision by whoever raised the request (separation of duties)", async () => {
    const { slug, key } = await seedWorkspace();
    const both = await createKey(slug, ["approvals:write", "approvals:decide", "approvals:read"]);
    const { session_id } = await createSession(key, { agent_id: "buyer" });
    const raised = await api("POST", "/api/v1/approvals/request", { key: both, body: { session_id, tool: "db", action: "drop table", reason: "cleanup" } });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ request_id: expect.stringMatching(/^apr_/), status: "pending", expires_at: expect.any(String) });
    const res = await decide(both, raised.body.request_id as string, "approve");
    expectError(res, 403, "forbidden");
    expect(res.body.error).toMatch(/separation of duties/);
    expect((await decide(await createKey(slug, ["approvals:decide"]), raised.body.request_id as string, "approve")).body.status).toBe("approved");
  });

  it("needs two distinct approvers above the two-person amount; one reviewer approving twice is still one", async () => {
    const w = await escalatingWorkspace({ escalate_above: 50, approval: { two_person_above: 100 } });
    const small = await w.escalate(60);
    expect((await approval(w.agent, small)).body.required_approvals).toBe(1);
    const big = await w.escalate(150, "other@shop.com");
    expect((await approval(w.agent, big)).body.required_approvals).toBe(2);
    expect((await decide(w.reviewer, big, "approve")).body).toEqual({ approved: true, request_id: big, status: "pending" });
    expect((await decide(w.reviewer, big, "approve")).body).toEqual({ approved: true, request_id: big, status: "pending" });
    expect((await approval(w.agent, big)).body).toMatchObject({ status: "pending", approvals: [expect.stringMatching(/^api_key:/)] });
    const second = await createKey(w.slug, ["approvals:decide"]);
    expect((await decide(second, big, "approve")).body).toEqual({ approved: true, request_id: big, status: "approved" });
    expect((await approval(w.agent, big)).body.approvals).toHaveLength(2);
  });

  it("treats a repeated decision as the same decision, and a contrary one as a conflict", async () => {
    const w = await escalatingWorkspace();
    const id = await w.escalate(60);
    expect((await decide(w.reviewer, id, "approve")).status).toBe(200);
    expect((await decide(w.reviewer, id, "approve")).body).toEqual({ approved: true, request_id: id, status: "approved" });
    expectError(await decide(w.reviewer, id, "deny"), 409, "conflict");
  });

  it("scopes: raising needs approvals:write, deciding approvals:decide (approvals:write is not enough)", async () => {
    const w = await escalatingWorkspace();
    const id = await w.escalate(60);
    expectInsufficientScope(await decide(w.agent, id, "approve"), "approvals:decide");
    const reader = await createKey(w.slug, ["approvals:read"]);
    expectInsufficientScope(await api("POST", "/api/v1/approvals/request", { key: reader, body: { session_id: w.sessionId, action: "x", reason: "y" } }), "approvals:write");
    expectNotFound(await approval(w.agent, "apr_01JD0000000000000000000000"));
    expectNotFound(await approval((await seedWorkspace()).key, id));
    expectInvalid(await approval(w.agent, id, 31), "wait");
    expectInvalid(await api("POST", "/api/v1/approvals/request", { key: w.agent, body: { session_id: w.sessionId, action: "x" } }), "reason");
  });
});
