import { prisma } from "@/lib/db/client";

export async function listRecentEvents(workspaceId: string, limit = 50) {
  const db = await prisma();
  const events = await db.auditEvent.findMany({ where: { workspaceId }, orderBy: { seq: "desc" }, take: limit });
  return events.map((e) => ({
    id: e.id,
    seq: Number(e.seq),
    timestamp: e.createdAt.toISOString(),
    actor: `${e.actorType}:${e.actorId}`,
    action: e.action,
    tool: e.tool,
    agentId: e.agentId,
    flagged: e.flagged,
    entryHash: e.entryHash,
  }));
}
