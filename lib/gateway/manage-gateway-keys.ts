import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { toGatewayKeyView } from "./gateway-key-view";

/** The workspace's gateway keys, newest first, revoked ones included (prefix only, never the key). */
export async function listGatewayKeys(workspaceId: string) {
  const db = await prisma();
  const keys = await db.gatewayKey.findMany({ where: { workspaceId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 500 });
  const sessions = await db.session.findMany({ where: { workspaceId, id: { in: keys.map((k) => k.sessionId) } } });
  const byId = new Map(sessions.map((s) => [s.id, s]));
  return { count: keys.length, keys: keys.map((k) => toGatewayKeyView({ ...k, session: byId.get(k.sessionId)! })) };
}

/** Revokes the key and its session: the very next call through it answers 401. Repeating is harmless. */
export async function revokeGatewayKey(workspaceId: string, id: string, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const key = await tx.gatewayKey.findFirst({ where: { id, workspaceId } });
    if (!key) throw notFound(`Gateway key '${id}'`);
    if (key.revokedAt) return { revoked: true as const, id, session_id: key.sessionId };
    const now = new Date();
    await tx.gatewayKey.update({ where: { id }, data: { revokedAt: now } });
    await tx.session.updateMany({ where: { id: key.sessionId, workspaceId, revokedAt: null }, data: { revokedAt: now } });
    await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "gateway.key_revoked",
      tool: "gateway",
      agentId: key.agentId,
      sessionId: key.sessionId,
      details: { key_id: id, prefix: key.prefix, name: key.name },
    });
    return { revoked: true as const, id, session_id: key.sessionId };
  });
}
