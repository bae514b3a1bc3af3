import type { Actor } from "./append-events";
import { appendAuditEvent } from "./append-events";
import { prisma } from "@/lib/db/client";
import { verifyRange, type ChainProblem } from "./verify-range";
import { checkedProgress, type SignedProgress } from "./verify-receipt";
import { readTail } from "./verify-queries";
import { verifyTail } from "./verify-tail";

/**
 * Ends a chunked verification: verifies what the chunks did not reach (entries appended since it
 * started), checks the chain head against the newest entry, and records the outcome as an
 * `audit.verified` event in the chain it verified.
 */
export async function finishVerification(workspaceId: string, actor: Actor, previous: SignedProgress | null) {
  const progress = checkedProgress(workspaceId, previous);
  let { through, entries_checked: checked } = progress;
  let problem: ChainProblem | null = progress.problem;
  if (!problem) {
    const headSeq = (await readTail(workspaceId))?.headSeq ?? 0;
    if (through < headSeq) {
      const rest = await verifyRange(workspaceId, { from: through + 1, to: headSeq });
      [through, checked, problem] = [headSeq, checked + rest.entries_checked, rest.problem];
    }
  }
  problem ??= (await verifyTail(workspaceId)).problem;
  const result = { verified: problem === null, entries_checked: checked, through, problem };
  const db = await prisma();
  const event = await db.$transaction((tx) =>
    appendAuditEvent(tx, workspaceId, {
      actor,
      action: "audit.verified",
      tool: "audit",
      details: { verified: result.verified, entries_checked: checked, through, ...(problem ? { problem } : {}) },
    }),
  );
  return { ...result, event_seq: Number(event.seq) };
}
