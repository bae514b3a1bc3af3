// Reads the entries an export covers, oldest first, one page per query (keyset on seq), so an
// export never holds more than one page in memory. `details` is read as jsonb text and the
// timestamp formatted by the database exactly as the chain hash writes it.
import { prisma } from "@/lib/db/client";
import { filterCondition, type AuditFilter } from "@/lib/audit/audit-filter";
import type { ExportRow } from "./columns";

export const EXPORT_PAGE_SIZE = 1000;

export type ExportRange = { workspaceId: string; filter: AuditFilter; through: number };

export async function* readExportPages(range: ExportRange, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<ExportRow[]> {
  const db = await prisma();
  let after = 0n;
  for (;;) {
    const rows = await db.$queryRaw<ExportRow[]>`
      SELECT e.id, e.workspace_id, e.seq,
             to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS timestamp,
             e.actor_type, e.actor_id, e.agent_id, e.session_id, e.suggested_by, e.tool, e.action,
             e.decision, e.cost_micros, e.details::text AS details, e.flagged, e.flag_reason,
             e.prev_hash, e.entry_hash
      FROM audit_events e
      WHERE ${filterCondition(range.workspaceId, range.filter)} AND e.seq > ${after} AND e.seq <= ${BigInt(range.through)}
      ORDER BY e.seq LIMIT ${pageSize}`;
    if (rows.length === 0) return;
    const page = rows.map((row) => ({ ...row, seq: BigInt(row.seq), cost_micros: BigInt(row.cost_micros) }));
    yield page;
    if (page.length < pageSize) return;
    after = page.at(-1)!.seq;
  }
}

/** The workspace's chain head now: the default `through` of an export. */
export async function chainHeadSeq(workspaceId: string): Promise<number> {
  const db = await prisma();
  const head = await db.auditChainHead.findUnique({ where: { workspaceId }, select: { seq: true } });
  return Number(head?.seq ?? 0n);
}

/** The hash of the entry at `seq` (the genesis hash for seq 0), or null if there is none. */
export async function entryHashAt(workspaceId: string, seq: number): Promise<string | null> {
  const db = await prisma();
  const row = await db.auditEvent.findUnique({ where: { workspaceId_seq: { workspaceId, seq: BigInt(seq) } }, select: { entryHash: true } });
  return row?.entryHash ?? null;
}
