// Each tool call the model proposed is an action of the agent (kind tool_call, tool = the
// function's name, params = its parsed arguments), decided by the workspace's policies with its
// own receipt, like a call the agent would have asked about through /api/v1/evaluate.
import type { Actor } from "@/lib/audit/append-events";
import { evaluateForSession } from "@/lib/policies/evaluate-for-session";
import type { ProposedToolCall, ToolDecision } from "./apply-tool-decisions";

type Reviewer = { workspaceId: string; sessionId: string; actor: Actor; conversationId: string; model: string };

/** Arguments that are not a JSON object are still decided, under params.arguments_text. */
function paramsOf(call: ProposedToolCall): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(call.function.arguments);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // falls through: decided on the raw text
  }
  return { arguments_text: call.function.arguments };
}

export async function reviewToolCalls(reviewer: Reviewer, calls: ProposedToolCall[]): Promise<ToolDecision[]> {
  const decisions: ToolDecision[] = [];
  // One after another: calls of one answer may share a rate-limit window, and order matters there.
  for (const call of calls) {
    const params = paramsOf(call);
    const evaluation = await evaluateForSession(
      reviewer.workspaceId,
      { session_id: reviewer.sessionId, kind: "tool_call", tool: call.function.name, action: "call", params, suggested_by: undefined, conversation: { group: reviewer.conversationId, message: `proposed by llm:${reviewer.model}` } },
      reviewer.actor,
    );
    const constrained = evaluation.decision === "CONSTRAIN" && evaluation.constrained_params ? JSON.stringify(evaluation.constrained_params) : undefined;
    decisions.push({
      id: call.id,
      name: call.function.name,
      decision: evaluation.decision,
      reasons: evaluation.reasons.map(({ code, message }) => ({ code, message })),
      receipt_id: evaluation.receipt_id,
      ...(evaluation.approval_id ? { approval_id: evaluation.approval_id } : {}),
      ...(constrained !== undefined ? { arguments: constrained } : {}),
    });
  }
  return decisions;
}
