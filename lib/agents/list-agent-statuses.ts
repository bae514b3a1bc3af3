import { prisma } from "@/lib/db/client";
import { agentAction, inPeriod } from "@/lib/dashboard/sql-parts";
import type { Period } from "@/lib/dashboard/period";
import { fromMicros } from "@/lib/money";
import { spentInWindow } from "./agent-view";

export type AgentStatus = "active" | "idle" | "over_budget";

export type AgentListItem = {
  agent_id: string;
  display_name: string | null;
  status: AgentStatus;
  live_sessions: number;
  period_spend: number;
  budget: number | null;
  budget_window: string;
  remaining_budget: number | null;
  last_action: { action: string; tool: string; decision: string | null; at: string } | null;
};

type Row = {
  agent_id: string;
  display_name: string | null;
  budget_micros: bigint | null;
  spent_micros: bigint;
  budget_window: string;
  window_start: Date;
  live_sessions: bigint;
  period_micros: bigint;
  last_action: string | null;
  last_tool: string | null;
  last_decision: string | null;
  last_at: Date | null;
};

/**
 * Every agent of the workspace with its status (over budget when a budget's remaining amount is
 * 0 or less; else active while it has a live session — unrevoked and unexpired — else idle),
 * its spend in the period, budget and remaining amount, and its last action in the audit trail.
 */
export async function listAgentStatuses(workspaceId: string, period: Period): Promise<AgentListItem[]> {
  const db = await prisma();
  const rows = await db.$queryRaw<Row[]>`
    SELECT a.agent_id, a.display_name, a.budget_micros, a.spent_micros, a.budget_window, a.window_start,
      (SELECT count(*) FROM sessions s WHERE s.workspace_id = a.workspace_id AND s.agent_pk = a.id
        AND s.revoked_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > now())) AS live_sessions,
      (SELECT coalesce(sum(p.amount_micros), 0)::bigint FROM payment_authorizations p
        WHERE p.workspace_id = a.workspace_id AND p.agent_id = a.agent_id AND ${inPeriod(period, "p")}) AS period_micros,
      last.action AS last_action, last.tool AS last_tool, last.decision AS last_decision, last.created_at AS last_at
    FROM agents a
    LEFT JOIN LATERAL (
      SELECT e.action, e.tool, e.decision, e.created_at FROM audit_events e
      WHERE ${agentAction(workspaceId)} AND e.agent_id = a.agent_id ORDER BY e.seq DESC LIMIT 1) last ON true
    WHERE a.workspace_id = ${workspaceId}
    ORDER BY a.agent_id`;
  return rows.map(toItem);
}

function toItem(row: Row): AgentListItem {
  const spent = spentInWindow({ spentMicros: BigInt(row.spent_micros), budgetWindow: row.budget_window, windowStart: row.window_start });
  const budget = row.budget_micros === null ? null : BigInt(row.budget_micros);
  const remaining = budget === null ? null : budget - spent;
  const live = Number(row.live_sessions);
  return {
    agent_id: row.agent_id,
    display_name: row.display_name,
    status: remaining !== null && remaining <= 0n ? "over_budget" : live > 0 ? "active" : "idle",
    live_sessions: live,
    period_spend: fromMicros(row.period_micros)!,
    budget: fromMicros(budget),
    budget_window: row.budget_window,
    remaining_budget: remaining === null ? null : fromMicros(remaining > 0n ? remaining : 0n),
    last_action: row.last_action === null ? null : { action: row.last_action, tool: row.last_tool ?? "", decision: row.last_decision, at: row.last_at!.toISOString() },
  };
}
