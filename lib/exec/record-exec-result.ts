// POST /api/v1/exec/{receipt_id}/result: how a run ended, reported once by the executor. The
// run row is locked, so two reports race to one winner; the same report again gets the first
// answer (a retry after a lost response), a different one 409. Only code the gate let run may
// report: a BLOCKed run, or an ESCALATEd one not (yet) approved, answers 409 — a result there
// means the executor ran code it was told not to, which the trail must not present as normal.
import type { Actor } from "@/lib/audit/append-events";
import { appendAuditEvent } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { ExecResultInput } from "./schemas";

type RunRow = {
  id: string;
  session_id: string;
  agent_id: string;
  language: string;
  code_sha256: string;
  decision: string;
  approval_status: string | null;
  approval_expired: boolean;
  result_status: string | null;
  exit_code: number | null;
  duration_ms: number | null;
  killed_by: string | null;
  result_entry_id: string | null;
  result_at: Date | null;
  output_sha256: string | null;
};

const TRANSACTION = { maxWait: 30_000, timeout: 30_000 };

/** How the run ended, as reported: in the answer and in the "code.result" entry alike. */
const reported = (result: ExecResultInput) => ({
  status: result.status,
  exit_code: result.exit_code ?? null,
  duration_ms: result.duration_ms,
  killed_by: result.killed_by ?? null,
  output_sha256: result.output_sha256 ?? null,
});

const answer = (row: Pick<RunRow, "id" | "result_entry_id" | "result_at">, result: ExecResultInput) => ({
  recorded: true as const,
  receipt_id: row.id,
  entry_id: row.result_entry_id,
  ...reported(result),
  recorded_at: row.result_at?.toISOString() ?? null,
});

const sameReport = (row: RunRow, r: ExecResultInput) =>
  row.result_status === r.status &&
  row.exit_code === (r.exit_code ?? null) &&
  row.duration_ms === r.duration_ms &&
  row.killed_by === (r.killed_by ?? null) &&
  row.output_sha256 === (r.output_sha256 ?? null);

function refuseUnlessAllowedToRun(row: RunRow) {
  if (row.decision === "BLOCK") throw new AppError("conflict", "The code was blocked: it must not run, so it has no result", { decision: row.decision });
  if (row.decision !== "ESCALATE") return;
  const status = row.approval_status === "pending" && row.approval_expired ? "expired" : row.approval_status;
  if (status === "approved") return;
  const message = status === "pending" ? "The run is waiting for approval: wait on GET /api/v1/approvals/{id} before running it" : `The run's approval was ${status}: it must not run`;
  throw new AppError("conflict", message, { decision: row.decision, approval_status: status });
}

export async function recordExecResult(workspaceId: string, receiptId: string, result: ExecResultInput, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<RunRow[]>`
      SELECT r.id, r.session_id, r.agent_id, r.language, r.code_sha256, r.decision,
             a.status AS approval_status, a.expires_at <= clock_timestamp() AS approval_expired,
             r.result_status, r.exit_code, r.duration_ms, r.killed_by, r.result_entry_id, r.result_at,
             e.details->>'output_sha256' AS output_sha256
      FROM code_runs r
      LEFT JOIN approval_requests a ON a.id = r.approval_id AND a.workspace_id = r.workspace_id
      LEFT JOIN audit_events e ON e.id = r.result_entry_id AND e.workspace_id = r.workspace_id
      WHERE r.id = ${receiptId} AND r.workspace_id = ${workspaceId}
      FOR UPDATE OF r`;
    if (!row) throw notFound("Code run");
    if (row.result_status !== null) {
      if (sameReport(row, result)) return answer(row, result);
      throw new AppError("conflict", "A different result was already recorded for this run", { receipt_id: receiptId, status: row.result_status });
    }
    refuseUnlessAllowedToRun(row);
    const entry = await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "code.result",
      tool: row.language,
      agentId: row.agent_id,
      sessionId: row.session_id,
      details: {
        receipt_id: row.id,
        code_sha256: row.code_sha256,
        ...reported(result),
      },
    });
    const updated = await tx.codeRun.update({
      where: { id: row.id },
      data: { resultStatus: result.status, exitCode: result.exit_code ?? null, durationMs: result.duration_ms, killedBy: result.killed_by ?? null, resultEntryId: entry.id, resultAt: new Date() },
    });
    return answer({ id: row.id, result_entry_id: entry.id, result_at: updated.resultAt }, result);
  }, TRANSACTION);
}
