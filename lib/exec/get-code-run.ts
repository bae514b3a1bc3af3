import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { runOperations, toCodeRunItem, type CodeRunItem } from "./code-run-view";
import type { Operation, RuntimeConstraints } from "./types";

export type CodeRunDetail = CodeRunItem & {
  code: string;
  size_bytes: number;
  operations: Operation[];
  reasons: unknown[];
  runtime: RuntimeConstraints | null;
  policy_versions: unknown[];
  approval: { id: string; status: string; decided_by: string | null; decided_at: string | null } | null;
};

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** One run (404 when this workspace holds no such receipt). */
export async function getCodeRun(workspaceId: string, receiptId: string): Promise<CodeRunDetail> {
  const run = await findCodeRun(workspaceId, receiptId);
  if (!run) throw notFound(`Execution '${receiptId}'`);
  return run;
}

/** One run with its code (auditors may read it), operations, reasons, runtime, policies, approval and result. */
export async function findCodeRun(workspaceId: string, receiptId: string): Promise<CodeRunDetail | null> {
  const db = await prisma();
  const run = await db.codeRun.findFirst({ where: { id: receiptId, workspaceId }, include: { blob: true } });
  if (!run) return null;
  const approval = run.approvalId
    ? await db.approvalRequest.findFirst({ where: { id: run.approvalId, workspaceId }, select: { id: true, status: true, decidedBy: true, decidedAt: true } })
    : null;
  return {
    ...toCodeRunItem(run),
    code: run.blob.code,
    size_bytes: run.blob.sizeBytes,
    operations: runOperations(run),
    reasons: asArray(run.reasons),
    runtime: (run.runtime as RuntimeConstraints | null) ?? null,
    policy_versions: asArray(run.policyVersions),
    approval: approval && {
      id: approval.id,
      status: approval.status,
      decided_by: approval.decidedBy,
      decided_at: approval.decidedAt?.toISOString() ?? null,
    },
  };
}
