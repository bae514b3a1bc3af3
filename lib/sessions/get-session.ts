import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { toSessionView } from "./session-view";

export async function getSession(workspaceId: string, sessionId: string) {
  const db = await prisma();
  const session = await db.session.findFirst({ where: { id: sessionId, workspaceId } });
  if (!session) throw notFound(`Session '${sessionId}'`);
  return toSessionView(session);
}
