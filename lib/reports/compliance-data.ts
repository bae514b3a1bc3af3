// The figures of a compliance report for one workspace and period, aggregated in SQL.
//
// Spend is counted the way budgets count it: authorized payments (payment_authorizations, the
// rows warden_authorize_payment writes when it charges the session, agent and crew budgets), by
// the time they were authorized. Refused payments and the costs agents merely log
// (POST /audit cost) are not spend. Decisions are the audit events that carry one (scope
// checks, payments, policy evaluations, approvals, logged actions), by outcome.
import { verifyChain } from "@/lib/audit/verify-chain";
import { prisma } from "@/lib/db/client";
import { fromMicros } from "@/lib/money";
import { approvalsInPeriod, MAX_APPROVAL_ROWS, type ReportApproval } from "./approvals-in-period";
import type { ReportPeriod } from "./report-period";

export type SpendRow = { id: string | null; label: string; payments: number; total: number };
export type OutcomeRow = { decision: string; count: number; percent: number };
export type ChainStatus = { isVerified: boolean; entriesChecked: number; brokenAtSeq: number | null; message: string };

export type ComplianceData = {
  currency: string;
  summary: { sessionsOpened: number; paymentsAuthorized: number; totalSpend: number; decisions: number; approvals: number };
  spendByAgent: SpendRow[];
  spendByCrew: SpendRow[];
  decisions: OutcomeRow[];
  approvals: ReportApproval[];
  approvalsTotal: number;
  maxApprovalRows: number;
  chain: ChainStatus;
  hasActivity: boolean;
};

type SpendSqlRow = { id: string | null; label: string | null; payments: bigint; total: bigint };

export async function complianceData(workspaceId: string, period: ReportPeriod): Promise<ComplianceData> {
  const db = await prisma();
  const { start, end } = period;
  const byAgent = db.$queryRaw<SpendSqlRow[]>`
    SELECT p.agent_id AS id, max(a.display_name) AS label, count(*)::bigint AS payments, sum(p.amount_micros)::bigint AS total
    FROM payment_authorizations p
    LEFT JOIN agents a ON a.workspace_id = p.workspace_id AND a.agent_id = p.agent_id
    WHERE p.workspace_id = ${workspaceId} AND p.created_at >= ${start} AND p.created_at < ${end}
    GROUP BY p.agent_id ORDER BY total DESC, p.agent_id`;
  const byCrew = db.$queryRaw<SpendSqlRow[]>`
    SELECT p.crew_id AS id, max(c.name) AS label, count(*)::bigint AS payments, sum(p.amount_micros)::bigint AS total
    FROM payment_authorizations p
    LEFT JOIN crews c ON c.workspace_id = p.workspace_id AND c.id = p.crew_id
    WHERE p.workspace_id = ${workspaceId} AND p.created_at >= ${start} AND p.created_at < ${end}
    GROUP BY p.crew_id ORDER BY (p.crew_id IS NULL), total DESC, p.crew_id`;
  const outcomes = db.$queryRaw<{ decision: string; n: bigint; percent: number }[]>`
    WITH outcomes(decision, ord) AS (VALUES ('ALLOW', 1), ('LOG', 2), ('CONSTRAIN', 3), ('ESCALATE', 4), ('BLOCK', 5)),
    counts AS (
      SELECT decision, count(*)::bigint AS n FROM audit_events
      WHERE workspace_id = ${workspaceId} AND created_at >= ${start} AND created_at < ${end} AND decision IS NOT NULL
      GROUP BY decision)
    SELECT decision, coalesce(c.n, 0)::bigint AS n,
           coalesce(round(100.0 * c.n / nullif(sum(c.n) OVER (), 0), 1), 0)::float8 AS percent
    FROM outcomes o FULL JOIN counts c USING (decision)
    ORDER BY coalesce(o.ord, 99), decision`;
  const context = db.$queryRaw<{ currency: string; sessions: bigint }[]>`
    SELECT w.currency,
           (SELECT count(*) FROM sessions s WHERE s.workspace_id = w.id AND s.created_at >= ${start} AND s.created_at < ${end})::bigint AS sessions
    FROM workspaces w WHERE w.id = ${workspaceId}`;
  const [agents, crews, decisions, [workspace], approvals, chain] = await Promise.all([
    byAgent,
    byCrew,
    outcomes,
    context,
    approvalsInPeriod(workspaceId, period),
    verifyChain(workspaceId),
  ]);

  const spendByAgent = agents.map((r) => spendRow(r, r.id ?? ""));
  const spendByCrew = crews.map((r) => spendRow(r, r.id ? r.id : "No crew"));
  const summary = {
    sessionsOpened: Number(workspace?.sessions ?? 0n),
    paymentsAuthorized: agents.reduce((n, r) => n + Number(r.payments), 0),
    totalSpend: fromMicros(agents.reduce((sum, r) => sum + BigInt(r.total), 0n)) ?? 0,
    decisions: decisions.reduce((n, r) => n + Number(r.n), 0),
    approvals: approvals.total,
  };
  return {
    currency: workspace?.currency ?? "USD",
    summary,
    spendByAgent,
    spendByCrew,
    decisions: decisions.map((r) => ({ decision: r.decision, count: Number(r.n), percent: Number(r.percent) })),
    approvals: approvals.approvals,
    approvalsTotal: approvals.total,
    maxApprovalRows: MAX_APPROVAL_ROWS,
    chain: chainStatus(chain),
    hasActivity: summary.sessionsOpened + summary.paymentsAuthorized + summary.decisions + summary.approvals > 0,
  };
}

function spendRow(row: SpendSqlRow, fallbackLabel: string): SpendRow {
  return { id: row.id, label: row.label ?? fallbackLabel, payments: Number(row.payments), total: fromMicros(BigInt(row.total)) ?? 0 };
}

function chainStatus(result: Awaited<ReturnType<typeof verifyChain>>): ChainStatus {
  const at = "tampered_entry" in result ? result.tampered_entry : "broken_at" in result ? result.broken_at : null;
  const message = ("error" in result ? result.error : undefined) ?? ("message" in result ? result.message : undefined) ?? "";
  return { isVerified: result.verified, entriesChecked: result.entries_checked, brokenAtSeq: at?.seq ?? null, message };
}
