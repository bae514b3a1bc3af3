// Before a call is forwarded: the request is decided as an action of kind llm_call (detections
// over its new content included) and its worst case (prompt estimate + the output it may
// produce) is reserved against the session, agent and crew budgets, in the decision's
// transaction. A refused call is recorded there too, so every call leaves exactly one row.
import { createHash } from "node:crypto";
import type { Actor, Tx } from "@/lib/audit/append-events";
import { detectionParams, detectMessage, type MessageScan } from "@/lib/messages/detect-message";
import { evaluateForSession, type Evaluation } from "@/lib/policies/evaluate-for-session";
import type { GatewayPrincipal } from "./authenticate-gateway-key";
import { callCostMicros } from "./call-cost";
import type { ChatCompletionRequest } from "./chat-schemas";
import { countPromptTokens } from "./count-tokens";
import { newContentOf } from "./new-content";
import { logMessage, recordCall } from "./record-call";
import type { ResolvedModel } from "./resolve-model";

export type CallContext = { id: string; principal: GatewayPrincipal; actor: Actor; resolved: ResolvedModel; request: ChatCompletionRequest; conversationId: string; startedAt: number };

type ReserveStatus = "reserved" | "session_invalid" | `${"session" | "agent" | "crew"}_${"tokens" | "budget"}_exceeded`;

export type Authorized = {
  evaluation: Evaluation;
  status: ReserveStatus | "refused";
  maxTokens: number;
  promptTokens: number;
  reservedTokens: number;
  reservedMicros: bigint;
  scan: MessageScan;
};

/** A CONSTRAIN rule's cap on max_tokens lowers the output the model may produce. */
function effectiveMaxTokens(evaluation: Evaluation, requested: number): number {
  const capped = evaluation.decision === "CONSTRAIN" ? evaluation.constrained_params?.max_tokens : undefined;
  return typeof capped === "number" && Number.isFinite(capped) ? Math.max(1, Math.min(requested, Math.floor(capped))) : requested;
}

async function reserve(tx: Tx, call: CallContext, tokens: number, micros: bigint): Promise<ReserveStatus> {
  const [row] = await tx.$queryRaw<{ status: ReserveStatus }[]>`
    SELECT status FROM warden_reserve_llm(${call.principal.workspaceId}, ${call.principal.sessionId}, ${tokens}::bigint, ${micros}::bigint)`;
  return row!.status;
}

/** The detectors over what the request adds to the conversation (run while the model resolves). */
export function scanRequest(principal: GatewayPrincipal, request: ChatCompletionRequest, conversationId: string): Promise<MessageScan> {
  return detectMessage({ workspaceId: principal.workspaceId, senderAgentId: principal.agentId, conversationId, content: newContentOf(request.messages).text });
}

export async function authorizeCall(call: CallContext, scan: MessageScan): Promise<Authorized> {
  const { principal, resolved, request } = call;
  const newContent = newContentOf(request.messages);
  const promptTokens = countPromptTokens(request.messages, request.tools);
  const requestedMax = request.max_completion_tokens ?? request.max_tokens ?? resolved.maxOutputTokens;
  const visible = {
    model: resolved.model,
    provider: resolved.providerName,
    max_tokens: requestedMax,
    prompt_tokens: promptTokens,
    stream: request.stream === true,
    tools: (request.tools ?? []).map((t) => t.function.name),
    message_count: request.messages.length,
    conversation_id: call.conversationId,
    detections: detectionParams(scan.detections),
  };
  // Policies may match the text with regex conditions; the receipt keeps only its hash.
  const stored = { ...visible, content_sha256: createHash("sha256").update(newContent.text, "utf8").digest("hex") };
  const params = { ...visible, content: newContent.text };

  const evaluation = await evaluateForSession(
    principal.workspaceId,
    { session_id: principal.sessionId, kind: "llm_call", tool: `llm.${resolved.model}`, action: "chat.completions", params, conversation: { group: call.conversationId } },
    call.actor,
    async (tx, decided) => {
      const maxTokens = effectiveMaxTokens(decided, requestedMax);
      const reservedTokens = promptTokens + maxTokens;
      const reservedMicros = callCostMicros(resolved, promptTokens, maxTokens);
      const isRefused = decided.decision === "BLOCK" || decided.decision === "ESCALATE";
      const status: Authorized["status"] = isRefused ? "refused" : await reserve(tx, call, reservedTokens, reservedMicros);
      await logMessage(tx, call, decided.receipt_id, { content: newContent.text, role: newContent.role, source: newContent.source, detections: scan.detections, sensitiveHashes: scan.sensitiveHashes, decision: decided.decision });
      if (status !== "reserved") {
        await recordCall(tx, call, {
          status: "refused",
          decision: isRefused ? decided.decision : "BLOCK",
          reasons: isRefused ? decided.reasons : [{ code: status.toUpperCase(), message: `Budget refused the call's reservation (${status})` }],
          promptTokens,
          completionTokens: 0,
          costMicros: 0n,
          reservedTokens: 0,
          reservedMicros: 0n,
          toolDecisions: [],
          detections: scan.detections,
          receiptId: decided.receipt_id,
          requestBody: null,
          responseBody: null,
        });
      }
      return { status, maxTokens, reservedTokens, reservedMicros };
    },
    {
      storedParams: stored,
      // Budget rows before the audit chain's head, as finish-call.ts takes them: no lock cycle.
      lockFirst: async (tx) => void (await tx.$executeRaw`SELECT warden_lock_llm_budgets(${principal.workspaceId}, ${principal.sessionId})`),
    },
  );
  return { evaluation, status: evaluation.settled.status, maxTokens: evaluation.settled.maxTokens, promptTokens, reservedTokens: evaluation.settled.reservedTokens, reservedMicros: evaluation.settled.reservedMicros, scan };
}
