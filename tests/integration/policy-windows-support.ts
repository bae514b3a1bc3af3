// Shared by the policy-window burst tests: a workspace with one published policy, and the checks
// every burst makes (each response is a documented outcome, the chain verifies afterwards).
import { expect } from "vitest";
import { api, seedWorkspace } from "../helpers/api";
import { verify, type ApiResponse } from "../helpers/governance";

export async function publishPolicy(key: string, document: Record<string, unknown>) {
  const created = await api("POST", "/api/v1/policies", { key, body: document });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await api("POST", `/api/v1/policies/${created.body.policy_id}/publish`, { key, body: {} });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  return created.body.policy_id as string;
}

export async function workspaceWithPolicy(document: Record<string, unknown>) {
  const { slug, key } = await seedWorkspace();
  await publishPolicy(key, document);
  return { slug, key };
}

export const pay = (key: string, sessionId: string, amount: number, extra: Record<string, unknown> = {}) =>
  api("POST", "/api/v1/payments/authorize", { key, body: { session_id: sessionId, amount, ...extra } });

export const evaluate = (key: string, sessionId: string, body: Record<string, unknown>) =>
  api("POST", "/api/v1/evaluate", { key, body: { session_id: sessionId, action: "call", params: {}, ...body } });

/**
 * Tallies a payment burst. Every response must be an authorization (200), a policy refusal (403
 * with one of the given reason codes and a receipt) or an escalation (202 with an approval id):
 * never a 5xx, a deadlock or a timeout.
 */
export function tallyPayments(responses: ApiResponse[], refusals: string[]) {
  const tally = { authorized: 0, refused: 0, escalated: 0, amount: 0 };
  for (const res of responses) {
    if (res.status === 200) {
      expect(res.body).toMatchObject({ authorized: true, authorization_id: expect.stringMatching(/^auth_/) });
      tally.authorized += 1;
      tally.amount += res.body.amount as number;
    } else if (res.status === 403) {
      expect(res.body, JSON.stringify(res.body)).toMatchObject({ authorized: false, code: expect.any(String), receipt_id: expect.stringMatching(/^aud_/) });
      expect(refusals).toContain(res.body.code);
      tally.refused += 1;
    } else {
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      expect(res.body).toMatchObject({ authorized: false, status: "pending_approval", approval_id: expect.stringMatching(/^apr_/) });
      tally.escalated += 1;
    }
  }
  return tally;
}

/** Tallies an /evaluate burst: every response is 200 with a decision. */
export function tallyDecisions(responses: ApiResponse[]) {
  const tally: Record<string, number> = {};
  for (const res of responses) {
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    tally[res.body.decision as string] = (tally[res.body.decision as string] ?? 0) + 1;
  }
  return tally;
}

export async function expectChainVerifies(key: string) {
  expect(await verify(key)).toMatchObject({ verified: true });
}
