// How a code run reads over the API and in the pages: snake_case, ISO dates, the result grouped
// (null until the executor reports it) and the operations counted per kind for the list.
import type { CodeRun } from "@/lib/generated/prisma/client";
import type { Operation, OperationKind } from "./types";

export type CodeRunResult = {
  status: "ok" | "error" | "killed";
  exit_code: number | null;
  duration_ms: number | null;
  killed_by: string | null;
  entry_id: string | null;
  reported_at: string | null;
};

export type CodeRunItem = {
  receipt_id: string;
  session_id: string;
  agent_id: string;
  suggested_by: string | null;
  conversation_id: string | null;
  language: string;
  code_sha256: string;
  parsed: boolean;
  decision: string;
  operation_counts: Partial<Record<OperationKind, number>>;
  approval_id: string | null;
  created_at: string;
  result: CodeRunResult | null;
};

export const runOperations = (run: Pick<CodeRun, "operations">): Operation[] => (Array.isArray(run.operations) ? (run.operations as Operation[]) : []);

export function countOperations(operations: Operation[]): Partial<Record<OperationKind, number>> {
  const counts: Partial<Record<OperationKind, number>> = {};
  for (const op of operations) counts[op.kind] = (counts[op.kind] ?? 0) + 1;
  return counts;
}

function toResult(run: CodeRun): CodeRunResult | null {
  if (run.resultStatus === null) return null;
  return {
    status: run.resultStatus as CodeRunResult["status"],
    exit_code: run.exitCode,
    duration_ms: run.durationMs,
    killed_by: run.killedBy,
    entry_id: run.resultEntryId,
    reported_at: run.resultAt?.toISOString() ?? null,
  };
}

export function toCodeRunItem(run: CodeRun): CodeRunItem {
  return {
    receipt_id: run.id,
    session_id: run.sessionId,
    agent_id: run.agentId,
    suggested_by: run.suggestedBy,
    conversation_id: run.conversationId,
    language: run.language,
    code_sha256: run.codeSha256,
    parsed: run.parsed,
    decision: run.decision,
    operation_counts: countOperations(runOperations(run)),
    approval_id: run.approvalId,
    created_at: run.createdAt.toISOString(),
    result: toResult(run),
  };
}
