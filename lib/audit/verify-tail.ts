import type { ChainProblem } from "./verify-range";
import { readTail, tailMatches } from "./verify-queries";

/**
 * The chain head (kept by every appender in the same transaction as the entry) must name the
 * newest entry: otherwise the newest entries were deleted, entries were added behind the
 * appenders' back, or the newest entry was replaced. Returns the head's seq and the problem.
 */
export async function verifyTail(workspaceId: string): Promise<{ head_seq: number; problem: ChainProblem | null }> {
  const tail = await readTail(workspaceId);
  if (!tail || tailMatches(tail)) return { head_seq: tail?.headSeq ?? 0, problem: null };
  const { headSeq, lastSeq, lastId } = tail;
  if (lastSeq < headSeq) {
    return {
      head_seq: headSeq,
      problem: {
        kind: "missing_tail",
        seq: headSeq,
        entry_id: null,
        message: `The newest entries of the chain are missing: the chain head records seq ${headSeq}, the newest entry is seq ${lastSeq}`,
      },
    };
  }
  if (lastSeq > headSeq) {
    return {
      head_seq: headSeq,
      problem: {
        kind: "beyond_head",
        seq: lastSeq,
        entry_id: lastId,
        message: `Entry ${lastId} (seq ${lastSeq}) lies beyond the chain head (seq ${headSeq}): entries were added outside Warden`,
      },
    };
  }
  return {
    head_seq: headSeq,
    problem: {
      kind: "head_mismatch",
      seq: lastSeq,
      entry_id: lastId,
      message: `Entry ${lastId} (seq ${lastSeq}) is not the entry the chain head records: the newest entry was replaced`,
    },
  };
}
