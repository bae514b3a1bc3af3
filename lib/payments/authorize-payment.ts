import { ACTOR_ID, ACTOR_TYPE, callAs, WORKSPACE, type Principal } from "@/lib/db/call-as";
import { newId } from "@/lib/ids";
import { authenticateCredential } from "@/lib/keys/authenticate-api-key";
import { fromMicros, toMicros } from "@/lib/money";
import type { Actor, Tx } from "@/lib/audit/append-events";
import { evaluateForSession, type Evaluation } from "@/lib/policies/evaluate-for-session";
import type { AuthorizePaymentInput } from "./schemas";

type Status =
  | "authorized"
  | "policy_required"
  | "session_invalid"
  | "missing_scope"
  | "currency_mismatch"
  | "session_budget_exceeded"
  | "agent_budget_exceeded"
  | "crew_budget_exceeded"
  | "approval_mismatch"
  | "approval_pending"
  | "approval_denied"
  | "approval_expired"
  | "approval_consumed";

/** The window of the payment policy's max_requests_per_minute: a refusal for it says to retry after it. */
const RATE_WINDOW_SECONDS = 60;

const REFUSALS: Record<Exclude<Status, "authorized" | "policy_required">, { status: number; reason: string }> = {
  session_invalid: { status: 401, reason: "Session is unknown, expired or revoked" },
  missing_scope: { status: 403, reason: "Session lacks the 'spend' scope" },
  currency_mismatch: { status: 403, reason: "Currency differs from the workspace currency" },
  session_budget_exceeded: { status: 403, reason: "Payment would exceed the session's spend limit" },
  agent_budget_exceeded: { status: 403, reason: "Payment would exceed the agent's budget" },
  crew_budget_exceeded: { status: 403, reason: "Payment would exceed the crew's budget" },
  approval_mismatch: { status: 409, reason: "The approval is not for this payment (session, amount, currency and recipient must match)" },
  approval_pending: { status: 409, reason: "The approval request is still pending" },
  approval_denied: { status: 403, reason: "The approval request was denied" },
  approval_expired: { status: 403, reason: "The approval request expired" },
  approval_consumed: { status: 409, reason: "The approval was already used for a payment" },
};

type Row = { status: Status; agent_id: string | null; crew_id: string | null; remaining_micros: number | null; created_at: string };

/** warden_authorize_payment's arguments but the last (suggested_by). */
const args = (input: AuthorizePaymentInput, amount: number, authorizationId: string) => [
  WORKSPACE, input.session_id, toMicros(amount).toString(), input.currency, input.description,
  input.recipient ?? null, authorizationId, newId("audit"), ACTOR_TYPE, ACTOR_ID,
];

/**
 * Authorizes a payment. Session, agent and crew budgets are checked and charged in one database
 * call under row locks, and the outcome is audited, so concurrent calls in any number of server
 * processes can never overspend. When a policy is in force the payment is evaluated first
 * (BLOCK: 403; ESCALATE: 202 with an approval request; CONSTRAIN: the capped amount); a payment
 * a reviewer approved is authorized with its approval_id, which is consumed exactly once.
 */
export async function authorizePayment(principal: Principal, input: AuthorizePaymentInput) {
  const authorizationId = newId("authorization");
  if (input.approval_id) {
    const resolved = await resolve(principal);
    const [, ...rest] = args(input, input.amount, authorizationId);
    const row = await callAs<Row>(resolved, "warden_authorize_approved_payment", [WORKSPACE, input.approval_id, ...rest]);
    return answer(row, input, input.amount, authorizationId);
  }
  const first = await callAs<Row>(principal, "warden_authorize_unless_policy", [...args(input, input.amount, authorizationId), input.suggested_by ?? null]);
  if (first.status !== "policy_required") return answer(first, input, input.amount, authorizationId);

  const resolved = await resolve(principal);
  const params = { amount: input.amount, currency: input.currency.toUpperCase(), description: input.description, ...(input.recipient ? { recipient: input.recipient } : {}) };
  // The policy's windows, the receipt and the budget charge commit together (lib/policies/
  // evaluate-for-session.ts): concurrent payments can never all pass a window's last slot.
  const evaluation = await evaluateForSession(
    resolved.workspaceId,
    { session_id: input.session_id, kind: "payment", tool: "payments", action: "payment.authorize", params, suggested_by: input.suggested_by },
    resolved.actor,
    (tx, decided) => (decided.decision === "BLOCK" || decided.decision === "ESCALATE" ? Promise.resolve(null) : charge(tx, resolved, input, cappedAmount(decided, input), authorizationId)),
  );
  if (evaluation.decision === "BLOCK") {
    const first = evaluation.reasons[0]!;
    const body = { authorized: false, reason: first.message, code: first.code, reasons: evaluation.reasons, receipt_id: evaluation.receipt_id, session_id: input.session_id };
    // Refused requests count toward the minute too, so a caller that waits a whole minute without
    // asking is sure to find room (unless other agents of a crew-wide window use it first).
    if (first.code !== "RATE_LIMIT_EXCEEDED") return { status: 403, body };
    return { status: 403, body: { ...body, retry_after: RATE_WINDOW_SECONDS }, headers: { "retry-after": String(RATE_WINDOW_SECONDS) } };
  }
  if (evaluation.decision === "ESCALATE" || !evaluation.settled) {
    return {
      status: 202,
      body: { authorized: false, status: "pending_approval", approval_id: evaluation.approval_id, reasons: evaluation.reasons, receipt_id: evaluation.receipt_id, session_id: input.session_id },
    };
  }
  return answer(evaluation.settled, input, cappedAmount(evaluation, input), authorizationId);
}

function cappedAmount(evaluation: Evaluation, input: AuthorizePaymentInput): number {
  const capped = evaluation.decision === "CONSTRAIN" ? evaluation.constrained_params?.amount : undefined;
  return typeof capped === "number" ? capped : input.amount;
}

/** warden_authorize_payment inside the decision's transaction (its row locks are already held). */
async function charge(tx: Tx, resolved: Resolved, input: AuthorizePaymentInput, amount: number, authorizationId: string): Promise<Row> {
  const [row] = await tx.$queryRaw<{ result: Row }[]>`
    SELECT row_to_json(r) AS result FROM warden_authorize_payment(
      ${resolved.workspaceId}, ${input.session_id}, ${toMicros(amount)}::bigint, ${input.currency}, ${input.description}, ${input.recipient ?? null}::text,
      ${authorizationId}, ${newId("audit")}, ${resolved.actor.type}, ${resolved.actor.id}, ${input.suggested_by ?? null}::text) r`;
  return row!.result;
}

type Resolved = { workspaceId: string; actor: Actor };

async function resolve(principal: Principal): Promise<Resolved> {
  if (!("credential" in principal)) return principal;
  const key = await authenticateCredential(principal.credential);
  return { workspaceId: key.workspaceId, actor: { type: "api_key" as const, id: key.id } };
}

function answer(result: Row, input: AuthorizePaymentInput, amount: number, authorizationId: string) {
  if (result.status !== "authorized") {
    const refusal = REFUSALS[result.status as keyof typeof REFUSALS];
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
      amount,
      currency: input.currency.toUpperCase(),
      description: input.description,
      recipient: input.recipient ?? null,
      remaining_budget: fromMicros(result.remaining_micros),
      timestamp: new Date(result.created_at).toISOString(),
      ...(amount !== input.amount ? { constrained: true, requested_amount: input.amount } : {}),
      ...(input.approval_id ? { approval_id: input.approval_id } : {}),
    },
  };
}
