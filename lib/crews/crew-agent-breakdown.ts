import { prisma } from "@/lib/db/client";
import { fromMicros } from "@/lib/money";

type Row = {
  agent_id: string;
  display_name: string | null;
  is_member: boolean;
  spent_micros: bigint;
  payments: bigint;
  actions: bigint;
  budget_micros: bigint | null;
};

export type CrewAgentBreakdown = {
  agent_id: string;
  display_name: string | null;
  /** False for an agent that spent in the crew's window but has since left it. */
  is_member: boolean;
  spent: number;
  /** spent / the crew's budget, 0..1+ (null without a budget). */
  budget_share: number | null;
  payments: number;
  /** Audit events of the agent's sessions in this crew, but the sessions' own creation and revocation. */
  actions: number;
};

/**
 * Per agent of a crew, within the crew's current window: what it spent in the crew (its
 * authorized payments with this crew_id), its share of the crew's budget, and how many
 * payments and actions it made. Members without activity are listed with zeros. Summed in
 * the database; the caller checks that the crew exists.
 */
export async function crewAgentBreakdown(workspaceId: string, crewId: string): Promise<CrewAgentBreakdown[]> {
  const db = await prisma();
  const rows = await db.$queryRaw<Row[]>`
    WITH w AS (
      SELECT c.budget_micros, coalesce(warden_window_start(c.budget_window, now()), c.window_start) AS window_start
      FROM crews c WHERE c.id = ${crewId} AND c.workspace_id = ${workspaceId}
    ), mem AS (
      SELECT a.agent_id FROM crew_members m JOIN agents a ON a.id = m.agent_pk
      WHERE m.crew_id = ${crewId} AND a.workspace_id = ${workspaceId}
    ), paid AS (
      SELECT p.agent_id, sum(p.amount_micros)::bigint AS spent_micros, count(*)::bigint AS payments
      FROM payment_authorizations p, w
      WHERE p.workspace_id = ${workspaceId} AND p.crew_id = ${crewId} AND p.created_at >= w.window_start
      GROUP BY p.agent_id
    ), acted AS (
      SELECT e.agent_id, count(*)::bigint AS actions
      FROM audit_events e JOIN sessions s ON s.id = e.session_id AND s.workspace_id = ${workspaceId}, w
      WHERE e.workspace_id = ${workspaceId} AND s.crew_id = ${crewId} AND e.created_at >= w.window_start
        AND e.action NOT IN ('session.created', 'session.revoked') AND e.agent_id IS NOT NULL
      GROUP BY e.agent_id
    ), ids AS (
      SELECT agent_id FROM mem UNION SELECT agent_id FROM paid UNION SELECT agent_id FROM acted
    )
    SELECT ids.agent_id, a.display_name, (mem.agent_id IS NOT NULL) AS is_member,
      coalesce(paid.spent_micros, 0)::bigint AS spent_micros, coalesce(paid.payments, 0)::bigint AS payments,
      coalesce(acted.actions, 0)::bigint AS actions, w.budget_micros
    FROM ids CROSS JOIN w
      LEFT JOIN mem ON mem.agent_id = ids.agent_id
      LEFT JOIN paid ON paid.agent_id = ids.agent_id
      LEFT JOIN acted ON acted.agent_id = ids.agent_id
      LEFT JOIN agents a ON a.workspace_id = ${workspaceId} AND a.agent_id = ids.agent_id
    ORDER BY spent_micros DESC, ids.agent_id`;
  return rows.map((row) => {
    const spent = BigInt(row.spent_micros);
    const budget = row.budget_micros === null ? null : BigInt(row.budget_micros);
    return {
      agent_id: row.agent_id,
      display_name: row.display_name,
      is_member: row.is_member,
      spent: fromMicros(spent)!,
      budget_share: budget === null || budget === 0n ? null : Number(spent) / Number(budget),
      payments: Number(row.payments),
      actions: Number(row.actions),
    };
  });
}
