import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { filterCondition, type AuditFilter } from "./audit-filter";
import type { ChainFields } from "./chain-hash";
import { actorLabels } from "@/lib/members/actor-labels";
import { toEntryView } from "./entry-view";

export type EntryRow = ChainFields & { entryHash: string };

/** The columns of an audit row under the names ChainFields uses (alias `e`). */
export const ENTRY_COLUMNS = Prisma.sql`e.id, e.workspace_id AS "workspaceId", e.seq, e.created_at AS "createdAt",
  e.actor_type AS "actorType", e.actor_id AS "actorId", e.agent_id AS "agentId", e.session_id AS "sessionId",
  e.suggested_by AS "suggestedBy", e.tool, e.action, e.decision, e.cost_micros AS "costMicros", e.details,
  e.flagged, e.flag_reason AS "flagReason", e.prev_hash AS "prevHash", e.entry_hash AS "entryHash"`;

/** Entry views with a readable actor (a member's name or email, an API key's name), when known. */
export async function toLabelledViews(workspaceId: string, rows: EntryRow[]) {
  const ref = (row: EntryRow) => `${row.actorType}:${row.actorId}`;
  const labels = await actorLabels(workspaceId, rows.map(ref));
  return rows.map((row) => ({ ...toEntryView(row), actor_label: labels[ref(row)] ?? null }));
}
export type LabelledEntryView = Awaited<ReturnType<typeof toLabelledViews>>[number];

/**
 * A page of the rows matching the filter, newest first, keyed by sequence number:
 * `next_cursor` is the seq to continue below (null on the last page).
 */
export async function listFilteredRows(workspaceId: string, filter: AuditFilter, page: { cursor?: bigint; limit: number }) {
  const db = await prisma();
  const below = page.cursor === undefined ? Prisma.empty : Prisma.sql`AND e.seq < ${page.cursor}`;
  const rows = await db.$queryRaw<EntryRow[]>`
    SELECT ${ENTRY_COLUMNS} FROM audit_events e
    WHERE ${filterCondition(workspaceId, filter)} ${below}
    ORDER BY e.seq DESC LIMIT ${page.limit + 1}`;
  const pageRows = rows.slice(0, page.limit);
  return { rows: pageRows, next_cursor: rows.length > page.limit ? pageRows.at(-1)!.seq : null };
}

/** The dashboard's page of entries: labelled views, next_cursor as a number. */
export async function listFilteredEntries(workspaceId: string, filter: AuditFilter, page: { cursor?: number; limit: number }) {
  const { rows, next_cursor } = await listFilteredRows(workspaceId, filter, {
    cursor: page.cursor === undefined ? undefined : BigInt(page.cursor),
    limit: page.limit,
  });
  return { entries: await toLabelledViews(workspaceId, rows), next_cursor: next_cursor === null ? null : Number(next_cursor) };
}

/** How many entries match the filter (for the explorer's heading). */
export async function countFilteredEntries(workspaceId: string, filter: AuditFilter) {
  const db = await prisma();
  const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM audit_events e WHERE ${filterCondition(workspaceId, filter)}`;
  return Number(row?.n ?? 0n);
}
