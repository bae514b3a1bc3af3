import { describeProblem, readTail, scanChain, tailMatches } from "./verify-queries";

/**
 * Recomputes every entry's hash in the database and checks the links: the first entry whose
 * stored hash differs is tampered (a changed field); the first whose prev_hash or seq does not
 * follow its predecessor marks a deletion, insertion or reordering. The chain head must match
 * the last entry, which catches a deleted tail.
 */
export async function verifyChain(workspaceId: string) {
  const { checked, problem } = await scanChain(workspaceId);
  if (problem) {
    const at = { seq: problem.seq, entry_id: problem.entry_id };
    const error = describeProblem(problem);
    if (problem.kind === "modified") return { verified: false, entries_checked: checked, tampered_entry: at, error };
    return { verified: false, entries_checked: checked, broken_at: at, error };
  }
  const tail = await readTail(workspaceId);
  if (tail && !tailMatches(tail)) {
    return { verified: false, entries_checked: checked, broken_at: { seq: tail.headSeq, entry_id: null }, error: "The newest entries of the chain are missing" };
  }
  return { verified: true, entries_checked: checked, message: `All ${checked} entries verified` };
}
