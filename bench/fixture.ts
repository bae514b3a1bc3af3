// What the bench loads: a workspace with a session (and a second one with a policy in force),
// and the routes with their payloads and expected answers.
import { randomBytes } from "node:crypto";
import { realisticProgram } from "./exec-analysis";
import { call, cli, type BenchServer } from "./server";
import { BATCH_CONNECTIONS, BATCH_SIZE, CONNECTIONS } from "./settings";

export type Fixture = { key: string; sessionId: string; workspace: string; policy: { key: string; sessionId: string } };

/** A policy with limits no 10 s run reaches, so its payments are authorized after evaluation. */
const GENEROUS_POLICY = {
  name: "bench: generous payment limits",
  default: "ALLOW",
  payments: { max_single: 1000, hourly_budget: 1_000_000, daily_budget: 10_000_000, max_requests_per_minute: 100_000 },
};

export async function seed(server: BenchServer): Promise<Fixture> {
  const plain = await seedWorkspace(server);
  const policy = await seedWorkspace(server);
  const auth = { authorization: `Bearer ${policy.key}` };
  const created = await call(server, "POST", "/api/v1/policies", { body: GENEROUS_POLICY, headers: auth });
  const published = await call(server, "POST", `/api/v1/policies/${String(created.body.policy_id)}/publish`, { body: {}, headers: auth });
  if (created.status !== 201 || published.status !== 201) {
    throw new Error(`seeding the policy answered ${created.status}/${published.status}: ${JSON.stringify([created.body, published.body])}`);
  }
  return { ...plain, policy: { key: policy.key, sessionId: policy.sessionId } };
}

async function seedWorkspace(server: BenchServer): Promise<Omit<Fixture, "policy">> {
  const workspace = `bench-${randomBytes(3).toString("hex")}`;
  await cli(server, ["create-workspace", workspace]);
  const lines = await cli(server, ["create-key", "--workspace", workspace, "--name", "bench", "--scopes", "*"]);
  const key = lines.at(-1)!.trim();
  // ttl 0: until revoked; no spend_limit: the session has no cap of its own, so a 10 s run of
  // $0.01 payments never runs out (the agent is registered without a budget, and no crew).
  const session = await call(server, "POST", "/api/v1/sessions", {
    body: { agent_id: "bench-agent", scopes: ["read", "spend"], ttl: 0 },
    headers: { authorization: `Bearer ${key}` },
  });
  if (session.status !== 201 || typeof session.body.session_id !== "string") {
    throw new Error(`POST /api/v1/sessions answered ${session.status}: ${JSON.stringify(session.body)}`);
  }
  return { key, sessionId: session.body.session_id, workspace };
}

export type Route = {
  name: string;
  method: "GET" | "POST";
  path: string;
  body?: string;
  expectStatus: number;
  /** Audit entries one successful request appends. */
  auditEvents: number;
  /** Events one request carries (batch), for events/s. */
  eventsPerRequest: number;
  connections: number;
  /** info: shown for context, no target (the unauthenticated floor of `next start`). */
  target: "info" | "baseline" | "hot" | "batch";
  /** Checks one response body (pre-flight). */
  expectBody: (body: Record<string, unknown>) => boolean;
  /** Another workspace's key (its audit chain is verified separately); default: the fixture's. */
  key?: string;
};

export function routes(fixture: Fixture): Route[] {
  const sessionId = fixture.sessionId;
  const event = { session_id: sessionId, action: "bench", tool: "bench", cost_usd: 0 };
  return [
    {
      name: "GET /healthz (no auth, info)",
      method: "GET",
      path: "/api/healthz",
      expectStatus: 200,
      auditEvents: 0,
      eventsPerRequest: 1,
      connections: CONNECTIONS,
      target: "info",
      expectBody: (b) => b.status === "ok",
    },
    {
      name: "GET /whoami (baseline)",
      method: "GET",
      path: "/api/v1/whoami",
      expectStatus: 200,
      auditEvents: 0,
      eventsPerRequest: 1,
      connections: CONNECTIONS,
      target: "baseline",
      expectBody: (b) => typeof b.key_id === "string",
    },
    {
      name: "POST /sessions/:id/check",
      method: "POST",
      path: `/api/v1/sessions/${encodeURIComponent(sessionId)}/check`,
      body: JSON.stringify({ scope: "read" }),
      expectStatus: 200,
      auditEvents: 1,
      eventsPerRequest: 1,
      connections: CONNECTIONS,
      target: "hot",
      expectBody: (b) => b.allowed === true,
    },
    {
      name: "POST /payments/authorize",
      method: "POST",
      path: "/api/v1/payments/authorize",
      body: JSON.stringify({ session_id: sessionId, amount: 0.01 }),
      expectStatus: 200,
      auditEvents: 1,
      eventsPerRequest: 1,
      connections: CONNECTIONS,
      target: "hot",
      expectBody: (b) => b.authorized === true,
    },
    {
      // In the policy workspace: each request appends two entries there (the receipt and the
      // authorization), counted by its own verification, not the main workspace's.
      name: "POST /payments/authorize (policy in force)",
      method: "POST",
      path: "/api/v1/payments/authorize",
      body: JSON.stringify({ session_id: fixture.policy.sessionId, amount: 0.01 }),
      expectStatus: 200,
      auditEvents: 0,
      eventsPerRequest: 1,
      connections: CONNECTIONS,
      target: "hot",
      expectBody: (b) => b.authorized === true,
      key: fixture.policy.key,
    },
    {
      // The whole gate over HTTP: analysis, policy decision, receipt, code stored once, the run row.
      name: "POST /exec/evaluate (200-line Python, info)",
      method: "POST",
      path: "/api/v1/exec/evaluate",
      body: JSON.stringify({ session_id: sessionId, language: "python", code: realisticProgram("python") }),
      expectStatus: 200,
      auditEvents: 1,
      eventsPerRequest: 1,
      connections: CONNECTIONS,
      target: "info",
      expectBody: (b) => typeof b.receipt_id === "string" && typeof b.decision === "string",
    },
    {
      name: "POST /audit",
      method: "POST",
      path: "/api/v1/audit",
      body: JSON.stringify(event),
      expectStatus: 201,
      auditEvents: 1,
      eventsPerRequest: 1,
      connections: CONNECTIONS,
      target: "hot",
      expectBody: (b) => b.logged === true,
    },
    {
      name: `POST /audit/batch (${BATCH_SIZE})`,
      method: "POST",
      path: "/api/v1/audit/batch",
      body: JSON.stringify({ events: Array.from({ length: BATCH_SIZE }, () => event) }),
      expectStatus: 201,
      auditEvents: BATCH_SIZE,
      eventsPerRequest: BATCH_SIZE,
      connections: BATCH_CONNECTIONS,
      target: "batch",
      expectBody: (b) => b.count === BATCH_SIZE,
    },
  ];
}
