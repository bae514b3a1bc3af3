// Decisions counted at the API surface, from the answer the agent got: payment authorizations
// (authorized, refused with their code, pending approval) and policy evaluations by decision.
import { metrics } from "./registry";

type PaymentAnswer = { status: number; body: object };

/** Counts a POST /payments/authorize answer and returns it unchanged. */
export function countPaymentDecision<T extends PaymentAnswer>(answer: T): T {
  const body = answer.body as { authorized?: unknown; status?: unknown; code?: unknown };
  const outcome = body.authorized === true ? "authorized" : body.status === "pending_approval" ? "pending_approval" : "refused";
  const code = outcome === "refused" && typeof body.code === "string" ? body.code : "";
  metrics().paymentDecisions.inc({ outcome, code });
  return answer;
}

/** Counts a POST /evaluate decision and returns it unchanged. */
export function countPolicyDecision<T extends { decision: string }>(kind: string, evaluation: T): T {
  metrics().policyDecisions.inc({ decision: evaluation.decision, kind });
  return evaluation;
}
