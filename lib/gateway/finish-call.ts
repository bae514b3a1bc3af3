// After the upstream answered (or failed, or the client went away): the reservation is settled
// to what the call used, and the call's row, audit entry and answer message commit together.
import { prisma } from "@/lib/db/client";
import { findSensitiveValues } from "@/lib/detect/sensitive-data";
import type { Authorized, CallContext } from "./authorize-call";
import { callCostMicros } from "./call-cost";
import type { CallStatus } from "./record-call";
import { logMessage, recordCall } from "./record-call";
import type { FinishedChoice, ToolDecision } from "./apply-tool-decisions";

export type CallResult = {
  status: Exclude<CallStatus, "refused">;
  promptTokens: number;
  completionTokens: number;
  finished: FinishedChoice | null;
  toolDecisions: ToolDecision[];
  requestBody: unknown;
  responseBody: unknown;
};

export async function finishCall(call: CallContext, authorized: Authorized, result: CallResult): Promise<void> {
  const { principal, resolved } = call;
  const usedTokens = result.promptTokens + result.completionTokens;
  const costMicros = callCostMicros(resolved, result.promptTokens, result.completionTokens);
  // Tool arguments carry data too (an email address the model passes on), so they count as the answer's text.
  const answer = [result.finished?.content ?? "", ...(result.finished?.toolCalls ?? []).map((c) => c.function.arguments)].filter(Boolean).join("\n");
  const db = await prisma();
  await db.$transaction(async (tx) => {
    // Settle (budget rows) before the audit entry (chain head): the lock order of authorize-call.ts.
    await tx.$executeRaw`SELECT warden_settle_llm(${principal.workspaceId}, ${principal.sessionId}, ${authorized.reservedTokens}::bigint, ${usedTokens}::bigint,
                                                  ${authorized.reservedMicros}::bigint, ${costMicros}::bigint)`;
    await recordCall(tx, call, {
      status: result.status,
      decision: authorized.evaluation.decision,
      reasons: authorized.evaluation.reasons,
      promptTokens: result.promptTokens,
      completionTokens: result.completionTokens,
      costMicros,
      reservedTokens: authorized.reservedTokens,
      reservedMicros: authorized.reservedMicros,
      toolDecisions: result.toolDecisions,
      detections: authorized.scan.detections,
      receiptId: authorized.evaluation.receipt_id,
      requestBody: result.requestBody,
      responseBody: result.responseBody,
    });
    if (answer) {
      const sensitiveHashes = [...new Set(findSensitiveValues(answer, principal.workspaceId).map((v) => v.hash))];
      await logMessage(tx, call, authorized.evaluation.receipt_id, { content: answer, role: "assistant", source: "agent", detections: [], sensitiveHashes, decision: authorized.evaluation.decision });
    }
  }, { maxWait: 60_000, timeout: 60_000 });
}
