import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { canDelegate } from "@/lib/auth/scopes";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";

/**
 * Revokes a key by display prefix; effective for the very next request. Repeating is harmless.
 * A key revoking a key must hold every scope of it (a `keys:write` key cannot revoke `*`).
 */
export async function revokeApiKey(workspaceId: string, prefix: string, actor: Actor, grantedScopes?: readonly string[]) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findFirst({ where: { workspaceId, prefix } });
    if (!key) throw notFound(`API key '${prefix}'`);
    const beyond = grantedScopes ? key.scopes.filter((scope) => !canDelegate(grantedScopes, scope)) : [];
    if (beyond.length > 0) {
      throw new AppError("insufficient_scope", `This key cannot revoke a key with scopes it does not hold: ${beyond.join(", ")}`, {
        required: beyond,
        granted: grantedScopes,
      });
    }
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
