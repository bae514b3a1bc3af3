// POST /api/v1/evaluate: an agent asks before it acts. The executing agent is the session's;
// `suggested_by` and the conversation are recorded in the receipt but never change the
// decision. Every evaluation is an audit event (the receipt) with the policy versions, the
// matched rules and a hash of the inputs; an ESCALATE also raises an approval request.
//
// Windowed limits (requests per minute, hourly and daily budgets, same-recipient counts,
// velocity rules, crew-wide windows) are checked and consumed atomically: when the decision
// depends on a window, one transaction locks the session and agent (and the crews concerned),
// reads the windows, records this request in them, evaluates, writes the receipt and any
// approval request, and runs the caller's `settle` step (a payment's budget charge) before it
// commits. Decisions that share a window are serialised by those row locks, in every process.
import { createHash } from "node:crypto";
import { createApprovalRequest, DEFAULT_APPROVAL_TTL_SECONDS } from "@/lib/approvals/create-request";
import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import type { Tx } from "@/lib/audit/append-events";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { evaluateAction, NO_COUNTERS, type CompiledPolicy, type PolicyAction, type PolicyCounters, type Reason } from "./evaluate-action";
import { policiesInForce } from "./load-policies";
import { lockWindows } from "./lock-windows";
import { countersFrom, planWindows } from "./plan-windows";
import type { Constraint, Effect, EvaluateInput } from "./schemas";
import type { Analysis, RuntimeConstraints } from "@/lib/exec/types";

type SessionRow = { agent_id: string; live: boolean; crews: string[] };

/** The session's agent and its crews (ids and names), or null for an unknown session. */
export async function sessionAgent(workspaceId: string, sessionId: string): Promise<SessionRow | null> {
  const db = await prisma();
  const [row] = await db.$queryRaw<SessionRow[]>`
    SELECT s.agent_id,
           s.revoked_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > clock_timestamp()) AS live,
           coalesce((SELECT array_agg(x) FROM (SELECT c.id AS x FROM crew_members m JOIN crews c ON c.id = m.crew_id WHERE m.agent_pk = s.agent_pk
                                              UNION SELECT c.name FROM crew_members m JOIN crews c ON c.id = m.crew_id WHERE m.agent_pk = s.agent_pk) t), '{}') AS crews
    FROM sessions s WHERE s.id = ${sessionId} AND s.workspace_id = ${workspaceId}`;
  return row ?? null;
}

const versionsOf = (policies: CompiledPolicy[]) => policies.map((p) => ({ policy_id: p.id, version: p.version }));

function inputHash(value: unknown): string {
  const canonical = JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : typeof v === "bigint" ? v.toString() : v,
  );
  return createHash("sha256").update(canonical).digest("hex");
}

export type Evaluation = {
  decision: Effect;
  reasons: Pick<Reason, "code" | "message" | "rule_id" | "line">[];
  constraint?: Constraint;
  runtime?: RuntimeConstraints;
  constrained_params?: Record<string, unknown>;
  receipt_id: string;
  approval_id?: string;
};

/**
 * A code execution's analysis, which the code policies decide from, and what its receipt and
 * approval request carry besides the action (never the code in the receipt: the hash links it).
 */
export type CodeContext = DecisionContext & { analysis: Analysis; receiptDetails: Prisma.InputJsonObject; approvalDetails: Prisma.InputJsonObject };

/**
 * Extra context for a decision. storedParams: what the receipt and the approval request keep
 * instead of params, when params carry text policies may read but Warden must not store (the
 * LLM gateway's prompt, which may hold secrets: the receipt keeps its hash instead).
 */
export type DecisionContext = {
  analysis?: Analysis;
  receiptDetails?: Prisma.InputJsonObject;
  approvalDetails?: Prisma.InputJsonObject;
  storedParams?: Record<string, unknown>;
  /** Runs first in the decision's transaction: takes row locks the settle step needs before the audit chain's. */
  lockFirst?: (tx: Tx) => Promise<void>;
};

/** A step that consumes the decision in its transaction (e.g. charging a payment's budgets). */
export type Settle<S> = (tx: Tx, evaluation: Evaluation, decided: Decided) => Promise<S>;

/** Who the decision was for and which policy versions made it. */
export type Decided = { agent_id: string; policy_versions: { policy_id: string; version: number }[] };

/**
 * Interactive transactions wait for the row locks of every earlier decision on the same window
 * (and, on the embedded database, for every earlier transaction): a burst of hundreds of
 * requests for one agent queues here, so the waits are generous rather than Prisma's defaults.
 */
const TRANSACTION = { maxWait: 60_000, timeout: 60_000 };

const unauthorized = (sessionId: string) => new AppError("unauthorized", "Session is unknown, expired or revoked", { session_id: sessionId });

export async function evaluateForSession(workspaceId: string, input: EvaluateInput, actor: Actor): Promise<Evaluation>;
export async function evaluateForSession<S>(workspaceId: string, input: EvaluateInput, actor: Actor, settle: Settle<S>, code?: DecisionContext): Promise<Evaluation & { settled: S }>;
export async function evaluateForSession<S>(workspaceId: string, input: EvaluateInput, actor: Actor, settle?: Settle<S>, code?: DecisionContext) {
  const session = await sessionAgent(workspaceId, input.session_id);
  if (!session?.live) throw unauthorized(input.session_id);
  const policies = await policiesInForce(workspaceId);
  const action: PolicyAction = { kind: input.kind, tool: input.tool, action: input.action, params: input.params, agentId: session.agent_id, crews: session.crews, ...(code?.analysis ? { analysis: code.analysis } : {}) };
  const recipient = typeof input.params.recipient === "string" ? input.params.recipient : null;
  const plan = planWindows(policies, action);

  const db = await prisma();
  return db.$transaction(async (tx) => {
    await code?.lockFirst?.(tx);
    let counters: PolicyCounters = NO_COUNTERS;
    if (plan.hits.length > 0) {
      const windows = await lockWindows(tx, { workspaceId, sessionId: input.session_id, plan, recipient });
      if (!windows.live) throw unauthorized(input.session_id);
      counters = countersFrom(plan, windows, session.agent_id);
    }
    const result = evaluateAction(policies, action, counters, new Date());
    const reasons = result.reasons.map(({ code, message, rule_id, line }) => ({ code, message, rule_id, ...(line !== undefined ? { line } : {}) }));
    const receipt = await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "policy.evaluated",
      tool: input.tool,
      agentId: session.agent_id,
      sessionId: input.session_id,
      suggestedBy: input.suggested_by ?? null,
      decision: result.decision,
      details: {
        kind: input.kind,
        action: input.action,
        params: code?.storedParams ?? input.params,
        policy_versions: versionsOf(policies),
        matched: result.matched.map(({ code, rule_id, policy_id, effect }) => ({ code, rule_id, policy_id: policy_id ?? null, effect })),
        input_hash: inputHash({ action, counters, policies: versionsOf(policies) }),
        executor: session.agent_id,
        suggested_by: input.suggested_by ?? null,
        ...(input.conversation ? { conversation: input.conversation } : {}),
        ...(result.runtime ? { runtime: result.runtime } : {}),
        ...code?.receiptDetails,
      } as Prisma.InputJsonObject,
      flagged: result.decision === "BLOCK",
      flagReason: result.decision === "BLOCK" ? "policy_block" : null,
    });
    let approvalId: string | undefined;
    if (result.decision === "ESCALATE") {
      const amount = input.kind === "payment" && typeof input.params.amount === "number" ? input.params.amount : null;
      const approval = await createApprovalRequest(
        tx,
        workspaceId,
        {
          sessionId: input.session_id,
          agentId: session.agent_id,
          kind: input.kind,
          tool: input.tool,
          action: input.action,
          amount,
          params: (code?.storedParams ?? input.params) as Prisma.InputJsonObject,
          reason: reasons.map((r) => r.message).join("; "),
          reasons,
          details: { ...(input.conversation ? { conversation: input.conversation } : {}), ...code?.approvalDetails },
          suggestedBy: input.suggested_by ?? null,
          receiptId: receipt.id,
          ttlSeconds: result.approval?.expires_in ?? DEFAULT_APPROVAL_TTL_SECONDS,
          twoPersonAbove: result.approval?.two_person_above,
        },
        actor,
      );
      approvalId = approval.request_id;
    }
    const evaluation: Evaluation = {
      decision: result.decision,
      reasons,
      ...(result.constraint ? { constraint: result.constraint, constrained_params: result.constrained_params } : {}),
      ...(result.runtime ? { runtime: result.runtime } : {}),
      receipt_id: receipt.id,
      ...(approvalId ? { approval_id: approvalId } : {}),
    };
    return settle ? { ...evaluation, settled: await settle(tx, evaluation, { agent_id: session.agent_id, policy_versions: versionsOf(policies) }) } : evaluation;
  }, TRANSACTION);
}
