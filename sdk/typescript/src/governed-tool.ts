// governedTool: a tool function that runs only as Warden's policies allow, and is always audited.
// check scope -> evaluate -> (BLOCK: throw | ESCALATE: wait for a human | CONSTRAIN: run with the
// constrained parameters | ALLOW, LOG: run) -> log the action with its cost, status and receipt.
import type { WardenClient } from "./client.js";
import { PermissionError, PolicyBlockedError } from "./errors.js";
import type { ActionKind } from "./params.js";
import type { Evaluation } from "./types.js";

export type GovernedToolOptions<Result> = {
  sessionId: string;
  /** The tool's name, as policies match it (`db.*`, `send_email`). */
  tool: string;
  /** The action recorded and matched by policies. Default: the tool's name. */
  action?: string;
  /** When given, the session must hold this scope or the call throws PermissionError. */
  scope?: string;
  kind?: ActionKind;
  /** The cost logged with the action: a number, or computed from the tool's result. */
  costUsd?: number | ((result: Result) => number);
  /** The agent that proposed the call, when another one did (recorded, never decisive). */
  suggestedBy?: string;
  /** ESCALATE: wait for the human decision (default), or throw PolicyBlockedError with the approvalId. */
  waitForApproval?: boolean;
  approvalTimeoutMs?: number;
};

type ToolFunction<Params, Rest extends unknown[], Result> = (params: Params, ...rest: Rest) => Promise<Result> | Result;

function blocked(evaluation: Evaluation, tool: string): PolicyBlockedError {
  const because = evaluation.reasons.map((reason) => reason.message).join("; ") || "no rule allows it";
  const error = new PolicyBlockedError(`Policy ${evaluation.decision === "BLOCK" ? "blocked" : "escalated"} ${tool}: ${because}`, {
    status: 0,
    code: evaluation.reasons[0]?.code ?? evaluation.decision,
    body: evaluation,
    requestId: null,
  });
  error.decision = evaluation.decision;
  error.reasons = evaluation.reasons;
  error.receiptId = evaluation.receipt_id;
  error.approvalId = evaluation.approvalId;
  return error;
}

export function governedTool<Params extends Record<string, unknown>, Rest extends unknown[], Result>(
  client: WardenClient,
  options: GovernedToolOptions<Result>,
  fn: ToolFunction<Params, Rest, Result>,
): (params: Params, ...rest: Rest) => Promise<Result> {
  const { sessionId, tool, action = tool, kind = "tool_call", suggestedBy } = options;
  return async (params, ...rest) => {
    if (options.scope !== undefined) {
      const check = await client.checkPermission(sessionId, options.scope);
      if (!check.allowed) {
        throw new PermissionError(`Session lacks '${options.scope}' for ${tool}: ${check.reason}`, { status: 0, code: "scope_denied", body: check, requestId: null });
      }
    }
    const evaluation = await client.evaluate({ sessionId, kind, tool, action, params, suggestedBy });
    if (evaluation.decision === "BLOCK") throw blocked(evaluation, tool);
    if (evaluation.decision === "ESCALATE") {
      if (options.waitForApproval === false || evaluation.approvalId === null) throw blocked(evaluation, tool);
      await client.waitForApproval(evaluation.approvalId, { timeoutMs: options.approvalTimeoutMs });
    }
    const args = (evaluation.decision === "CONSTRAIN" && evaluation.constrained_params ? evaluation.constrained_params : params) as Params;
    const record = (status: "ok" | "error", costUsd: number, extra: Record<string, unknown> = {}) =>
      client.logAction({ sessionId, action, tool, costUsd, suggestedBy, decision: evaluation.decision, details: { status, receipt_id: evaluation.receipt_id, ...extra } });
    let result: Result;
    try {
      result = await fn(args, ...rest);
    } catch (error) {
      const cost = typeof options.costUsd === "number" ? options.costUsd : 0;
      // The error's class only: its message may quote the tool's inputs (a secret, say).
      await record("error", cost, { error: error instanceof Error ? error.name : "Error" });
      throw error;
    }
    const cost = typeof options.costUsd === "function" ? options.costUsd(result) : (options.costUsd ?? 0);
    await record("ok", cost);
    return result;
  };
}
