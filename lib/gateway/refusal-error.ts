// Why a call was not forwarded, as the OpenAI error an agent's client understands: a policy's
// BLOCK (403 policy_violation) or ESCALATE (403 approval_required, with the approval id), a rate
// limit (429, retry after the window: a velocity rule whose reason code is RATE_LIMIT_EXCEEDED,
// the code of payments' own rate limit), an exhausted budget (429 insufficient_quota, not to be
// retried), or a session that ended (401).
import type { Authorized } from "./authorize-call";
import { GatewayError, quotaExceeded } from "./openai-error";

/** The window of per-minute rate limits: waiting that long is sure to free a slot. */
const RATE_WINDOW_SECONDS = 60;

const BUDGETS: Record<string, string> = {
  session_tokens_exceeded: "the session's token limit",
  session_budget_exceeded: "the session's spend limit",
  agent_tokens_exceeded: "the agent's token budget",
  agent_budget_exceeded: "the agent's budget",
  crew_tokens_exceeded: "the crew's token budget",
  crew_budget_exceeded: "the crew's budget",
};

export function refusalError(authorized: Authorized): GatewayError {
  const { evaluation, status } = authorized;
  const why = evaluation.reasons.map((r) => r.message).join("; ") || "refused by policy";
  if (status === "refused" && evaluation.decision === "ESCALATE") {
    return new GatewayError(403, "permission_error", "approval_required", `The call needs a reviewer's approval (approval ${evaluation.approval_id}): ${why}`);
  }
  if (status === "refused") {
    if (evaluation.reasons[0]?.code === "RATE_LIMIT_EXCEEDED") {
      return new GatewayError(429, "rate_limit_error", "rate_limit_exceeded", why, null, { "retry-after": String(RATE_WINDOW_SECONDS) });
    }
    return new GatewayError(403, "permission_error", "policy_violation", `Blocked by policy: ${why}`);
  }
  if (status === "session_invalid") return new GatewayError(401, "authentication_error", "invalid_api_key", "The gateway key's session is expired or revoked");
  return quotaExceeded(
    `The call would exceed ${BUDGETS[status] ?? "a budget"}: it reserves ${authorized.reservedTokens} tokens (a prompt of ${authorized.promptTokens} and up to ${authorized.maxTokens} output tokens)`,
  );
}
