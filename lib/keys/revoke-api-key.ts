import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

/** Revokes a key by display prefix; effective for the very next request. Repeating is harmless. */
export async function revokeApiKey(workspaceId: string, prefix: string, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { workspaceId, prefix } });
    if (!key) throw notFound(`API key '${prefix}'`);
    if (key.revokedAt) return { revoked: true as const, prefix, revoked_at: key.revokedAt.toISOString() };
    const revokedAt = new Date();
    await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt } });
    await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "api_key.revoked",
      details: { key_id: key.id, prefix, name: key.name },
    });
    return { revoked: true as const, prefix, revoked_at: revokedAt.toISOString() };
  });
}
