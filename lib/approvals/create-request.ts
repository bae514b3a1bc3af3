// Raising an approval request inside the caller's transaction, with its audit event.
import { appendAuditEvent, type Actor, type Tx } from "@/lib/audit/append-events";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { toMicros } from "@/lib/money";
import { enqueueEvent } from "@/lib/webhooks/manage-webhooks";

export const DEFAULT_APPROVAL_TTL_SECONDS = 3600;

export type NewRequest = {
  sessionId: string | null;
  agentId: string;
  kind: string;
  tool: string;
  action: string;
  amount: number | null;
  params: Prisma.InputJsonObject;
  reason: string;
  reasons: { code: string; message: string; rule_id: string }[];
  details: Prisma.InputJsonObject;
  suggestedBy: string | null;
  receiptId: string | null;
  ttlSeconds: number;
  /** Above this amount two distinct reviewers must approve. */
  twoPersonAbove?: number;
};

export async function createApprovalRequest(tx: Tx, workspaceId: string, request: NewRequest, actor: Actor) {
  const id = newId("approval");
  const expiresAt = new Date(Date.now() + request.ttlSeconds * 1000);
  const requiredApprovals = request.twoPersonAbove !== undefined && request.amount !== null && request.amount > request.twoPersonAbove ? 2 : 1;
  await tx.approvalRequest.create({
    data: {
      id,
      workspaceId,
      sessionId: request.sessionId,
      agentId: request.agentId,
      kind: request.kind,
      tool: request.tool,
      action: request.action,
      amountMicros: request.amount === null ? null : toMicros(request.amount),
      params: request.params,
      reason: request.reason,
      reasons: request.reasons,
      details: request.details,
      requestedBy: `${actor.type}:${actor.id}`,
      suggestedBy: request.suggestedBy,
      receiptId: request.receiptId,
      requiredApprovals,
      expiresAt,
    },
  });
  await appendAuditEvent(tx, workspaceId, {
    actor,
    action: "approval.requested",
    tool: request.tool,
    agentId: request.agentId,
    sessionId: request.sessionId,
    suggestedBy: request.suggestedBy,
    decision: "ESCALATE",
    details: { request_id: id, kind: request.kind, action: request.action, amount: request.amount, required_approvals: requiredApprovals, expires_at: expiresAt.toISOString() },
  });
  await enqueueEvent(tx, workspaceId, "approval.requested", {
    request_id: id,
    status: "pending",
    agent_id: request.agentId,
    session_id: request.sessionId,
    kind: request.kind,
    tool: request.tool,
    action: request.action,
    amount: request.amount,
    reason: request.reason,
    reasons: request.reasons,
    required_approvals: requiredApprovals,
    expires_at: expiresAt.toISOString(),
  });
  return { request_id: id, status: "pending" as const, expires_at: expiresAt.toISOString(), required_approvals: requiredApprovals };
}
