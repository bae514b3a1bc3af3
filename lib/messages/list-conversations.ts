import { sql } from "@/lib/db/client";

type Row = { conversation_id: string; messages: number; flagged: number; blocked: number; agents: string[]; last_at: Date };

/** The workspace's conversations, most recently active first, with how many messages were flagged or blocked. */
export async function listConversations(workspaceId: string, limit = 100) {
  const rows = await sql<Row>(
    `SELECT conversation_id, count(*)::int AS messages,
            (count(*) FILTER (WHERE jsonb_array_length(detections) > 0))::int AS flagged,
            (count(*) FILTER (WHERE decision = 'BLOCK'))::int AS blocked,
            array(SELECT DISTINCT unnest(array_agg(sender_agent_id) || array_agg(recipient_agent_id)) ORDER BY 1) AS agents,
            max(created_at) AS last_at
     FROM agent_messages WHERE workspace_id = $1
     GROUP BY conversation_id ORDER BY max(created_at) DESC LIMIT $2`,
    [workspaceId, limit],
  );
  return rows.map((r) => ({ ...r, last_at: new Date(r.last_at).toISOString() }));
}
