// The approval requests a compliance report lists: raised or decided in the period, each with
// its requesting agent, action and amount, outcome, and every reviewer who decided on it
// (member name and email, or the API key), with the final decision's time and note.
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { fromMicros } from "@/lib/money";
import type { ReportPeriod } from "./report-period";

/** Bounds the report's size; the total says how many there were. */
export const MAX_APPROVAL_ROWS = 1000;

export type ReviewerDecision = { reviewer: string; decision: string; note: string; decidedAt: string };

export type ReportApproval = {
  id: string;
  requestedAt: string;
  agentId: string;
  kind: string;
  tool: string;
  action: string;
  amount: number | null;
  currency: string | null;
  status: string;
  reviewers: ReviewerDecision[];
  decidedAt: string | null;
  note: string | null;
};

type Row = {
  id: string;
  created_at: Date;
  agent_id: string;
  kind: string;
  tool: string;
  action: string;
  amount_micros: bigint | null;
  currency: string | null;
  status: string;
  decided_at: Date | null;
  decision_note: string | null;
  decisions: { reviewer: string; decision: string; note: string; at: string }[];
};

export async function approvalsInPeriod(workspaceId: string, period: ReportPeriod) {
  const db = await prisma();
  const inPeriod = Prisma.sql`r.workspace_id = ${workspaceId} AND (
    (r.created_at >= ${period.start} AND r.created_at < ${period.end}) OR
    (r.decided_at >= ${period.start} AND r.decided_at < ${period.end}))`;
  const [rows, [counted]] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT r.id, r.created_at, r.agent_id, r.kind, r.tool, r.action, r.amount_micros,
             CASE WHEN r.amount_micros IS NULL THEN NULL ELSE upper(coalesce(r.params->>'currency', w.currency)) END AS currency,
             r.status, r.decided_at, r.decision_note,
             coalesce(json_agg(json_build_object('reviewer', d.reviewer, 'decision', d.decision, 'note', d.note, 'at', d.created_at)
                               ORDER BY d.created_at) FILTER (WHERE d.reviewer IS NOT NULL), '[]') AS decisions
      FROM approval_requests r
      JOIN workspaces w ON w.id = r.workspace_id
      LEFT JOIN approval_decisions d ON d.request_id = r.id
      WHERE ${inPeriod}
      GROUP BY r.id, w.currency
      ORDER BY r.created_at, r.id
      LIMIT ${MAX_APPROVAL_ROWS}`,
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM approval_requests r WHERE ${inPeriod}`,
  ]);
  const labels = await reviewerLabels(workspaceId, rows.flatMap((r) => r.decisions.map((d) => d.reviewer)));
  const approvals: ReportApproval[] = rows.map((r) => ({
    id: r.id,
    requestedAt: r.created_at.toISOString(),
    agentId: r.agent_id,
    kind: r.kind,
    tool: r.tool,
    action: r.action,
    amount: fromMicros(r.amount_micros),
    currency: r.currency,
    status: r.status,
    reviewers: r.decisions.map((d) => ({
      reviewer: labels[d.reviewer] ?? d.reviewer,
      decision: d.decision,
      note: d.note,
      decidedAt: new Date(d.at).toISOString(),
    })),
    decidedAt: r.decided_at?.toISOString() ?? null,
    note: r.decision_note,
  }));
  return { approvals, total: Number(counted?.n ?? 0n) };
}

/**
 * "Name (email)" for members (the users table, so a reviewer who has since left the workspace
 * is still named) and "API key <name> (<prefix>…)" for keys of this workspace.
 */
async function reviewerLabels(workspaceId: string, refs: string[]): Promise<Record<string, string>> {
  const userIds = new Set<string>();
  const keyIds = new Set<string>();
  for (const ref of refs) {
    const [type, id] = ref.split(":", 2);
    if (id && type === "user") userIds.add(id);
    if (id && type === "api_key") keyIds.add(id);
  }
  const db = await prisma();
  const [users, keys] = await Promise.all([
    userIds.size ? db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true, email: true } }) : [],
    keyIds.size ? db.apiKey.findMany({ where: { workspaceId, id: { in: [...keyIds] } }, select: { id: true, name: true, prefix: true } }) : [],
  ]);
  return Object.fromEntries([
    ...users.map((u) => [`user:${u.id}`, u.name ? `${u.name} (${u.email})` : u.email]),
    ...keys.map((k) => [`api_key:${k.id}`, `API key ${k.name} (${k.prefix}…)`]),
  ]);
}
