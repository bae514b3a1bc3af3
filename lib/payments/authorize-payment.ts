import { ACTOR_ID, ACTOR_TYPE, callAs, WORKSPACE, type Principal } from "@/lib/db/call-as";
import { newId } from "@/lib/ids";
import { fromMicros, toMicros } from "@/lib/money";
import type { AuthorizePaymentInput } from "./schemas";

type Status =
  | "authorized"
  | "session_invalid"
  | "missing_scope"
  | "currency_mismatch"
  | "session_budget_exceeded"
  | "agent_budget_exceeded"
  | "crew_budget_exceeded";

const REFUSALS: Record<Exclude<Status, "authorized">, { status: number; reason: string }> = {
  session_invalid: { status: 401, reason: "Session is unknown, expired or revoked" },
  missing_scope: { status: 403, reason: "Session lacks the 'spend' scope" },
  currency_mismatch: { status: 403, reason: "Currency differs from the workspace currency" },
  session_budget_exceeded: { status: 403, reason: "Payment would exceed the session's spend limit" },
  agent_budget_exceeded: { status: 403, reason: "Payment would exceed the agent's budget" },
  crew_budget_exceeded: { status: 403, reason: "Payment would exceed the crew's budget" },
};

type Row = { status: Status; agent_id: string | null; crew_id: string | null; remaining_micros: number | null; created_at: string };

/**
 * Authorizes a payment in one database call (warden_authorize_payment): session, agent and
 * crew budgets are checked and charged under row locks, and the outcome is audited, so
 * concurrent calls in any number of server processes can never overspend.
 */
export async function authorizePayment(principal: Principal, input: AuthorizePaymentInput) {
  const authorizationId = newId("authorization");
  const result = await callAs<Row>(principal, "warden_authorize_payment", [
    WORKSPACE, input.session_id, toMicros(input.amount).toString(), input.currency, input.description,
    input.recipient ?? null, authorizationId, newId("audit"), ACTOR_TYPE, ACTOR_ID, input.suggested_by ?? null,
  ]);
  if (result.status !== "authorized") {
    const refusal = REFUSALS[result.status];
    return { status: refusal.status, body: { authorized: false, reason: refusal.reason, code: result.status, session_id: input.session_id } };
  }
  return {
    status: 200,
    body: {
      authorized: true,
      authorization_id: authorizationId,
      session_id: input.session_id,
      agent_id: result.agent_id,
      crew_id: result.crew_id,
      amount: input.amount,
      currency: input.currency.toUpperCase(),
      description: input.description,
      recipient: input.recipient ?? null,
      remaining_budget: fromMicros(result.remaining_micros),
      timestamp: new Date(result.created_at).toISOString(),
    },
  };
}
