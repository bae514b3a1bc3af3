// Response shapes, written by hand: the OpenAPI document describes responses in prose only
// (lib/http/api-routes.ts). Minimal on purpose — the fields the SDK and its callers rely on, as the
// server sends them (snake_case); tests/integration/sdk-typescript*.test.ts read them from real answers.

export type Session = { session_id: string; agent_id: string; crew_id?: string | null; scopes: string[]; spend_limit: number | null; expires_at: string; ttl: number };
export type SessionInfo = Session & { spent: number; remaining_budget: number | null; is_valid: boolean; created_at: string; revoked_at: string | null };
export type Revoked = { revoked: true; session_id: string };
export type PermissionCheck = { allowed: boolean; session_id: string; scope: string; reason: string };

export type Reason = { code: string; message: string; rule_id?: string | null };

export type PaymentAuthorized = {
  pending: false;
  authorized: true;
  authorization_id: string;
  session_id: string;
  agent_id: string;
  amount: number;
  currency: string;
  description: string;
  remaining_budget: number | null;
  timestamp: string;
};
/** A policy escalated the payment (HTTP 202): wait for the approval, then authorize again with approvalId. */
export type PaymentPending = { pending: true; approvalId: string; authorized: false; status: "pending_approval"; approval_id: string; reasons: Reason[]; receipt_id: string };
export type PaymentResult = PaymentAuthorized | PaymentPending;

export type Decision = "ALLOW" | "LOG" | "CONSTRAIN" | "ESCALATE" | "BLOCK";
export type Evaluation = {
  decision: Decision;
  reasons: Reason[];
  constraint?: unknown;
  constrained_params?: Record<string, unknown>;
  receipt_id: string;
  approval_id?: string;
  /** true when the decision is ESCALATE: an approval request (approvalId) was raised. */
  pending: boolean;
  approvalId: string | null;
};

export type CodeOperation = { kind: string; target: string | null; call: string; line: number; column: number; end_line: number; end_column: number; detail: string };
export type RuntimeLimits = { time_limit_s?: number; memory_mb?: number; network?: boolean; writable_paths?: string[] };
export type CodeEvaluation = {
  receipt_id: string;
  decision: Decision;
  reasons: (Reason & { line?: number })[];
  operations: CodeOperation[];
  parsed: boolean;
  parse_errors: { line: number; column: number; message: string }[];
  code_sha256: string;
  /** The limits the sandbox must apply when the code runs. */
  runtime?: RuntimeLimits;
  approval_id?: string;
  policy_versions: { policy_id: string; version: number }[];
  /** true when the decision is ESCALATE: wait for approvalId before running the code. */
  pending: boolean;
  approvalId: string | null;
};
export type ExecResultRecorded = {
  recorded: true;
  receipt_id: string;
  entry_id: string;
  status: "ok" | "error" | "killed";
  exit_code: number | null;
  duration_ms: number;
  killed_by: string | null;
  output_sha256: string | null;
  recorded_at: string;
};

export type Logged = { logged: true; entry_id: string; flagged: boolean; flag_reason: string | null };
export type AuditEntry = {
  entry_id: string;
  session_id: string | null;
  agent_id: string | null;
  tool: string;
  action: string;
  cost_usd: number;
  flagged: boolean;
  flag_reason: string | null;
  timestamp: string;
  details: Record<string, unknown>;
  prev_hash: string;
  entry_hash: string;
  [field: string]: unknown;
};
export type AuditTrail = { count: number; entries: AuditEntry[]; next_cursor: string | null };
export type Spend = { total_usd: number; action_count: number; by_tool: Record<string, number>; payments_usd: number; payment_count: number };
export type AuditVerification = { verified: boolean; entries_checked: number; message?: string; broken_at?: unknown; tampered_entry?: unknown; error?: string };

export type SecretStored = { stored: true; name: string; version: number };
export type SecretDeleted = { deleted: true; name: string };

export type ApprovalStatus = "pending" | "approved" | "denied" | "expired";
export type ApprovalRequested = { request_id: string; status: "pending"; expires_at: string; required_approvals?: number };
export type Approval = {
  request_id: string;
  status: ApprovalStatus;
  agent_id: string;
  tool: string;
  action: string;
  amount: number | null;
  reason: string;
  decided_by: string | null;
  decision_note: string | null;
  decided_at: string | null;
  [field: string]: unknown;
};

export type ExecutionResult = { status: "ok" | "error" | "killed"; exit_code: number | null; duration_ms: number | null; killed_by: string | null; entry_id: string | null; reported_at: string | null };
export type Execution = {
  receipt_id: string;
  session_id: string;
  agent_id: string;
  suggested_by: string | null;
  conversation_id: string | null;
  language: string;
  code_sha256: string;
  parsed: boolean;
  decision: "ALLOW" | "LOG" | "CONSTRAIN" | "ESCALATE" | "BLOCK";
  operation_counts: Record<string, number>;
  approval_id: string | null;
  created_at: string;
  result: ExecutionResult | null;
};
export type Executions = { count: number; executions: Execution[]; next_cursor: string | null };
export type ExecutionDetail = Execution & {
  code: string;
  size_bytes: number;
  operations: CodeOperation[];
  reasons: { code: string; message: string; rule_id?: string | null }[];
  runtime: RuntimeLimits | null;
  policy_versions: unknown[];
  approval: { id: string; status: string; decided_by: string | null; decided_at: string | null } | null;
};
