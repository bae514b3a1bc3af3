import type { z } from "zod";
import { toEntryView } from "./entry-view";
import { listFilteredRows } from "./list-filtered-entries";
import type { ListAuditQuery } from "./schemas";

/** GET /api/v1/audit: newest first, paged by sequence number (next_cursor: the seq to continue below). */
export async function listEntries(workspaceId: string, query: z.infer<typeof ListAuditQuery>) {
  const filter = { agent: query.agent_id, session: query.session_id, tool: query.tool || undefined, flagged: query.flagged };
  const { rows, next_cursor } = await listFilteredRows(
    workspaceId,
    { ...filter, decision: undefined, from: undefined, to: undefined, q: undefined },
    { cursor: query.cursor ? BigInt(query.cursor) : undefined, limit: query.limit },
  );
  return { count: rows.length, entries: rows.map(toEntryView), next_cursor: next_cursor === null ? null : String(next_cursor) };
}
