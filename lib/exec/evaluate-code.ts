// POST /api/v1/exec/evaluate: an executor asks before it runs code. The code is analysed first
// (pure CPU, outside any transaction); the policies of the session's agent decide from the
// operations found (the suggester is recorded, never decisive). One transaction then writes the
// receipt (with the code's SHA-256, never the code), the code itself once per workspace
// (code_blobs), the run (code_runs, keyed by the receipt) and, for ESCALATE, the approval
// request a reviewer decides with the code and its operations in front of them.
import { createHash } from "node:crypto";
import type { Actor, Tx } from "@/lib/audit/append-events";
import type { Prisma } from "@/lib/generated/prisma/client";
import { evaluateForSession, type Decided, type Evaluation } from "@/lib/policies/evaluate-for-session";
import { analyzeCode } from "./analyze-code";
import type { ExecEvaluateInput } from "./schemas";
import type { Analysis } from "./types";

/** Receipts and approval requests list at most this many operations (the run row keeps them all). */
const MAX_LISTED_OPERATIONS = 200;
/** A reviewer reads the code in the approval request up to this size (the whole code is in code_blobs). */
const MAX_REVIEW_CODE_CHARS = 65_536;

const sha256Hex = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** What `rules[].when` conditions can read: `language`, `size_bytes`, `modules`, `operations`, `context.*`. */
function policyParams(analysis: Analysis, context: ExecEvaluateInput["context"]) {
  const modules = [...new Set(analysis.operations.filter((o) => o.kind === "import" && o.target !== null).map((o) => o.target as string))];
  return {
    language: analysis.language,
    size_bytes: analysis.size_bytes,
    lines: analysis.lines,
    parsed: analysis.parsed,
    modules,
    operations: [...new Set(analysis.operations.map((o) => o.kind))],
    ...(context ? { context } : {}),
  };
}

type Run = { input: ExecEvaluateInput; analysis: Analysis; codeSha256: string; evaluation: Evaluation; decided: Decided };

async function recordRun(tx: Tx, workspaceId: string, { input, analysis, codeSha256, evaluation, decided }: Run) {
  await tx.$executeRaw`
    INSERT INTO code_blobs (workspace_id, sha256, language, code, size_bytes)
    VALUES (${workspaceId}, ${codeSha256}, ${input.language}, ${input.code}, ${analysis.size_bytes})
    ON CONFLICT (workspace_id, sha256) DO NOTHING`;
  await tx.codeRun.create({
    data: {
      id: evaluation.receipt_id,
      workspaceId,
      sessionId: input.session_id,
      agentId: decided.agent_id,
      suggestedBy: input.suggested_by ?? null,
      conversationId: input.conversation_id ?? null,
      language: input.language,
      codeSha256,
      parsed: analysis.parsed,
      operations: analysis.operations as unknown as Prisma.InputJsonArray,
      decision: evaluation.decision,
      reasons: evaluation.reasons as Prisma.InputJsonArray,
      ...(evaluation.runtime ? { runtime: evaluation.runtime } : {}),
      policyVersions: decided.policy_versions,
      approvalId: evaluation.approval_id ?? null,
    },
  });
}

export async function evaluateCode(workspaceId: string, input: ExecEvaluateInput, actor: Actor) {
  const analysis = await analyzeCode(input.language, input.code);
  const codeSha256 = sha256Hex(input.code);
  const listed = analysis.operations.slice(0, MAX_LISTED_OPERATIONS) as unknown as Prisma.InputJsonArray;
  const summary = {
    code_sha256: codeSha256,
    language: input.language,
    parsed: analysis.parsed,
    operations: listed,
    operations_total: analysis.operations.length,
  };
  const evaluation = await evaluateForSession(
    workspaceId,
    { session_id: input.session_id, kind: "code_execution", tool: input.language, action: "execute", params: policyParams(analysis, input.context), suggested_by: input.suggested_by },
    actor,
    async (tx, result, decided) => {
      await recordRun(tx, workspaceId, { input, analysis, codeSha256, evaluation: result, decided });
      return decided.policy_versions;
    },
    {
      analysis,
      receiptDetails: { ...summary, conversation_id: input.conversation_id ?? null },
      approvalDetails: {
        ...summary,
        parse_errors: analysis.parse_errors as unknown as Prisma.InputJsonArray,
        code: input.code.slice(0, MAX_REVIEW_CODE_CHARS),
        code_truncated: input.code.length > MAX_REVIEW_CODE_CHARS,
        conversation_id: input.conversation_id ?? null,
      },
    },
  );
  const { settled: policyVersions, ...decision } = evaluation;
  return {
    receipt_id: decision.receipt_id,
    decision: decision.decision,
    reasons: decision.reasons,
    operations: analysis.operations,
    parsed: analysis.parsed,
    parse_errors: analysis.parse_errors,
    code_sha256: codeSha256,
    ...(decision.runtime ? { runtime: decision.runtime } : {}),
    ...(decision.approval_id ? { approval_id: decision.approval_id } : {}),
    policy_versions: policyVersions,
  };
}
