// Helpers for the agent governance API tests (sessions, payments, audit, agents, crews): thin
// wrappers over api() that assert the happy-path status, and the shared error assertions.
import { expect } from "vitest";
import { api } from "./api";

export type ApiResponse = Awaited<ReturnType<typeof api>>;

export type AuditEntry = {
  entry_id: string;
  seq: number;
  session_id: string | null;
  agent_id: string | null;
  suggested_by: string | null;
  actor_type: string;
  actor_id: string;
  tool: string;
  action: string;
  decision: string | null;
  cost_usd: number;
  flagged: boolean;
  flag_reason: string | null;
  timestamp: string;
  details: Record<string, unknown>;
  prev_hash: string;
  entry_hash: string;
};

export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/** Checks the documented error body: {error, code} plus the given fields, as JSON. */
export function expectError(res: ApiResponse, status: number, code: string, fields: Record<string, unknown> = {}) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(res.body).toMatchObject({ error: expect.any(String), code, ...fields });
  expect(res.body.error.length).toBeGreaterThan(0);
  expect(res.headers.get("x-request-id")).toBeTruthy();
}

/** 400 invalid_request naming the offending field, with a reason. */
export function expectInvalid(res: ApiResponse, field: string) {
  expectError(res, 400, "invalid_request", { field, reason: expect.any(String) });
}

export const expectUnauthorized = (res: ApiResponse) => expectError(res, 401, "unauthorized");

export function expectInsufficientScope(res: ApiResponse, required: string) {
  expectError(res, 403, "insufficient_scope", { required, granted: expect.any(Array) });
}

export const expectNotFound = (res: ApiResponse) => expectError(res, 404, "not_found");

export type SessionBody = {
  agent_id: string;
  scopes?: string[];
  ttl?: number;
  spend_limit?: number | null;
  crew_id?: string;
  metadata?: Record<string, unknown>;
};

export async function createSession(key: string, body: SessionBody) {
  const res = await api("POST", "/api/v1/sessions", { key, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { session_id: string; agent_id: string; crew_id: string | null; scopes: string[]; spend_limit: number | null; expires_at: string | null; ttl: number };
}

export async function getSession(key: string, sessionId: string) {
  const res = await api("GET", `/api/v1/sessions/${sessionId}`, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export async function revokeSession(key: string, sessionId: string) {
  const res = await api("DELETE", `/api/v1/sessions/${sessionId}`, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export const check = (key: string, sessionId: string, scope: string) =>
  api("POST", `/api/v1/sessions/${sessionId}/check`, { key, body: { scope } });

export const authorize = (key: string, sessionId: string, amount: number, extra: Record<string, unknown> = {}) =>
  api("POST", "/api/v1/payments/authorize", { key, body: { session_id: sessionId, amount, ...extra } });

export const logAction = (key: string, body: Record<string, unknown>) => api("POST", "/api/v1/audit", { key, body });

export async function createCrew(key: string, body: Record<string, unknown>) {
  const res = await api("POST", "/api/v1/crews", { key, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { crew_id: string; name: string; budget: number | null; spent: number; members: string[] };
}

export async function patchAgent(key: string, agentId: string, body: Record<string, unknown>) {
  const res = await api("PATCH", `/api/v1/agents/${agentId}`, { key, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export async function spend(key: string, query = "") {
  const res = await api("GET", `/api/v1/audit/spend${query ? `?${query}` : ""}`, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { total_usd: number; action_count: number; by_tool: Record<string, number>; payments_usd: number; payment_count: number };
}

export async function verify(key: string) {
  const res = await api("GET", "/api/v1/audit/verify", { key });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** One page of GET /api/v1/audit. */
export async function auditPage(key: string, query: Record<string, string | number | boolean> = {}) {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const res = await api("GET", `/api/v1/audit${params.size ? `?${params}` : ""}`, { key });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { count: number; entries: AuditEntry[]; next_cursor: string | null };
}

/** Every entry matching the query, newest first, following next_cursor page by page. */
export async function allAuditEntries(key: string, query: Record<string, string | number | boolean> = {}, pageSize = 1000) {
  const entries: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await auditPage(key, { ...query, limit: pageSize, ...(cursor ? { cursor } : {}) });
    entries.push(...page.entries);
    cursor = page.next_cursor;
  } while (cursor);
  return entries;
}

/** Runs n calls at once (all requests in flight together) and returns their results in order. */
export const atOnce = <T>(n: number, call: (i: number) => Promise<T>): Promise<T[]> => Promise.all(Array.from({ length: n }, (_, i) => call(i)));

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the given ISO instant has passed (plus a margin), for TTL expiry. */
export async function waitUntilPast(iso: string, marginMs = 200): Promise<void> {
  const remaining = Date.parse(iso) - Date.now();
  if (remaining + marginMs > 0) await sleep(remaining + marginMs);
}

/** Headers carrying an Idempotency-Key. */
export const idempotent = (idempotencyKey: string) => ({ "idempotency-key": idempotencyKey });
