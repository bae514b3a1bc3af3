// Helpers for the code-execution gate's tests: a fresh workspace with published policies, a
// session for an agent, and calls to POST /api/v1/exec/evaluate and …/result.
import { createHash } from "node:crypto";
import { expect } from "vitest";
import { api, createKey, seedWorkspace } from "./api";
import { createSession } from "./governance";

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** A workspace whose published policies are `policies`, with a reviewer key (approvals:decide). */
export async function gateWorkspace(policies: Record<string, unknown>[]) {
  const { slug, key } = await seedWorkspace();
  for (const [i, policy] of policies.entries()) {
    const created = await api("POST", "/api/v1/policies", { key, body: { name: `code-${i}`, default: "ALLOW", ...policy } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect((await api("POST", `/api/v1/policies/${created.body.policy_id}/publish`, { key, body: {} })).status).toBe(201);
  }
  const reviewer = await createKey(slug, ["approvals:decide", "approvals:read"]);
  const session = async (agentId = "executor") => (await createSession(key, { agent_id: agentId })).session_id as string;
  const evaluate = (body: Record<string, unknown>) => api("POST", "/api/v1/exec/evaluate", { key, body });
  const report = (receiptId: string, body: Record<string, unknown>) => api("POST", `/api/v1/exec/${receiptId}/result`, { key, body });
  const decide = (approvalId: string, verdict: "approve" | "deny") => api("POST", `/api/v1/approvals/${approvalId}/${verdict}`, { key: reviewer, body: { note: verdict } });
  return { slug, key, reviewer, session, evaluate, report, decide };
}

/** Evaluates `code` in `language` for a session and expects 200. */
export async function evaluated(gate: Awaited<ReturnType<typeof gateWorkspace>>, sessionId: string, language: string, code: string, extra: Record<string, unknown> = {}) {
  const res = await gate.evaluate({ session_id: sessionId, language, code, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
