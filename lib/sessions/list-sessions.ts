import { prisma } from "@/lib/db/client";
import { toSessionView } from "./session-view";

export async function listSessions(workspaceId: string, limit = 100) {
  const db = await prisma();
  const sessions = await db.session.findMany({ where: { workspaceId }, orderBy: { createdAt: "desc" }, take: limit });
  return sessions.map(toSessionView);
}
