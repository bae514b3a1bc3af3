import { prisma } from "@/lib/db/client";
import type { Period } from "./period";
import { agentAction, inPeriod } from "./sql-parts";

export type TopDenied = { agent_id: string; display_name: string | null; denials: number; actions: number };

/** The agents with the most denied (BLOCK) actions in the period, most first. */
export async function listTopDenied(workspaceId: string, period: Period, limit = 5): Promise<TopDenied[]> {
  const db = await prisma();
  const rows = await db.$queryRaw<{ agent_id: string; display_name: string | null; denials: bigint; actions: bigint }[]>`
    SELECT e.agent_id, a.display_name, count(*) FILTER (WHERE e.decision = 'BLOCK') AS denials, count(*) AS actions
    FROM audit_events e
    LEFT JOIN agents a ON a.workspace_id = e.workspace_id AND a.agent_id = e.agent_id
    WHERE ${agentAction(workspaceId)} AND ${inPeriod(period, "e")} AND e.agent_id IS NOT NULL
    GROUP BY e.agent_id, a.display_name
    HAVING count(*) FILTER (WHERE e.decision = 'BLOCK') > 0
    ORDER BY denials DESC, e.agent_id LIMIT ${limit}`;
  return rows.map((r) => ({ agent_id: r.agent_id, display_name: r.display_name, denials: Number(r.denials), actions: Number(r.actions) }));
}
