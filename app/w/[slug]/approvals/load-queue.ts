// What the Approvals page shows, for its first paint and for every poll: the pending queue,
// the recent decisions and readable names for everyone they mention.
import { actorLabels } from "@/lib/members/actor-labels";
import { listRecent } from "@/lib/approvals/list-recent";
import { escalatedCode, type EscalatedCode } from "@/lib/exec/escalated-code";
import { listPending, type approvalView } from "@/lib/approvals/manage-approvals";

export type ApprovalView = ReturnType<typeof approvalView>;
export type ApprovalQueue = {
  pending: ApprovalView[];
  recent: ApprovalView[];
  labels: Record<string, string>;
  /** The code of pending code_execution requests, by request id. */
  code: Record<string, EscalatedCode>;
  now: string;
};

export const RECENT_LIMIT = 20;

export async function loadQueue(workspaceId: string): Promise<ApprovalQueue> {
  // Recent first: it settles expired requests, which then are no longer pending.
  const recent = await listRecent(workspaceId, RECENT_LIMIT);
  const { requests: pending } = await listPending(workspaceId);
  const refs = [...pending, ...recent].flatMap((r) => [r.requested_by, ...r.approvals, ...(r.decided_by ? [r.decided_by] : [])]);
  const [labels, code] = await Promise.all([actorLabels(workspaceId, new Set(refs)), escalatedCode(workspaceId, pending)]);
  return { pending, recent, labels, code, now: new Date().toISOString() };
}
