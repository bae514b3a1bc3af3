// The queue's history for reviewers: the most recently decided or expired requests. Pending
// requests past their expiry are settled first, exactly as when an agent asks about one
// (getApproval locks the row, marks it expired and audits that), so a request nobody came back
// for still shows as expired, with its audit event, instead of silently leaving the queue.
import { prisma } from "@/lib/db/client";
import { approvalView, getApproval } from "./manage-approvals";

/** Bounds the work one call does; the rest is settled by the next call. */
const SETTLE_AT_MOST = 50;

export async function listRecent(workspaceId: string, limit = 20) {
  const db = await prisma();
  const overdue = await db.approvalRequest.findMany({
    where: { workspaceId, status: "pending", expiresAt: { lte: new Date() } },
    orderBy: { expiresAt: "asc" },
    select: { id: true },
    take: SETTLE_AT_MOST,
  });
  for (const { id } of overdue) await getApproval(workspaceId, id);

  const rows = await db.approvalRequest.findMany({
    where: { workspaceId, status: { in: ["approved", "denied", "expired"] } },
    orderBy: [{ decidedAt: "desc" }, { createdAt: "desc" }],
    include: { decisions: true },
    take: limit,
  });
  return rows.map(approvalView);
}
