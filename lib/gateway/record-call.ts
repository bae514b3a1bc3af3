// A gateway call's bookkeeping inside the caller's transaction: its row in gateway_calls, the
// llm.call audit entry (flagged when the request carried an injection or a workspace secret) and
// its messages in the conversation log, so detectors see what flowed between agents via models.
import { createHash } from "node:crypto";
import { appendAuditEvent, type Actor, type Tx } from "@/lib/audit/append-events";
import type { Detection } from "@/lib/detect/types";
import { newId } from "@/lib/ids";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ToolDecision } from "./apply-tool-decisions";
import type { GatewayPrincipal } from "./authenticate-gateway-key";

export type CallStatus = "completed" | "refused" | "upstream_error" | "aborted";

export type CallRecord = {
  id: string;
  principal: GatewayPrincipal;
  actor: Actor;
  model: string;
  provider: string;
  isStream: boolean;
  status: CallStatus;
  decision: string;
  reasons: { code: string; message: string }[];
  promptTokens: number;
  completionTokens: number;
  costMicros: bigint;
  reservedTokens: number;
  reservedMicros: bigint;
  latencyMs: number;
  toolDecisions: ToolDecision[];
  detections: Detection[];
  receiptId: string;
  conversationId: string;
  requestBody: unknown;
  responseBody: unknown;
};

export type LoggedMessage = { content: string; role: string; source: "agent" | "tool_output"; detections: Detection[]; sensitiveHashes: string[]; decision: string };

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

function flagReason(detections: Detection[]): string | null {
  if (detections.some((d) => d.kind === "injection")) return "injection";
  return detections.some((d) => d.kind === "exfiltration") ? "exfiltration" : null;
}

export async function recordCall(tx: Tx, call: CallRecord): Promise<void> {
  const { principal } = call;
  const json = (value: unknown) => (value === null || value === undefined ? undefined : (value as Prisma.InputJsonValue));
  await tx.gatewayCall.create({
    data: {
      id: call.id,
      workspaceId: principal.workspaceId,
      keyId: principal.keyId,
      sessionId: principal.sessionId,
      agentId: principal.agentId,
      crewId: principal.crewId,
      model: call.model,
      stream: call.isStream,
      status: call.status,
      decision: call.decision,
      reasons: call.reasons,
      promptTokens: call.promptTokens,
      completionTokens: call.completionTokens,
      costMicros: call.costMicros,
      reservedTokens: call.reservedTokens,
      reservedMicros: call.reservedMicros,
      latencyMs: call.latencyMs,
      toolCalls: call.toolDecisions as unknown as Prisma.InputJsonArray,
      requestBody: json(call.requestBody),
      responseBody: json(call.responseBody),
      receiptId: call.receiptId,
    },
  });
  const reason = flagReason(call.detections);
  await appendAuditEvent(tx, principal.workspaceId, {
    actor: call.actor,
    action: "llm.call",
    tool: `llm.${call.model}`,
    agentId: principal.agentId,
    sessionId: principal.sessionId,
    decision: call.decision,
    costMicros: call.costMicros,
    details: {
      call_id: call.id,
      key_id: principal.keyId,
      model: call.model,
      provider: call.provider,
      status: call.status,
      stream: call.isStream,
      prompt_tokens: call.promptTokens,
      completion_tokens: call.completionTokens,
      cost_micros: call.costMicros.toString(),
      latency_ms: call.latencyMs,
      conversation_id: call.conversationId,
      receipt_id: call.receiptId,
      reasons: call.reasons,
      tool_calls: call.toolDecisions.map(({ id, name, decision, receipt_id }) => ({ id, name, decision, receipt_id })),
      detections: call.detections.map(({ detector, kind, label, explanation }) => ({ detector, kind, label: label ?? null, explanation })),
    },
    flagged: reason !== null || call.decision === "BLOCK",
    flagReason: reason ?? (call.decision === "BLOCK" ? "policy_block" : null),
  });
}

/** One side of the call in the conversation log: its hash, size and findings, never its text. */
export async function logMessage(tx: Tx, call: Pick<CallRecord, "principal" | "model" | "conversationId" | "receiptId">, message: LoggedMessage): Promise<void> {
  await tx.agentMessage.create({
    data: {
      id: newId("message"),
      workspaceId: call.principal.workspaceId,
      sessionId: call.principal.sessionId,
      senderAgentId: call.principal.agentId,
      recipientAgentId: `llm:${call.model}`,
      conversationId: call.conversationId,
      role: message.role,
      source: message.source,
      contentSha256: sha256(message.content),
      sizeBytes: Buffer.byteLength(message.content, "utf8"),
      detections: message.detections as unknown as Prisma.InputJsonArray,
      sensitiveHashes: message.sensitiveHashes,
      decision: message.decision,
      receiptId: call.receiptId,
    },
  });
}
