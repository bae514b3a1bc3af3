// The approval queue: agents raise requests (or a policy's ESCALATE does), reviewers approve or
// deny them, agents learn the outcome by polling or waiting. Statuses: pending, approved,
// denied, expired (counts as denied). Separation of duties: nobody decides a request they
// raised; a request can need two distinct approvers. Decisions are idempotent per reviewer.
// Every state change locks the request row and is audited in the same transaction.
import { appendAuditEvent, type Actor, type Tx } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { ApprovalRequest, ApprovalDecision, Prisma } from "@/lib/generated/prisma/client";
import { fromMicros } from "@/lib/money";
import { sessionAgent } from "@/lib/policies/evaluate-for-session";
import { enqueueEvent } from "@/lib/webhooks/manage-webhooks";
import { createApprovalRequest } from "./create-request";
import type { RequestApprovalInput } from "./schemas";

const who = (actor: Actor) => `${actor.type}:${actor.id}`;

type Row = ApprovalRequest & { decisions: ApprovalDecision[] };

export function approvalView(r: Row) {
  return {
    request_id: r.id,
    status: r.status,
    agent_id: r.agentId,
    session_id: r.sessionId,
    kind: r.kind,
    tool: r.tool,
    action: r.action,
    amount: fromMicros(r.amountMicros),
    reason: r.reason,
    reasons: r.reasons,
    params: r.params,
    details: r.details,
    requested_by: r.requestedBy,
    suggested_by: r.suggestedBy,
    receipt_id: r.receiptId,
    required_approvals: r.requiredApprovals,
    approvals: r.decisions.filter((d) => d.decision === "approve").map((d) => d.reviewer),
    decided_by: r.decidedBy,
    decision_note: r.decisionNote,
    decided_at: r.decidedAt?.toISOString() ?? null,
    expires_at: r.expiresAt.toISOString(),
    created_at: r.createdAt.toISOString(),
  };
}

/** What webhooks receive about a request (its view without parameters and details). */
function eventData(row: Row): Prisma.InputJsonObject {
  const { params: _params, details: _details, ...rest } = approvalView(row);
  return rest as unknown as Prisma.InputJsonObject;
}

export async function requestApproval(workspaceId: string, input: RequestApprovalInput, actor: Actor) {
  const session = await sessionAgent(workspaceId, input.session_id);
  if (!session?.live) throw new AppError("unauthorized", "Session is unknown, expired or revoked", { session_id: input.session_id });
  const db = await prisma();
  return db.$transaction((tx) =>
    createApprovalRequest(
      tx,
      workspaceId,
      {
        sessionId: input.session_id,
        agentId: session.agent_id,
        kind: input.amount !== undefined ? "payment" : "tool_call",
        tool: input.tool,
        action: input.action,
        amount: input.amount ?? null,
        params: {},
        reason: input.reason,
        reasons: [],
        details: input.details as Prisma.InputJsonObject,
        suggestedBy: null,
        receiptId: null,
        ttlSeconds: input.ttl,
      },
      actor,
    ),
  );
}

/** Marks a pending request past its expiry as expired (inside tx, row locked). */
async function settleExpiry(tx: Tx, workspaceId: string, row: Row): Promise<Row> {
  if (row.status !== "pending" || row.expiresAt.getTime() > Date.now()) return row;
  const expired = await tx.approvalRequest.update({ where: { id: row.id }, data: { status: "expired", decidedAt: row.expiresAt }, include: { decisions: true } });
  await appendAuditEvent(tx, workspaceId, {
    actor: { type: "system", id: "approvals" },
    action: "approval.expired",
    tool: row.tool,
    agentId: row.agentId,
    sessionId: row.sessionId,
    decision: "BLOCK",
    details: { request_id: row.id, expired_at: row.expiresAt.toISOString() },
  });
  await enqueueEvent(tx, workspaceId, "approval.expired", eventData(expired));
  return expired;
}

async function lockedRequest(tx: Tx, workspaceId: string, id: string): Promise<Row> {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM approval_requests WHERE id = ${id} AND workspace_id = ${workspaceId} FOR UPDATE`;
  if (!locked) throw notFound(`Approval request '${id}'`);
  const row = await tx.approvalRequest.findUniqueOrThrow({ where: { id }, include: { decisions: true } });
  return settleExpiry(tx, workspaceId, row);
}

export async function getApproval(workspaceId: string, id: string) {
  const db = await prisma();
  const row = await db.approvalRequest.findFirst({ where: { id, workspaceId }, include: { decisions: true } });
  if (!row) throw notFound(`Approval request '${id}'`);
  if (row.status === "pending" && row.expiresAt.getTime() <= Date.now()) {
    return approvalView(await db.$transaction((tx) => lockedRequest(tx, workspaceId, id)));
  }
  return approvalView(row);
}

/** Polls the database (so a decision made by any server process is seen) for up to waitSeconds. */
export async function waitForApproval(workspaceId: string, id: string, waitSeconds: number, signal?: AbortSignal) {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    const view = await getApproval(workspaceId, id);
    if (view.status !== "pending" || Date.now() >= deadline || signal?.aborted) return view;
    await new Promise((resolve) => setTimeout(resolve, Math.min(250, Math.max(0, deadline - Date.now()))));
  }
}

export async function listPending(workspaceId: string) {
  const db = await prisma();
  const rows = await db.approvalRequest.findMany({
    where: { workspaceId, status: "pending", expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "asc" },
    include: { decisions: true },
    take: 500,
  });
  return { count: rows.length, requests: rows.map(approvalView) };
}

/** approve or deny; 409 once the request is decided otherwise or expired. */
export async function decideApproval(workspaceId: string, id: string, decision: "approve" | "deny", note: string, actor: Actor) {
  const reviewer = who(actor);
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const row = await lockedRequest(tx, workspaceId, id);
    const mine = row.decisions.find((d) => d.reviewer === reviewer);
    const outcome = () => (decision === "approve" ? { approved: true as const, request_id: id, status: row.status } : { denied: true as const, request_id: id, status: row.status });
    if (mine && mine.decision === decision) return outcome(); // the same decision again: idempotent
    if (row.status !== "pending") throw new AppError("conflict", `Approval request is already ${row.status}`, { status: row.status });
    if (mine) throw new AppError("conflict", `You already decided '${mine.decision}' on this request`);
    if (row.requestedBy === reviewer) throw forbidden("You raised this request: someone else must decide it (separation of duties)");

    await tx.approvalDecision.create({ data: { requestId: id, reviewer, decision, note } });
    const approvals = row.decisions.filter((d) => d.decision === "approve").length + (decision === "approve" ? 1 : 0);
    const final = decision === "deny" ? "denied" : approvals >= row.requiredApprovals ? "approved" : "pending";
    if (final !== "pending") {
      const decided = await tx.approvalRequest.update({
        where: { id },
        data: { status: final, decidedBy: reviewer, decisionNote: note, decidedAt: new Date() },
        include: { decisions: true },
      });
      await enqueueEvent(tx, workspaceId, final === "approved" ? "approval.approved" : "approval.denied", eventData(decided));
    }
    await appendAuditEvent(tx, workspaceId, {
      actor,
      action: final === "pending" ? "approval.approval_recorded" : `approval.${final}`,
      tool: row.tool,
      agentId: row.agentId,
      sessionId: row.sessionId,
      decision: final === "denied" ? "BLOCK" : final === "approved" ? "ALLOW" : "ESCALATE",
      details: { request_id: id, note, approvals, required_approvals: row.requiredApprovals },
    });
    return decision === "approve" ? { approved: true as const, request_id: id, status: final } : { denied: true as const, request_id: id, status: final };
  });
}
