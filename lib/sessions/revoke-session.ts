import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

/** Revokes a session: every later call with it fails. Repeating is harmless. */
export async function revokeSession(workspaceId: string, sessionId: string, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const revokedAt = new Date();
    const updated = await tx.session.updateMany({ where: { id: sessionId, workspaceId, revokedAt: null }, data: { revokedAt } });
    if (updated.count === 0) {
      const existing = await tx.session.findFirst({ where: { id: sessionId, workspaceId } });
      if (!existing) throw notFound(`Session '${sessionId}'`);
      return { revoked: true as const, session_id: sessionId };
    }
    const session = await tx.session.findFirstOrThrow({ where: { id: sessionId, workspaceId } });
    await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "session.revoked",
      agentId: session.agentId,
      sessionId,
      details: {},
    });
    return { revoked: true as const, session_id: sessionId };
  });
}
