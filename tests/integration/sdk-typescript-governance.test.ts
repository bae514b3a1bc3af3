// The SDK under policies: payments that escalate to a human (202 -> waitForApproval -> authorize
// with approvalId), velocity limits, and governedTool's path for each decision, with the action
// read back from the audit trail.
import { describe, expect, it } from "vitest";
import { ApprovalDeniedError, ApprovalTimeoutError, ConflictError, governedTool, PermissionError, PolicyBlockedError, RateLimitError, type WardenClient } from "@/sdk/typescript/src/index";
import { seedWorkspace } from "../helpers/api";
import { nextPendingApproval, publishPolicy, reviewer, sdkClient, rejectionOf } from "../helpers/sdk";

async function governedWorkspace(policy: Record<string, unknown>) {
  const { slug, key } = await seedWorkspace();
  await publishPolicy(key, policy);
  const client = sdkClient(key);
  const { session_id: sessionId } = await client.createSession({ agentId: "governed-agent", scopes: ["read", "spend"] });
  return { key, client, sessionId, reviewer: await reviewer(slug) };
}

const TOOL_POLICY = {
  rules: [
    { id: "no-deletes", tools: ["db.delete"], effect: "BLOCK", reason: { code: "NO_DELETES", message: "Deletes need a human" } },
    { id: "cap-rows", tools: ["db.query"], effect: "CONSTRAIN", constraint: { cap: [{ path: "limit", max: 10 }] } },
    { id: "ask-refunds", tools: ["refund"], effect: "ESCALATE" },
  ],
};

const lastEntry = async (client: WardenClient, sessionId: string, tool: string) => (await client.getAuditTrail({ sessionId, tool, limit: 1 })).entries[0];

describe("authorizePayment escalated by a policy", () => {
  it("returns pending with an approvalId (202), waits for the reviewer, then authorizes with the approvalId", async () => {
    const w = await governedWorkspace({ payments: { escalate_above: 50 } });
    const pending = await w.client.authorizePayment({ sessionId: w.sessionId, amount: 60, recipient: "vendor@shop.com" });
    if (!pending.pending) throw new Error("expected the payment to escalate");
    expect(pending).toMatchObject({ authorized: false, status: "pending_approval", approvalId: expect.stringMatching(/^apr_/) });
    await expect(w.client.authorizePayment({ sessionId: w.sessionId, amount: 60, recipient: "vendor@shop.com", approvalId: pending.approvalId })).rejects.toBeInstanceOf(ConflictError);

    const waited = w.client.waitForApproval(pending.approvalId, { timeoutMs: 30_000 });
    await w.reviewer.approve(pending.approvalId);
    expect(await waited).toMatchObject({ request_id: pending.approvalId, status: "approved" });
    const paid = await w.client.authorizePayment({ sessionId: w.sessionId, amount: 60, recipient: "vendor@shop.com", approvalId: pending.approvalId });
    expect(paid).toMatchObject({ pending: false, authorized: true, amount: 60 });
  });

  it("raises ApprovalDeniedError when the reviewer denies, and ApprovalTimeoutError while nobody decides", async () => {
    const w = await governedWorkspace({ payments: { escalate_above: 50 } });
    const first = await w.client.authorizePayment({ sessionId: w.sessionId, amount: 70 });
    const second = await w.client.authorizePayment({ sessionId: w.sessionId, amount: 80 });
    if (!first.pending || !second.pending) throw new Error("expected both payments to escalate");
    await w.reviewer.deny(first.approvalId);
    await expect(w.client.waitForApproval(first.approvalId)).rejects.toMatchObject({ name: "ApprovalDeniedError", approvalId: first.approvalId, code: "approval_denied" });
    const timedOut = await rejectionOf(w.client.waitForApproval(second.approvalId, { timeoutMs: 1_000 }));
    expect(timedOut).toBeInstanceOf(ApprovalTimeoutError);
    expect((await w.client.getApproval(second.approvalId)).status).toBe("pending");
  });

  it("raises RateLimitError for a policy's velocity limit (403 RATE_LIMIT_EXCEEDED)", async () => {
    const w = await governedWorkspace({ payments: { max_requests_per_minute: 1 } });
    await w.client.authorizePayment({ sessionId: w.sessionId, amount: 1 });
    const error = await rejectionOf(w.client.authorizePayment({ sessionId: w.sessionId, amount: 1 }));
    expect(error).toBeInstanceOf(RateLimitError);
    // Still the 403 it is: code catching PermissionError catches it; the server says when to retry.
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ status: 403, code: "RATE_LIMIT_EXCEEDED", retryAfter: 60 });
  });
});

describe("requestApproval and evaluate", () => {
  it("raises an approval request and reads it back, held with waitSeconds until decided", async () => {
    const w = await governedWorkspace({});
    const requested = await w.client.requestApproval({ sessionId: w.sessionId, tool: "deploy", action: "ship", reason: "friday release", amount: 5 });
    expect(requested).toMatchObject({ request_id: expect.stringMatching(/^apr_/), status: "pending" });
    const held = w.client.getApproval(requested.request_id, { waitSeconds: 30 });
    await w.reviewer.approve(requested.request_id);
    expect(await held).toMatchObject({ status: "approved", tool: "deploy", action: "ship", reason: "friday release" });
  });

  it("evaluates an action: ESCALATE is pending with its approvalId, BLOCK names the reason", async () => {
    const w = await governedWorkspace(TOOL_POLICY);
    const escalated = await w.client.evaluate({ sessionId: w.sessionId, kind: "tool_call", tool: "refund", action: "refund", params: { order: 7 } });
    expect(escalated).toMatchObject({ decision: "ESCALATE", pending: true, approvalId: expect.stringMatching(/^apr_/), receipt_id: expect.stringMatching(/^aud_/) });
    const blocked = await w.client.evaluate({ sessionId: w.sessionId, kind: "tool_call", tool: "db.delete", action: "delete" });
    expect(blocked).toMatchObject({ decision: "BLOCK", pending: false, approvalId: null, reasons: [{ code: "NO_DELETES" }] });
  });
});

describe("governedTool", () => {
  it("runs an allowed call and logs it with its computed cost, status ok, receipt and suggester", async () => {
    const w = await governedWorkspace(TOOL_POLICY);
    const search = governedTool(w.client, { sessionId: w.sessionId, tool: "web.search", costUsd: (hits: string[]) => hits.length * 0.01, suggestedBy: "planner" }, async ({ q }: { q: string }) => [`${q} 1`, `${q} 2`]);
    expect(await search({ q: "warden" })).toEqual(["warden 1", "warden 2"]);
    expect(await lastEntry(w.client, w.sessionId, "web.search")).toMatchObject({ action: "web.search", cost_usd: 0.02, suggested_by: "planner", decision: "ALLOW", details: { status: "ok", receipt_id: expect.stringMatching(/^aud_/) } });
  });

  it("throws PolicyBlockedError on BLOCK without calling the tool", async () => {
    const w = await governedWorkspace(TOOL_POLICY);
    const calls: unknown[] = [];
    const remove = governedTool(w.client, { sessionId: w.sessionId, tool: "db.delete" }, async (params: { table: string }) => calls.push(params));
    const error = await rejectionOf(remove({ table: "users" }));
    expect(error).toBeInstanceOf(PolicyBlockedError);
    expect(error).toMatchObject({ decision: "BLOCK", code: "NO_DELETES", reasons: [{ code: "NO_DELETES" }], receiptId: expect.stringMatching(/^aud_/) });
    expect(calls).toEqual([]);
  });

  it("calls the tool with the constrained parameters on CONSTRAIN", async () => {
    const w = await governedWorkspace(TOOL_POLICY);
    const query = governedTool(w.client, { sessionId: w.sessionId, tool: "db.query" }, async (params: { sql: string; limit: number }) => params);
    expect(await query({ sql: "select 1", limit: 500 })).toEqual({ sql: "select 1", limit: 10 });
    expect(await lastEntry(w.client, w.sessionId, "db.query")).toMatchObject({ decision: "CONSTRAIN", details: { status: "ok" } });
  });

  it("waits on ESCALATE and runs once a reviewer approves; throws ApprovalDeniedError without running when denied", async () => {
    const w = await governedWorkspace(TOOL_POLICY);
    const refunds: number[] = [];
    const refund = governedTool(w.client, { sessionId: w.sessionId, tool: "refund", approvalTimeoutMs: 30_000 }, async ({ order }: { order: number }) => refunds.push(order));
    const approved = refund({ order: 1 });
    await w.reviewer.approve(await nextPendingApproval(w.key));
    await approved;
    const denied = rejectionOf(refund({ order: 2 }));
    await w.reviewer.deny(await nextPendingApproval(w.key));
    expect(await denied).toBeInstanceOf(ApprovalDeniedError);
    expect(refunds).toEqual([1]);
  });

  it("throws PolicyBlockedError with the approvalId on ESCALATE when told not to wait", async () => {
    const w = await governedWorkspace(TOOL_POLICY);
    const refund = governedTool(w.client, { sessionId: w.sessionId, tool: "refund", waitForApproval: false }, async () => "refunded");
    await expect(refund({})).rejects.toMatchObject({ name: "PolicyBlockedError", decision: "ESCALATE", approvalId: expect.stringMatching(/^apr_/) });
  });

  it("logs a failing call with status error and its fixed cost, then rethrows the tool's error", async () => {
    const w = await governedWorkspace(TOOL_POLICY);
    const flaky = governedTool(w.client, { sessionId: w.sessionId, tool: "mailer", costUsd: 0.5 }, async () => {
      throw new RangeError("smtp refused");
    });
    await expect(flaky({})).rejects.toThrow("smtp refused");
    expect(await lastEntry(w.client, w.sessionId, "mailer")).toMatchObject({ cost_usd: 0.5, details: { status: "error", error: "RangeError" } });
  });

  it("throws PermissionError without evaluating when the session lacks the tool's scope", async () => {
    const w = await governedWorkspace(TOOL_POLICY);
    const write = governedTool(w.client, { sessionId: w.sessionId, tool: "db.write", scope: "db:write" }, async () => "written");
    await expect(write({})).rejects.toBeInstanceOf(PermissionError);
    expect(await lastEntry(w.client, w.sessionId, "db.write")).toBeUndefined();
  });
});
