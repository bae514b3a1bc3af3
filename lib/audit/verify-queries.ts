// The SQL every chain verification shares: the whole chain at once (GET /api/v1/audit/verify)
// and the explorer's chunk-by-chunk "Verify now" find exactly the same first problem, because
// both recompute hashes with warden_entry_hash and check each entry's link to the one before it.
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { GENESIS_HASH } from "./chain-hash";

export type ProblemKind = "modified" | "broken_link" | "gap";
export type EntryProblem = { kind: ProblemKind; seq: number; entry_id: string };

type ScanRow = { n: bigint; seq: bigint | null; id: string | null; kind: ProblemKind | null };

/**
 * Checks a workspace's entries with seq in [from, to] (every entry without a range): each stored
 * hash against its recomputation, and each entry's seq and prev_hash against its predecessor, the
 * entry just below `from` for the first one in a range (none: the genesis hash and seq 0).
 * Returns how many entries were checked and the first problem, by seq.
 */
export async function scanChain(workspaceId: string, range?: { from: number; to: number }) {
  const db = await prisma();
  const predecessor = range
    ? Prisma.sql`SELECT p.seq, p.entry_hash FROM audit_events p
        WHERE p.workspace_id = ${workspaceId} AND p.seq < ${BigInt(range.from)} ORDER BY p.seq DESC LIMIT 1`
    : Prisma.sql`SELECT NULL::bigint AS seq, NULL::text AS entry_hash WHERE false`;
  const inRange = range ? Prisma.sql`AND e.seq BETWEEN ${BigInt(range.from)} AND ${BigInt(range.to)}` : Prisma.empty;
  const [row] = await db.$queryRaw<ScanRow[]>`
    WITH pred AS (${predecessor}),
    chain AS (
      SELECT e.seq, e.id, e.entry_hash, e.prev_hash, warden_entry_hash(e) AS computed,
             COALESCE(lag(e.entry_hash) OVER w, (SELECT entry_hash FROM pred), ${GENESIS_HASH}::text) AS expected_prev,
             COALESCE(lag(e.seq) OVER w, (SELECT seq FROM pred), 0::bigint) AS previous_seq
      FROM audit_events e WHERE e.workspace_id = ${workspaceId} ${inRange}
      WINDOW w AS (ORDER BY e.seq)),
    first_problem AS (
      SELECT seq, id,
        CASE WHEN seq <> previous_seq + 1 THEN 'gap'
             WHEN prev_hash <> expected_prev THEN 'broken_link'
             ELSE 'modified' END AS kind
      FROM chain
      WHERE computed <> entry_hash OR prev_hash <> expected_prev OR seq <> previous_seq + 1
      ORDER BY seq LIMIT 1)
    SELECT (SELECT count(*) FROM chain) AS n, f.seq, f.id, f.kind
    FROM (SELECT 1) AS one LEFT JOIN first_problem f ON true`;
  const problem: EntryProblem | null =
    row?.seq != null && row.id && row.kind ? { kind: row.kind, seq: Number(row.seq), entry_id: row.id } : null;
  return { checked: Number(row?.n ?? 0n), problem };
}

/** What an auditor reads about a problem; it always names the seq. */
export function describeProblem(problem: EntryProblem): string {
  switch (problem.kind) {
    case "modified":
      return `Entry ${problem.entry_id} (seq ${problem.seq}) was modified: its hash does not match its contents`;
    case "broken_link":
      return `Entry ${problem.entry_id} (seq ${problem.seq}) does not link to the entry before it: an entry was deleted, inserted or moved`;
    case "gap":
      return `The chain has a gap or reordering before seq ${problem.seq}: an entry was deleted, inserted or moved`;
  }
}

export type ChainTail = { headSeq: number; headHash: string; lastSeq: number; lastHash: string; lastId: string | null };

/** The chain head (seq and hash of the newest entry, as appenders left it) and the newest entry; null without a head. */
export async function readTail(workspaceId: string): Promise<ChainTail | null> {
  const db = await prisma();
  const [row] = await db.$queryRaw<{ head_seq: bigint; head_hash: string; last_seq: bigint | null; last_hash: string | null; last_id: string | null }[]>`
    SELECT h.seq AS head_seq, h.hash AS head_hash, l.seq AS last_seq, l.entry_hash AS last_hash, l.id AS last_id
    FROM audit_chain_heads h
    LEFT JOIN LATERAL (SELECT seq, entry_hash, id FROM audit_events WHERE workspace_id = h.workspace_id ORDER BY seq DESC LIMIT 1) l ON true
    WHERE h.workspace_id = ${workspaceId}`;
  if (!row) return null;
  return {
    headSeq: Number(row.head_seq),
    headHash: row.head_hash,
    lastSeq: Number(row.last_seq ?? 0n),
    lastHash: row.last_hash ?? GENESIS_HASH,
    lastId: row.last_id,
  };
}

export const tailMatches = (tail: ChainTail) => tail.headSeq === tail.lastSeq && tail.headHash === tail.lastHash;
