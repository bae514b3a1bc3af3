import { prisma } from "@/lib/db/client";

/** Requests still waiting for a decision (not yet past their expiry). */
export async function countPending(workspaceId: string): Promise<number> {
  const db = await prisma();
  return db.approvalRequest.count({ where: { workspaceId, status: "pending", expiresAt: { gt: new Date() } } });
}
