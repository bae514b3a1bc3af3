import { prisma } from "@/lib/db/client";
import { GENESIS_HASH } from "./chain-hash";

type Problem = { seq: bigint; id: string; problem: "hash_mismatch" | "broken_link" | "sequence_gap" };

/**
 * Recomputes every entry's hash in the database and checks the links: the first entry whose
 * stored hash differs is tampered (a changed field); the first whose prev_hash or seq does not
 * follow its predecessor marks a deletion, insertion or reordering. The chain head must match
 * the last entry, which catches a deleted tail.
 */
export async function verifyChain(workspaceId: string) {
  const db = await prisma();
  const [problem] = await db.$queryRaw<Problem[]>`
    WITH chain AS (
      SELECT e.seq, e.id, e.entry_hash, e.prev_hash, warden_entry_hash(e) AS computed,
             lag(e.entry_hash, 1, ${GENESIS_HASH}) OVER (ORDER BY e.seq) AS expected_prev,
             lag(e.seq, 1, 0::bigint) OVER (ORDER BY e.seq) AS previous_seq
      FROM audit_events e WHERE e.workspace_id = ${workspaceId})
    SELECT seq, id,
      CASE WHEN seq <> previous_seq + 1 THEN 'sequence_gap'
           WHEN prev_hash <> expected_prev THEN 'broken_link'
           ELSE 'hash_mismatch' END AS problem
    FROM chain
    WHERE computed <> entry_hash OR prev_hash <> expected_prev OR seq <> previous_seq + 1
    ORDER BY seq LIMIT 1`;
  const [stats] = await db.$queryRaw<{ n: bigint; last_seq: bigint | null; last_hash: string | null; head_seq: bigint | null; head_hash: string | null }[]>`
    SELECT (SELECT count(*) FROM audit_events WHERE workspace_id = ${workspaceId}) AS n,
           (SELECT seq FROM audit_events WHERE workspace_id = ${workspaceId} ORDER BY seq DESC LIMIT 1) AS last_seq,
           (SELECT entry_hash FROM audit_events WHERE workspace_id = ${workspaceId} ORDER BY seq DESC LIMIT 1) AS last_hash,
           h.seq AS head_seq, h.hash AS head_hash
    FROM audit_chain_heads h WHERE h.workspace_id = ${workspaceId}`;
  const checked = Number(stats?.n ?? 0n);
  if (problem) {
    const at = { seq: Number(problem.seq), entry_id: problem.id };
    if (problem.problem === "hash_mismatch") {
      return { verified: false, entries_checked: checked, tampered_entry: at, error: `Entry ${problem.id} (seq ${at.seq}) was modified: its hash does not match its contents` };
    }
    return {
      verified: false,
      entries_checked: checked,
      broken_at: at,
      error:
        problem.problem === "sequence_gap"
          ? `The chain has a gap or reordering before seq ${at.seq}: an entry was deleted, inserted or moved`
          : `Entry ${problem.id} (seq ${at.seq}) does not link to the entry before it: an entry was deleted, inserted or moved`,
    };
  }
  if (stats && (stats.head_seq !== (stats.last_seq ?? 0n) || stats.head_hash !== (stats.last_hash ?? GENESIS_HASH))) {
    return { verified: false, entries_checked: checked, broken_at: { seq: Number(stats.head_seq), entry_id: null }, error: "The newest entries of the chain are missing" };
  }
  return { verified: true, entries_checked: checked, message: `All ${checked} entries verified` };
}
