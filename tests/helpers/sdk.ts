// Shared steps of the TypeScript SDK tests: a client of the test server, and policies and
// reviewer decisions set up over plain HTTP (they are not SDK calls).
import { expect } from "vitest";
import { WardenClient, type WardenClientOptions } from "@/sdk/typescript/src/index";
import { api, baseUrl, createKey } from "./api";

export const sdkClient = (apiKey: string, options: WardenClientOptions = {}) => new WardenClient({ apiKey, baseUrl: `${baseUrl()}/api`, ...options });

/** Creates and publishes a policy (default ALLOW unless given). */
export async function publishPolicy(key: string, policy: Record<string, unknown>): Promise<string> {
  const created = await api("POST", "/api/v1/policies", { key, body: { name: `p-${Math.random().toString(36).slice(2)}`, default: "ALLOW", ...policy } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await api("POST", `/api/v1/policies/${created.body.policy_id}/publish`, { key, body: {} });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  return created.body.policy_id as string;
}

/** A second key that decides approvals (separation of duties: not the key that raised them). */
export async function reviewer(slug: string) {
  const key = await createKey(slug, ["approvals:decide"]);
  const decide = async (approvalId: string, verdict: "approve" | "deny") => {
    const response = await api("POST", `/api/v1/approvals/${approvalId}/${verdict}`, { key, body: { note: `${verdict} by test` } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };
  return { approve: (id: string) => decide(id, "approve"), deny: (id: string) => decide(id, "deny") };
}

/** Resolves with the id of the next approval request waiting in the workspace. */
export async function nextPendingApproval(key: string): Promise<string> {
  for (;;) {
    const pending = await api("GET", "/api/v1/approvals/pending", { key });
    const request = (pending.body.requests as { request_id: string }[])[0];
    if (request) return request.request_id;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The error a call fails with; fails the test when the call succeeds. */
export async function rejectionOf<E extends Error = Error>(call: Promise<unknown>): Promise<E> {
  try {
    await call;
  } catch (error) {
    return error as E;
  }
  throw new Error("expected the call to fail, and it succeeded");
}
