// The agent API's route table: method, path, required key scope, and the zod schemas the
// handlers validate with. The OpenAPI document (/api/openapi.json) and the API page (/api-docs)
// are generated from it, so they cannot drift from what the handlers accept.
import type { z } from "zod";
import { CreateAgentSchema, UpdateAgentSchema } from "@/lib/agents/schemas";
import { AnomalyRulesSchema, ListAuditQuery, LogActionSchema, LogBatchSchema, SpendQuery } from "@/lib/audit/schemas";
import type { Scope } from "@/lib/auth/scopes";
import { CreateCrewSchema, UpdateCrewSchema } from "@/lib/crews/schemas";
import { CreateKeySchema } from "@/lib/keys/schemas";
import { AuthorizePaymentSchema } from "@/lib/payments/schemas";
import { CheckScopeSchema, CreateSessionSchema } from "@/lib/sessions/schemas";
import { ReadSecretQuery, StoreSecretSchema } from "@/lib/vault/schemas";
import { EvaluateSchema, PolicyDocumentSchema, PublishSchema, SimulateSchema } from "@/lib/policies/schemas";
import { DecisionSchema, RequestApprovalSchema, WaitQuery } from "@/lib/approvals/schemas";
import { CreateWebhookSchema } from "@/lib/webhooks/schemas";
import { ListCodeRunsQuery } from "@/lib/exec/run-schemas";
import { ExecEvaluateSchema, ExecResultSchema } from "@/lib/exec/schemas";

export type ApiRoute = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  tag: string;
  summary: string;
  scope: Scope | null;
  body?: z.ZodType;
  query?: z.ZodType;
  responses: Record<number, string>;
};

const common = { 400: "Invalid input: {error, code: invalid_request, field, reason}", 401: "Missing, unknown, revoked or expired API key", 403: "The key lacks the required scope: {error, code: insufficient_scope, required, granted}" };

const ROUTES: ApiRoute[] = [
  { method: "get", path: "/api/v1/whoami", tag: "Keys", summary: "The calling key's workspace, id, prefix and scopes", scope: null, responses: { 200: "{workspace_id, key_id, prefix, scopes}" } },
  { method: "post", path: "/api/v1/keys", tag: "Keys", summary: "Create an API key (shown once; a key can grant only scopes it holds)", scope: "keys:write", body: CreateKeySchema, responses: { 201: "The key record with `key`, the secret" } },
  { method: "get", path: "/api/v1/keys", tag: "Keys", summary: "List the workspace's active keys", scope: "keys:read", responses: { 200: "{count, keys}" } },
  { method: "delete", path: "/api/v1/keys/{prefix}", tag: "Keys", summary: "Revoke a key by its display prefix", scope: "keys:write", responses: { 200: "{revoked: true, prefix}", 404: "Unknown prefix" } },

  { method: "post", path: "/api/v1/sessions", tag: "Sessions", summary: "Create a scoped session for an agent (registers the agent on first sight); `spend:50` sets a 50 limit; `ttl` at most 31,536,000 s (365 days), `ttl: 0` means that maximum, never forever", scope: "sessions:write", body: CreateSessionSchema, responses: { 201: "{session_id, agent_id, crew_id, scopes, spend_limit, expires_at, ttl}", 404: "Unknown crew_id" } },
  { method: "get", path: "/api/v1/sessions/{id}", tag: "Sessions", summary: "A session with its spend and validity", scope: "sessions:read", responses: { 200: "{session_id, agent_id, scopes, spend_limit, spent, remaining_budget, is_valid, created_at, expires_at, revoked_at}", 404: "Unknown session" } },
  { method: "delete", path: "/api/v1/sessions/{id}", tag: "Sessions", summary: "Revoke a session, effective for the very next call", scope: "sessions:write", responses: { 200: "{revoked: true, session_id}", 404: "Unknown session" } },
  { method: "post", path: "/api/v1/sessions/{id}/check", tag: "Sessions", summary: "Check a scope (always 200; audited, denials flagged)", scope: "sessions:write", body: CheckScopeSchema, responses: { 200: "{allowed, session_id, scope, reason}" } },

  { method: "post", path: "/api/v1/payments/authorize", tag: "Payments", summary: "Authorize a payment against the session, agent and crew budgets atomically", scope: "payments:write", body: AuthorizePaymentSchema, responses: { 200: "{authorized: true, authorization_id, session_id, agent_id, amount, currency, description, remaining_budget, timestamp}", 202: "A policy escalated it: {authorized: false, status: pending_approval, approval_id, reasons, receipt_id}; authorize again with approval_id once approved", 401: "Unknown, expired or revoked session: {authorized: false, reason, code: session_invalid}", 403: "Refused by a budget, the session's scopes or a policy (code: the policy's reason code, e.g. EXCEEDS_SINGLE_LIMIT), or the approval was denied or expired", 409: "approval_id: still pending, already used, or for another payment" } },

  { method: "post", path: "/api/v1/audit", tag: "Audit", summary: "Log an agent's action to the hash-chained trail", scope: "audit:write", body: LogActionSchema, responses: { 201: "{logged: true, entry_id, flagged, flag_reason}", 401: "Unknown, expired or revoked session" } },
  { method: "post", path: "/api/v1/audit/batch", tag: "Audit", summary: "Log up to 1,000 actions, all or nothing", scope: "audit:write", body: LogBatchSchema, responses: { 201: "{logged: true, count, entry_ids, flagged_count, first_seq, last_seq}", 401: "A session is unknown, expired or revoked; nothing was logged" } },
  { method: "get", path: "/api/v1/audit", tag: "Audit", summary: "The trail, newest first, with filters and cursor paging", scope: "audit:read", query: ListAuditQuery, responses: { 200: "{count, entries, next_cursor}" } },
  { method: "get", path: "/api/v1/audit/spend", tag: "Audit", summary: "Spend from the trail: logged action costs by tool (as Haldir), authorized payments apart", scope: "audit:read", query: SpendQuery, responses: { 200: "{total_usd, action_count, by_tool, payments_usd, payment_count}" } },
  { method: "get", path: "/api/v1/audit/verify", tag: "Audit", summary: "Recompute the whole chain; names the first bad entry", scope: "audit:read", responses: { 200: "{verified: true, entries_checked, message} or {verified: false, entries_checked, tampered_entry | broken_at, error}" } },
  { method: "get", path: "/api/v1/audit/rules", tag: "Audit", summary: "The workspace's anomaly rules", scope: "audit:read", responses: { 200: "{max_cost_per_action, max_actions_per_minute, flag_denied_checks}" } },
  { method: "put", path: "/api/v1/audit/rules", tag: "Audit", summary: "Set anomaly rules (omitted fields unchanged, null clears)", scope: "audit:write", body: AnomalyRulesSchema, responses: { 200: "The rules" } },

  { method: "post", path: "/api/v1/secrets", tag: "Vault", summary: "Store a secret (storing a name again creates its next version); encrypted at rest, audited without the value", scope: "vault:write", body: StoreSecretSchema, responses: { 201: "{stored: true, name, version}" } },
  { method: "get", path: "/api/v1/secrets", tag: "Vault", summary: "Secret names, never values", scope: "vault:read", responses: { 200: "{secrets: [names], count}" } },
  { method: "get", path: "/api/v1/secrets/{name}", tag: "Vault", summary: "Read a secret through a session (X-Session-ID header or ?session_id=) holding its scope_required; every read audited", scope: "vault:read", query: ReadSecretQuery, responses: { 200: "{name, value}", 400: "No session given", 401: "Unknown, expired or revoked session (or API key)", 403: "Session lacks '<scope>' scope for secret '<name>' (or the key lacks vault:read)", 404: "Unknown or deleted secret", 500: "The stored ciphertext fails authentication: {code: secret_unreadable}", 503: "The server's master key does not match the vault's: {code: vault_key_mismatch}" } },
  { method: "delete", path: "/api/v1/secrets/{name}", tag: "Vault", summary: "Delete a secret (a tombstone: reads answer 404; storing the name again revives it)", scope: "vault:write", responses: { 200: "{deleted: true, name}", 404: "Unknown or deleted secret" } },

  { method: "post", path: "/api/v1/evaluate", tag: "Policies", summary: "Evaluate an action of a session's agent against the policies in force (the executing agent decides, never the suggester); audited as a receipt; ESCALATE raises an approval request", scope: "sessions:write", body: EvaluateSchema, responses: { 200: "{decision: ALLOW|LOG|CONSTRAIN|ESCALATE|BLOCK, reasons: [{code, message, rule_id}], constraint?, constrained_params?, receipt_id, approval_id?}", 401: "Unknown, expired or revoked session" } },
  { method: "post", path: "/api/v1/exec/evaluate", tag: "Code execution", summary: "Before running code: analyse it (imports, processes, files, network, env, dynamic code, obfuscation) and evaluate it against the session's agent's policies (their `code` section and rules of kind code_execution; the suggester never decides). One transaction writes the receipt (with the code's SHA-256, never the code), the code (stored once per workspace) and the run; ESCALATE raises an approval request showing the code: wait on GET /api/v1/approvals/{approval_id}?wait=30 and run only once approved. The body is capped at 1 MiB", scope: "sessions:write", body: ExecEvaluateSchema, responses: { 200: "{receipt_id, decision: ALLOW|LOG|CONSTRAIN|ESCALATE|BLOCK, reasons: [{code, message, rule_id, line?}], operations: [{kind, target, call, line, column, end_line, end_column, detail}], parsed, parse_errors, code_sha256, runtime?: {time_limit_s, memory_mb, network, writable_paths} (the sandbox limits, when the code may run), approval_id? (ESCALATE), policy_versions}", 401: "Unknown, expired or revoked session" } },
  { method: "post", path: "/api/v1/exec/{receipt_id}/result", tag: "Code execution", summary: "Record how an evaluated run ended, once (audited as code.result, linked to the receipt). Only runs the gate let run: ALLOW, LOG, CONSTRAIN, or ESCALATE once approved", scope: "sessions:write", body: ExecResultSchema, responses: { 200: "{recorded: true, receipt_id, entry_id, status, exit_code, duration_ms, killed_by, output_sha256, recorded_at}; the same report again answers the same", 404: "Unknown receipt (or another workspace's)", 409: "A different result was already recorded, the code was blocked, or its approval is pending, denied or expired" } },
  { method: "post", path: "/api/v1/policies", tag: "Policies", summary: "Create a policy with its draft (JSON, or YAML with Content-Type application/yaml); nothing is in force until published", scope: "policies:write", body: PolicyDocumentSchema, responses: { 201: "{policy_id, name, target, published_version: null, draft, published: null, draft_differs}", 409: "Name taken" } },
  { method: "get", path: "/api/v1/policies", tag: "Policies", summary: "List policies with their drafts and the versions in force", scope: "policies:read", responses: { 200: "{count, policies}" } },
  { method: "get", path: "/api/v1/policies/{id}", tag: "Policies", summary: "A policy: draft, version in force and its document", scope: "policies:read", responses: { 200: "The policy", 404: "Unknown policy" } },
  { method: "put", path: "/api/v1/policies/{id}", tag: "Policies", summary: "Replace the draft (JSON or YAML)", scope: "policies:write", body: PolicyDocumentSchema, responses: { 200: "The policy", 404: "Unknown policy" } },
  { method: "post", path: "/api/v1/policies/{id}/publish", tag: "Policies", summary: "Publish the draft as a new immutable version, or {version} to publish an earlier version again (rollback)", scope: "policies:write", body: PublishSchema, responses: { 201: "{published: true, policy_id, version}", 404: "Unknown policy or version" } },
  { method: "post", path: "/api/v1/policies/{id}/simulate", tag: "Policies", summary: "Replay the last `limit` (≤ 10,000) audited actions through the draft: which decisions would change, with counts per outcome", scope: "policies:read", body: SimulateSchema, responses: { 200: "{policy_id, replayed, changed, before: {ALLOW: n, ...}, after: {...}, changes: [{entry_id, seq, agent_id, kind, tool, action, before, after, reasons}]}", 404: "Unknown policy" } },
  { method: "get", path: "/api/v1/policies/{id}/versions", tag: "Policies", summary: "Every published version, newest first", scope: "policies:read", responses: { 200: "{policy_id, count, versions: [{version, in_force, published_at, published_by, document}]}", 404: "Unknown policy" } },

  { method: "get", path: "/api/v1/exec", tag: "Code execution", summary: "Code runs evaluated at the execution boundary, newest first: filter by agent_id (the executor), suggested_by, decision, language, result (pending, reported, ok, error, killed) and from/to (ISO 8601); cursor paging", scope: "audit:read", query: ListCodeRunsQuery, responses: { 200: "{count, executions: [{receipt_id, session_id, agent_id, suggested_by, conversation_id, language, code_sha256, parsed, decision, operation_counts, approval_id, created_at, result: {status, exit_code, duration_ms, killed_by, entry_id, reported_at} | null}], next_cursor}" } },
  { method: "get", path: "/api/v1/exec/{receipt_id}", tag: "Code execution", summary: "One code run by its receipt id, with its code (auditors may read it), operations, reasons, runtime constraints, policy versions, approval and result", scope: "audit:read", responses: { 200: "The run: the list's fields plus {code, size_bytes, operations: [{kind, target, call, line, column, end_line, end_column, detail}], reasons, runtime, policy_versions, approval: {id, status, decided_by, decided_at} | null}", 404: "Unknown receipt (or another workspace's)" } },

  { method: "post", path: "/api/v1/approvals/request", tag: "Approvals", summary: "Ask a human to approve an action", scope: "approvals:write", body: RequestApprovalSchema, responses: { 201: "{request_id, status: pending, expires_at, required_approvals}", 401: "Unknown, expired or revoked session" } },
  { method: "get", path: "/api/v1/approvals/pending", tag: "Approvals", summary: "Requests waiting for a decision, oldest first", scope: "approvals:read", responses: { 200: "{count, requests}" } },
  { method: "get", path: "/api/v1/approvals/{id}", tag: "Approvals", summary: "A request and its status; ?wait=N (≤ 30 s) holds the answer until it is decided", scope: "approvals:read", query: WaitQuery, responses: { 200: "{request_id, status: pending|approved|denied|expired, agent_id, tool, action, amount, reason, decided_by, decision_note, decided_at, ...}", 404: "Unknown request" } },
  { method: "post", path: "/api/v1/approvals/{id}/approve", tag: "Approvals", summary: "Approve (not a request you raised; some need two distinct approvers); repeating is harmless", scope: "approvals:decide", body: DecisionSchema, responses: { 200: "{approved: true, request_id, status}", 403: "You raised it (separation of duties), or the key lacks approvals:decide", 409: "Already decided otherwise, or expired" } },
  { method: "post", path: "/api/v1/approvals/{id}/deny", tag: "Approvals", summary: "Deny; repeating is harmless", scope: "approvals:decide", body: DecisionSchema, responses: { 200: "{denied: true, request_id, status}", 403: "You raised it (separation of duties), or the key lacks approvals:decide", 409: "Already decided otherwise, or expired" } },

  { method: "post", path: "/api/v1/webhooks", tag: "Webhooks", summary: "Send approval events (requested, approved, denied, expired) to a URL as JSON signed with HMAC-SHA256 (X-Warden-Signature: t=…,v1=…); retried with backoff", scope: "webhooks:write", body: CreateWebhookSchema, responses: { 201: "{webhook_id, url, events, created_at, secret} — the signing secret, shown once", 400: "url is not http(s), holds credentials, or is or resolves to a loopback, private, link-local or reserved address (unless WARDEN_WEBHOOK_ALLOW_PRIVATE)" } },
  { method: "get", path: "/api/v1/webhooks", tag: "Webhooks", summary: "Live webhook endpoints (never their secrets)", scope: "webhooks:read", responses: { 200: "{count, webhooks}" } },
  { method: "delete", path: "/api/v1/webhooks/{id}", tag: "Webhooks", summary: "Delete an endpoint; its pending deliveries stop", scope: "webhooks:write", responses: { 200: "{deleted: true, webhook_id}", 404: "Unknown webhook" } },
  { method: "get", path: "/api/v1/webhooks/{id}/deliveries", tag: "Webhooks", summary: "The delivery log, newest first", scope: "webhooks:read", responses: { 200: "{webhook_id, count, deliveries: [{delivery_id, event, status, attempts, last_status_code, last_error, next_attempt_at, created_at, delivered_at}]}; last_error is HTTP <status>, connection failed or target address not allowed (never an address or port)", 404: "Unknown webhook" } },

  { method: "post", path: "/api/v1/agents", tag: "Agents", summary: "Register an agent with display name, default scopes and an optional budget", scope: "agents:write", body: CreateAgentSchema, responses: { 201: "The agent", 409: "Agent exists" } },
  { method: "get", path: "/api/v1/agents", tag: "Agents", summary: "List agents", scope: "agents:read", responses: { 200: "{count, agents}" } },
  { method: "get", path: "/api/v1/agents/{agent_id}", tag: "Agents", summary: "An agent with spend and crews", scope: "agents:read", responses: { 200: "The agent", 404: "Unknown agent" } },
  { method: "patch", path: "/api/v1/agents/{agent_id}", tag: "Agents", summary: "Change an agent's name, default scopes or budget; reset its spend", scope: "agents:write", body: UpdateAgentSchema, responses: { 200: "The agent", 404: "Unknown agent" } },

  { method: "post", path: "/api/v1/crews", tag: "Crews", summary: "Create a crew with a budget window (run, day, month)", scope: "crews:write", body: CreateCrewSchema, responses: { 201: "The crew", 409: "Name taken" } },
  { method: "get", path: "/api/v1/crews", tag: "Crews", summary: "List crews", scope: "crews:read", responses: { 200: "{count, crews}" } },
  { method: "get", path: "/api/v1/crews/{id}", tag: "Crews", summary: "A crew with budget, spend and members", scope: "crews:read", responses: { 200: "The crew", 404: "Unknown crew" } },
  { method: "patch", path: "/api/v1/crews/{id}", tag: "Crews", summary: "Change a crew's name or budget; reset_spent starts a new run", scope: "crews:write", body: UpdateCrewSchema, responses: { 200: "The crew", 404: "Unknown crew" } },
  { method: "post", path: "/api/v1/crews/{id}/members/{agent_id}", tag: "Crews", summary: "Add an agent to a crew (registering it if new)", scope: "crews:write", responses: { 200: "The crew", 404: "Unknown crew" } },
  { method: "delete", path: "/api/v1/crews/{id}/members/{agent_id}", tag: "Crews", summary: "Remove an agent from a crew", scope: "crews:write", responses: { 200: "The crew", 404: "Unknown crew or member" } },
];

export const API_ROUTES: ApiRoute[] = ROUTES.map((route) => ({ ...route, responses: { ...common, ...route.responses } }));
