import { prisma } from "@/lib/db/client";

export async function workspaceSummary(workspaceId: string) {
  const db = await prisma();
  const [members, activeKeys, auditEvents] = await Promise.all([
    db.membership.count({ where: { workspaceId } }),
    db.apiKey.count({ where: { workspaceId, revokedAt: null } }),
    db.auditEvent.count({ where: { workspaceId } }),
  ]);
  return { members, activeKeys, auditEvents };
}
