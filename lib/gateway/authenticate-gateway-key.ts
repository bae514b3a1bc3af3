import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { hashGatewayKey, readGatewayKey } from "./gateway-key-secret";

export type GatewayPrincipal = { keyId: string; workspaceId: string; sessionId: string; agentId: string; crewId: string | null };

// last_used_at is for the keys list ("used 3 minutes ago"): one write a minute per key is plenty.
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The gateway key behind an `Authorization: Bearer wgk_...` header (what OpenAI clients send).
 * Throws 401 for a missing, malformed, unknown or revoked key; messages never include the key.
 * Whether its session is still live is decided when the call reserves its budget.
 */
export async function authenticateGatewayKey(authorization: string | null): Promise<GatewayPrincipal> {
  const presented = readGatewayKey(authorization);
  const db = await prisma();
  const key = await db.gatewayKey.findUnique({ where: { hash: hashGatewayKey(presented) } });
  if (!key) throw new AppError("unauthorized", "Invalid gateway key");
  if (key.revokedAt) throw new AppError("unauthorized", "Gateway key has been revoked");
  const now = Date.now();
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.gatewayKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { keyId: key.id, workspaceId: key.workspaceId, sessionId: key.sessionId, agentId: key.agentId, crewId: key.crewId };
}
