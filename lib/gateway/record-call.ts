// A gateway call's bookkeeping inside the caller's transaction: its row in gateway_calls, the
// llm.call audit entry (flagged when the request carried an injection or a workspace secret) and
// its messages in the conversation log, so detectors see what flowed between agents via models.
import { createHash } from "node:crypto";
import { appendAuditEvent, type Tx } from "@/lib/audit/append-events";
import type { Detection } from "@/lib/detect/types";
import { newId } from "@/lib/ids";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ToolDecision } from "./apply-tool-decisions";
import type { CallContext } from "./authorize-call";

export type CallStatus = "completed" | "refused" | "upstream_error" | "aborted";

/** How a call ended; who made it, to which model, comes from its CallContext. */
export type CallOutcome = {
  status: CallStatus;
  decision: string;
  reasons: { code: string; message: string }[];
  promptTokens: number;
  completionTokens: number;
  costMicros: bigint;
  reservedTokens: number;
  reservedMicros: bigint;
  toolDecisions: ToolDecision[];
  detections: Detection[];
  receiptId: string;
  requestBody: unknown;
  responseBody: unknown;
};

export type LoggedMessage = { content: string; role: string; source: "agent" | "tool_output"; detections: Detection[]; sensitiveHashes: string[]; decision: string };

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function flagReason(detections: Detection[]): string | null {
  if (detections.some((d) => d.kind === "injection")) return "injection";
  return detections.some((d) => d.kind === "exfiltration") ? "exfiltration" : null;
}

export async function recordCall(tx: Tx, call: CallContext, outcome: CallOutcome): Promise<void> {
  const { principal } = call;
  const model = call.resolved.model;
  const isStream = call.request.stream === true;
  const latencyMs = Math.round(performance.now() - call.startedAt);
  const json = (value: unknown) => (value === null || value === undefined ? undefined : (value as Prisma.InputJsonValue));
  await tx.gatewayCall.create({
    data: {
      id: call.id,
      workspaceId: principal.workspaceId,
      keyId: principal.keyId,
      sessionId: principal.sessionId,
      agentId: principal.agentId,
      crewId: principal.crewId,
      model,
      stream: isStream,
      status: outcome.status,
      decision: outcome.decision,
      reasons: outcome.reasons,
      promptTokens: outcome.promptTokens,
      completionTokens: outcome.completionTokens,
      costMicros: outcome.costMicros,
      reservedTokens: outcome.reservedTokens,
      reservedMicros: outcome.reservedMicros,
      latencyMs,
      toolCalls: outcome.toolDecisions as unknown as Prisma.InputJsonArray,
      requestBody: json(outcome.requestBody),
      responseBody: json(outcome.responseBody),
      receiptId: outcome.receiptId,
    },
  });
  const reason = flagReason(outcome.detections);
  await appendAuditEvent(tx, principal.workspaceId, {
    actor: call.actor,
    action: "llm.call",
    tool: `llm.${model}`,
    agentId: principal.agentId,
    sessionId: principal.sessionId,
    decision: outcome.decision,
    costMicros: outcome.costMicros,
    details: {
      call_id: call.id,
      key_id: principal.keyId,
      model,
      provider: call.resolved.providerName,
      status: outcome.status,
      stream: isStream,
      prompt_tokens: outcome.promptTokens,
      completion_tokens: outcome.completionTokens,
      cost_micros: outcome.costMicros.toString(),
      latency_ms: latencyMs,
      conversation_id: call.conversationId,
      receipt_id: outcome.receiptId,
      reasons: outcome.reasons,
      tool_calls: outcome.toolDecisions.map(({ id, name, decision, receipt_id }) => ({ id, name, decision, receipt_id })),
      detections: outcome.detections.map(({ detector, kind, label, explanation }) => ({ detector, kind, label: label ?? null, explanation })),
    },
    flagged: reason !== null || outcome.decision === "BLOCK",
    flagReason: reason ?? (outcome.decision === "BLOCK" ? "policy_block" : null),
  });
}

/** One side of the call in the conversation log: its hash, size and findings, never its text. */
export async function logMessage(tx: Tx, call: CallContext, receiptId: string, message: LoggedMessage): Promise<void> {
  await tx.agentMessage.create({
    data: {
      id: newId("message"),
      workspaceId: call.principal.workspaceId,
      sessionId: call.principal.sessionId,
      senderAgentId: call.principal.agentId,
      recipientAgentId: `llm:${call.resolved.model}`,
      conversationId: call.conversationId,
      role: message.role,
      source: message.source,
      contentSha256: sha256(message.content),
      sizeBytes: Buffer.byteLength(message.content, "utf8"),
      detections: message.detections as unknown as Prisma.InputJsonArray,
      sensitiveHashes: message.sensitiveHashes,
      decision: message.decision,
      receiptId,
    },
  });
}
