import { describeProblem, scanChain, type ProblemKind } from "./verify-queries";

export type ChainProblem = {
  kind: ProblemKind | "missing_tail" | "beyond_head" | "head_mismatch";
  seq: number;
  entry_id: string | null;
  message: string;
};

/**
 * Verifies a workspace's entries with seq in [from, to], one chunk of a long chain: hashes
 * recomputed in the database, seq continuity and prev_hash links, including the link from the
 * first entry of the range to the entry before it. Chunks covering 1..head find the same first
 * problem as verifying the whole chain at once; verifyTail completes the check.
 */
export async function verifyRange(workspaceId: string, range: { from: number; to: number }) {
  const { checked, problem } = await scanChain(workspaceId, range);
  return {
    from: range.from,
    to: range.to,
    entries_checked: checked,
    problem: problem ? ({ ...problem, message: describeProblem(problem) } satisfies ChainProblem) : null,
  };
}
