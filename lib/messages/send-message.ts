// POST /api/v1/messages: one agent's message to another, scanned and decided before delivery.
// The message is evaluated as an action of kind `message` of the sender's session, with the
// detections under params.detections, so rules can block or escalate on them; the receipt, the
// message row (hash and size, never the content) and a message.sent audit entry (flagged when
// anything was detected) commit in one transaction. The caller delivers only ALLOW, LOG or
// CONSTRAIN; a BLOCK is recorded, not delivered.
//
// Override: an agent marked trusted (PATCH /api/v1/agents/{id} {trusted: true}) may send a
// flagged message with `override: {reason}`. Policies then see no detections but see
// params.override (its reason and the labels it overrode), so a rule can still refuse
// overrides; the reason is stored with the message and in its audit entry. From an untrusted
// agent an override is refused (403), never silently ignored.
import { createHash } from "node:crypto";
import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { evaluateForSession, sessionAgent } from "@/lib/policies/evaluate-for-session";
import type { Prisma } from "@/lib/generated/prisma/client";
import { detectionParams, detectMessage } from "./detect-message";
import type { SendMessageInput } from "./schemas";

export async function sendMessage(workspaceId: string, input: SendMessageInput, actor: Actor) {
  const session = await sessionAgent(workspaceId, input.session_id);
  if (!session?.live) throw new AppError("unauthorized", "Session is unknown, expired or revoked", { session_id: input.session_id });
  const db = await prisma();
  const [sender, recipient] = await Promise.all([
    db.agent.findUnique({ where: { workspaceId_agentId: { workspaceId, agentId: session.agent_id } }, select: { trusted: true } }),
    db.agent.findUnique({ where: { workspaceId_agentId: { workspaceId, agentId: input.to_agent_id } }, select: { id: true } }),
  ]);
  if (!recipient) throw notFound(`Agent '${input.to_agent_id}'`);
  if (input.override && !sender?.trusted) {
    throw new AppError("forbidden", `Agent '${session.agent_id}' is not trusted: only trusted agents may override detections`, { agent_id: session.agent_id });
  }
  const scan = await detectMessage({ workspaceId, senderAgentId: session.agent_id, conversationId: input.conversation_id, content: input.content });
  const found = detectionParams(scan.detections);
  const isOverridden = input.override !== undefined && scan.detections.length > 0;
  const contentSha256 = createHash("sha256").update(input.content, "utf8").digest("hex");
  const sizeBytes = Buffer.byteLength(input.content, "utf8");
  const params = {
    to_agent_id: input.to_agent_id,
    conversation_id: input.conversation_id,
    role: input.role,
    source: input.source,
    size_bytes: sizeBytes,
    content_sha256: contentSha256,
    detections: isOverridden ? detectionParams([]) : found,
    ...(isOverridden ? { override: { reason: input.override!.reason, detections: [...found.detectors, ...found.exfiltration] } } : {}),
  };
  const messageId = newId("message");
  const evaluation = await evaluateForSession(
    workspaceId,
    { session_id: input.session_id, kind: "message", tool: "messages", action: "send", params, conversation: { group: input.conversation_id } },
    actor,
    async (tx, result) => {
      await tx.agentMessage.create({
        data: {
          id: messageId,
          workspaceId,
          sessionId: input.session_id,
          senderAgentId: session.agent_id,
          recipientAgentId: input.to_agent_id,
          conversationId: input.conversation_id,
          role: input.role,
          source: input.source,
          contentSha256,
          sizeBytes,
          detections: scan.detections as unknown as Prisma.InputJsonArray,
          sensitiveHashes: scan.sensitiveHashes,
          decision: result.decision,
          overrideReason: isOverridden ? input.override!.reason : null,
          receiptId: result.receipt_id,
        },
      });
      const flagReason = isOverridden ? "detection_overridden" : found.injection ? "injection" : found.exfiltration.length > 0 ? "exfiltration" : null;
      await appendAuditEvent(tx, workspaceId, {
        actor,
        action: "message.sent",
        tool: "messages",
        agentId: session.agent_id,
        sessionId: input.session_id,
        decision: result.decision,
        details: {
          message_id: messageId,
          to_agent_id: input.to_agent_id,
          conversation_id: input.conversation_id,
          source: input.source,
          content_sha256: contentSha256,
          size_bytes: sizeBytes,
          receipt_id: result.receipt_id,
          detections: scan.detections.map(({ detector, kind, label, explanation }) => ({ detector, kind, label: label ?? null, explanation })),
          ...(isOverridden ? { override_reason: input.override!.reason } : {}),
        },
        flagged: flagReason !== null,
        flagReason,
      });
    },
  );
  return {
    message_id: messageId,
    decision: evaluation.decision,
    reasons: evaluation.reasons,
    detections: scan.detections,
    receipt_id: evaluation.receipt_id,
    ...(evaluation.approval_id ? { approval_id: evaluation.approval_id } : {}),
    ...(isOverridden ? { override: { reason: input.override!.reason } } : {}),
  };
}
