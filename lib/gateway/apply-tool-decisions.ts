// What is left of the model's answer once each proposed tool call has been decided: BLOCK and
// ESCALATE remove the call, CONSTRAIN rewrites its arguments. When nothing is left to act on,
// the answer becomes a plain text saying why, so the agent neither runs a refused call nor
// receives an empty message.
import type { Effect } from "@/lib/policies/schemas";

export type ProposedToolCall = { id: string; type: "function"; function: { name: string; arguments: string } };

export type ToolDecision = {
  id: string;
  name: string;
  decision: Effect;
  reasons: { code: string; message: string }[];
  receipt_id: string;
  approval_id?: string;
  /** CONSTRAIN: the arguments the agent receives instead of the model's. */
  arguments?: string;
};

export type FinishedChoice = { content: string | null; toolCalls: ProposedToolCall[]; finishReason: string | null };

const isRemoved = (decision: Effect) => decision === "BLOCK" || decision === "ESCALATE";

export function policyViolationText(refused: ToolDecision[]): string {
  const each = refused.map((d) => {
    const why = d.reasons.map((r) => r.message).join("; ") || "refused by policy";
    return d.decision === "ESCALATE" ? `${d.name} (awaits approval ${d.approval_id ?? ""}: ${why})` : `${d.name} (${why})`;
  });
  return `Warden policy refused the proposed tool call${refused.length > 1 ? "s" : ""}: ${each.join(", ")}.`;
}

export function applyToolDecisions(choice: FinishedChoice, decisions: ToolDecision[]): FinishedChoice {
  if (choice.toolCalls.length === 0) return choice;
  const byId = new Map(decisions.map((d) => [d.id, d]));
  const kept = choice.toolCalls.flatMap((call) => {
    const decided = byId.get(call.id);
    if (!decided || isRemoved(decided.decision)) return [];
    return [decided.arguments === undefined ? call : { ...call, function: { ...call.function, arguments: decided.arguments } }];
  });
  if (kept.length > 0) return { ...choice, toolCalls: kept };
  const hasContent = typeof choice.content === "string" && choice.content.length > 0;
  const refused = decisions.filter((d) => isRemoved(d.decision));
  return { content: hasContent ? choice.content : policyViolationText(refused), toolCalls: [], finishReason: "stop" };
}
