// Helpers for the gateway tests: a workspace whose gateway points at a fake upstream (provider,
// priced model and agent keys set up through the management REST routes), policies published
// through the API, and the official OpenAI client aimed at <warden>/api/gateway/v1.
import OpenAI from "openai";
import { expect, onTestFinished } from "vitest";
import { api, baseUrl, seedWorkspace } from "./api";
import { allAuditEntries, type AuditEntry } from "./governance";
import { startFakeUpstream } from "./fake-upstream";

export const MODEL = "gpt-test";

export type ModelPrices = { input_price: number; output_price: number; max_output_tokens?: number };

async function ok(res: Awaited<ReturnType<typeof api>>, status: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

/** A workspace, a fake upstream (closed after the test) as provider "fake", and model gpt-test. */
export async function gatewayWorkspace(prices: ModelPrices = { input_price: 1, output_price: 2 }) {
  const { slug, key } = await seedWorkspace();
  const upstream = await startFakeUpstream({ apiKey: "sk-upstream-secret-1" });
  onTestFinished(() => upstream.close());
  await ok(await api("PUT", "/api/v1/gateway/providers/fake", { key, body: { base_url: upstream.url, api_key: "sk-upstream-secret-1" } }), 200);
  await ok(await api("PUT", "/api/v1/gateway/models", { key, body: { model: MODEL, provider: "fake", ...prices } }), 200);
  return { slug, key, upstream };
}

export type IssuedKey = { id: string; key: string; session_id: string; agent_id: string; crew_id: string | null };

export async function issueGatewayKey(adminKey: string, body: Record<string, unknown>): Promise<IssuedKey> {
  return (await ok(await api("POST", "/api/v1/gateway/keys", { key: adminKey, body: { name: `key-${body.agent_id}`, ...body } }), 201)) as IssuedKey;
}

/** The official client as an agent would configure it; no retries, so each call is one request. */
export const gatewayClient = (gatewayKey: string, defaultHeaders: Record<string, string> = {}) =>
  new OpenAI({ apiKey: gatewayKey, baseURL: `${baseUrl()}/api/gateway/v1`, maxRetries: 0, defaultHeaders });

export async function publishRules(adminKey: string, rules: Record<string, unknown>[]) {
  const created = await ok(await api("POST", "/api/v1/policies", { key: adminKey, body: { name: `rules-${Date.now()}`, default: "ALLOW", rules } }), 201);
  await ok(await api("POST", `/api/v1/policies/${created.policy_id}/publish`, { key: adminKey, body: {} }), 201);
}

export const blockWhen = (kinds: string[], when: Record<string, unknown>[], code: string) => ({
  id: code.toLowerCase(),
  kinds,
  when,
  effect: "BLOCK",
  reason: { code, message: `Refused: ${code.toLowerCase().replaceAll("_", " ")}` },
});

/** The llm.call entries of the workspace, newest first. */
export async function llmCallEntries(adminKey: string): Promise<AuditEntry[]> {
  return (await allAuditEntries(adminKey)).filter((e) => e.action === "llm.call");
}

export async function gatewayCall(adminKey: string, callId: string) {
  return ok(await api("GET", `/api/v1/gateway/calls/${callId}`, { key: adminKey }), 200);
}

/** The call id from a raw response's headers (the body stays OpenAI's). */
export const callIdOf = (response: Response) => response.headers.get("x-warden-call-id")!;
