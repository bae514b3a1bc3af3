// POST /api/v1/evaluate: an agent asks before it acts. The executing agent is the session's;
// `suggested_by` and the conversation are recorded in the receipt but never change the
// decision. Every evaluation is an audit event (the receipt) with the policy versions, the
// matched rules and a hash of the inputs; an ESCALATE also raises an approval request.
import { createHash } from "node:crypto";
import { createApprovalRequest, DEFAULT_APPROVAL_TTL_SECONDS } from "@/lib/approvals/create-request";
import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { evaluateAction, NO_COUNTERS, type CompiledPolicy, type PolicyAction } from "./evaluate-action";
import { paymentCounters, policiesInForce } from "./load-policies";
import type { EvaluateInput } from "./schemas";

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

export async function evaluateForSession(workspaceId: string, input: EvaluateInput, actor: Actor) {
  const session = await sessionAgent(workspaceId, input.session_id);
  if (!session?.live) throw new AppError("unauthorized", "Session is unknown, expired or revoked", { session_id: input.session_id });
  const policies = await policiesInForce(workspaceId);
  const action: PolicyAction = { kind: input.kind, tool: input.tool, action: input.action, params: input.params, agentId: session.agent_id, crews: session.crews };
  const recipient = typeof input.params.recipient === "string" ? input.params.recipient : null;
  const window = Math.max(5, ...policies.map((p) => p.document.payments?.suspicious_pattern?.within_minutes ?? 5));
  const counters = input.kind === "payment" ? await paymentCounters(workspaceId, session.agent_id, recipient, window) : NO_COUNTERS;
  const result = evaluateAction(policies, action, counters, new Date());
  const reasons = result.reasons.map(({ code, message, rule_id }) => ({ code, message, rule_id }));
  const receiptDetails = {
    kind: input.kind,
    action: input.action,
    params: input.params,
    policy_versions: versionsOf(policies),
    matched: result.matched.map(({ code, rule_id, policy_id, effect }) => ({ code, rule_id, policy_id: policy_id ?? null, effect })),
    input_hash: inputHash({ action, counters, policies: versionsOf(policies) }),
    executor: session.agent_id,
    suggested_by: input.suggested_by ?? null,
    ...(input.conversation ? { conversation: input.conversation } : {}),
  } as Prisma.InputJsonObject;

  const db = await prisma();
  return db.$transaction(async (tx) => {
    const receipt = await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "policy.evaluated",
      tool: input.tool,
      agentId: session.agent_id,
      sessionId: input.session_id,
      suggestedBy: input.suggested_by ?? null,
      decision: result.decision,
      details: receiptDetails,
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
          params: input.params as Prisma.InputJsonObject,
          reason: reasons.map((r) => r.message).join("; "),
          reasons,
          details: input.conversation ? { conversation: input.conversation } : {},
          suggestedBy: input.suggested_by ?? null,
          receiptId: receipt.id,
          ttlSeconds: result.approval?.expires_in ?? DEFAULT_APPROVAL_TTL_SECONDS,
          twoPersonAbove: result.approval?.two_person_above,
        },
        actor,
      );
      approvalId = approval.request_id;
    }
    return {
      decision: result.decision,
      reasons,
      ...(result.constraint ? { constraint: result.constraint, constrained_params: result.constrained_params } : {}),
      receipt_id: receipt.id,
      ...(approvalId ? { approval_id: approvalId } : {}),
    };
  });
}
