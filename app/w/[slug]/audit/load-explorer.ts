// What the explorer reads besides the entries: the distinct agents and tools for the filter's
// suggestions (small, tenant-scoped queries) and one entry by its seq for the drawer.
import { prisma } from "@/lib/db/client";
import { ENTRY_COLUMNS, toLabelledViews, type EntryRow } from "@/lib/audit/list-filtered-entries";
import type { EntryView } from "@/components/audit/types";

const SUGGESTIONS = 200;

export async function loadFilterOptions(workspaceId: string) {
  const db = await prisma();
  const [agents, tools] = await Promise.all([
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT agent_id AS v FROM audit_events
      WHERE workspace_id = ${workspaceId} AND agent_id IS NOT NULL ORDER BY 1 LIMIT ${SUGGESTIONS}`,
    db.$queryRaw<{ v: string }[]>`SELECT DISTINCT tool AS v FROM audit_events
      WHERE workspace_id = ${workspaceId} AND tool <> '' ORDER BY 1 LIMIT ${SUGGESTIONS}`,
  ]);
  return { agents: agents.map((r) => r.v), tools: tools.map((r) => r.v) };
}

/** The workspace's entry with this seq, or null. */
export async function loadEntry(workspaceId: string, seq: number): Promise<EntryView | null> {
  const db = await prisma();
  const [row] = await db.$queryRaw<EntryRow[]>`
    SELECT ${ENTRY_COLUMNS} FROM audit_events e WHERE e.workspace_id = ${workspaceId} AND e.seq = ${BigInt(seq)}`;
  return row ? (await toLabelledViews(workspaceId, [row]))[0]! : null;
}
