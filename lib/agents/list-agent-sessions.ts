import { prisma } from "@/lib/db/client";
import { toSessionView } from "@/lib/sessions/session-view";

/** The agent's sessions, newest first (live ones before ended ones). */
export async function listAgentSessions(workspaceId: string, agentId: string, limit = 50) {
  const db = await prisma();
  const sessions = await db.session.findMany({ where: { workspaceId, agentId }, orderBy: { createdAt: "desc" }, take: limit });
  const views = sessions.map(toSessionView);
  return [...views.filter((s) => s.is_valid), ...views.filter((s) => !s.is_valid)];
}
