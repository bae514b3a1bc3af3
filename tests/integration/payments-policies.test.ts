// /payments/authorize under policies: BLOCK refuses with the policy's reason code, ESCALATE
// answers 202 with an approval request, CONSTRAIN caps the amount, and an approved payment
// authorizes exactly once with its approval_id (budgets still apply).
import { describe, expect, it } from "vitest";
import { api, createKey, seedWorkspace } from "../helpers/api";
import { atOnce, createSession, expectInvalid, getSession } from "../helpers/governance";

async function workspaceWithPolicy(policy: Record<string, unknown>, session: Record<string, unknown> = {}) {
  const { slug, key } = await seedWorkspace();
  const created = await api("POST", "/api/v1/policies", { key, body: { name: "payments", default: "ALLOW", ...policy } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  await api("POST", `/api/v1/policies/${created.body.policy_id}/publish`, { key, body: {} });
  const reviewer = await createKey(slug, ["approvals:decide"]);
  const { session_id } = await createSession(key, { agent_id: "buyer", scopes: ["spend"], ...session });
  const pay = (amount: number, extra: Record<string, unknown> = {}) => api("POST", "/api/v1/payments/authorize", { key, body: { session_id, amount, recipient: "vendor@shop.com", ...extra } });
  const approve = (id: string) => api("POST", `/api/v1/approvals/${id}/approve`, { key: reviewer, body: { note: "ok" } });
  const deny = (id: string) => api("POST", `/api/v1/approvals/${id}/deny`, { key: reviewer, body: { note: "no" } });
  return { key, sessionId: session_id, pay, approve, deny };
}

describe("POST /api/v1/payments/authorize under a policy", () => {
  it("refuses what a policy blocks with its reason code, and charges nothing", async () => {
    const w = await workspaceWithPolicy({ payments: { max_single: 50 } });
    const res = await w.pay(60);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ authorized: false, code: "EXCEEDS_SINGLE_LIMIT", receipt_id: expect.stringMatching(/^aud_/) });
    expect((await w.pay(40)).status).toBe(200);
    expect((await getSession(w.key, w.sessionId)).spent).toBe(40);
  });

  it("escalates with 202 and an approval request; once approved, the payment authorizes exactly once", async () => {
    const w = await workspaceWithPolicy({ payments: { escalate_above: 50 } });
    const escalated = await w.pay(60);
    expect(escalated.status).toBe(202);
    expect(escalated.body).toMatchObject({ authorized: false, status: "pending_approval", approval_id: expect.stringMatching(/^apr_/), reasons: [{ code: "ABOVE_ESCALATION_THRESHOLD" }] });
    const approvalId = escalated.body.approval_id as string;
    expect((await w.pay(60, { approval_id: approvalId })).body).toMatchObject({ authorized: false, code: "approval_pending" });
    await w.approve(approvalId);
    const results = await atOnce(20, () => w.pay(60, { approval_id: approvalId }));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === "approval_consumed")).toBe(true);
    expect(results.filter((r) => r.status === 200)[0]!.body).toMatchObject({ authorized: true, amount: 60, approval_id: approvalId });
    expect((await getSession(w.key, w.sessionId)).spent).toBe(60);
  });

  it("refuses a denied approval, and an approval used for another payment", async () => {
    const w = await workspaceWithPolicy({ payments: { escalate_above: 50 } });
    const denied = (await w.pay(70)).body.approval_id as string;
    await w.deny(denied);
    expect((await w.pay(70, { approval_id: denied })).body).toMatchObject({ authorized: false, code: "approval_denied" });
    const approved = (await w.pay(80)).body.approval_id as string;
    await w.approve(approved);
    expect((await w.pay(81, { approval_id: approved })).body).toMatchObject({ code: "approval_mismatch" });
    expect((await w.pay(80, { approval_id: approved, recipient: "someone@else.com" })).body).toMatchObject({ code: "approval_mismatch" });
    expect((await w.pay(80, { approval_id: approved })).body.authorized).toBe(true);
    expectInvalid(await w.pay(80, { approval_id: "nope" }), "approval_id");
  });

  it("keeps budgets in force for an approved payment, and the approval stays unused when they refuse", async () => {
    const w = await workspaceWithPolicy({ payments: { escalate_above: 50 } }, { spend_limit: 50 });
    const id = (await w.pay(60)).body.approval_id as string;
    await w.approve(id);
    expect((await w.pay(60, { approval_id: id })).body).toMatchObject({ authorized: false, code: "session_budget_exceeded" });
    expect((await getSession(w.key, w.sessionId)).spent).toBe(0);
  });

  it("caps the amount a CONSTRAIN rule limits", async () => {
    const w = await workspaceWithPolicy({ rules: [{ id: "cap", kinds: ["payment"], effect: "CONSTRAIN", constraint: { cap: [{ path: "amount", max: 25 }] } }] });
    const res = await w.pay(40);
    expect(res.body).toMatchObject({ authorized: true, amount: 25, constrained: true, requested_amount: 40 });
    expect((await getSession(w.key, w.sessionId)).spent).toBe(25);
  });
});
