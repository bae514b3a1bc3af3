import { prisma } from "@/lib/db/client";
import { fromMicros } from "@/lib/money";
import type { Period } from "./period";
import { agentAction, inPeriod } from "./sql-parts";

export type OverviewFigures = {
  actions: number;
  spend: number;
  blocked: number;
  escalated: number;
  /** Now, whatever the period: requests waiting for a reviewer and sessions that can still act. */
  pending_approvals: number;
  active_sessions: number;
};

/** The overview's headline figures for the period (see sql-parts.ts for what each counts). */
export async function getOverviewFigures(workspaceId: string, period: Period): Promise<OverviewFigures> {
  const db = await prisma();
  const [row] = await db.$queryRaw<{ actions: bigint; blocked: bigint; escalated: bigint; spend: bigint; pending: bigint; active: bigint }[]>`
    SELECT a.actions, a.blocked, a.escalated,
      (SELECT coalesce(sum(p.amount_micros), 0)::bigint FROM payment_authorizations p
        WHERE p.workspace_id = ${workspaceId} AND ${inPeriod(period, "p")}) AS spend,
      (SELECT count(*) FROM approval_requests r
        WHERE r.workspace_id = ${workspaceId} AND r.status = 'pending' AND r.expires_at > now()) AS pending,
      (SELECT count(*) FROM sessions s
        WHERE s.workspace_id = ${workspaceId} AND s.revoked_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > now())) AS active
    FROM (SELECT count(*) AS actions,
            count(*) FILTER (WHERE e.decision = 'BLOCK') AS blocked,
            count(*) FILTER (WHERE e.decision = 'ESCALATE') AS escalated
          FROM audit_events e WHERE ${agentAction(workspaceId)} AND ${inPeriod(period, "e")}) a`;
  return {
    actions: Number(row!.actions),
    spend: fromMicros(row!.spend)!,
    blocked: Number(row!.blocked),
    escalated: Number(row!.escalated),
    pending_approvals: Number(row!.pending),
    active_sessions: Number(row!.active),
  };
}

