import { hashApiKey, looksLikeApiKey } from "@/lib/auth/api-key-secret";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type AuthenticatedKey = { id: string; workspaceId: string; prefix: string; scopes: string[]; expiresAt: Date | null };

// last_used_at is written at most once a minute per key, not on every agent call.
const LAST_USED_RESOLUTION_MS = 60_000;

/** Reads the key from `Authorization: Bearer` or `X-API-Key` and resolves it; throws 401. */
export async function authenticateApiKey(headers: Headers): Promise<AuthenticatedKey> {
  const raw = readKey(headers);
  if (!looksLikeApiKey(raw)) throw new AppError("unauthorized", "Invalid API key");
  const db = await prisma();
  const key = await db.apiKey.findUnique({ where: { hash: hashApiKey(raw) } });
  const now = Date.now();
  if (!key) throw new AppError("unauthorized", "Invalid API key");
  if (key.revokedAt) throw new AppError("unauthorized", "API key has been revoked");
  if (key.expiresAt && key.expiresAt.getTime() <= now) throw new AppError("unauthorized", "API key has expired");
  if (!key.lastUsedAt || now - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { id: key.id, workspaceId: key.workspaceId, prefix: key.prefix, scopes: key.scopes, expiresAt: key.expiresAt };
}

function readKey(headers: Headers): string {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new AppError("unauthorized", "Malformed Authorization header: expected 'Bearer <key>'");
    return match[1]!;
  }
  const apiKey = headers.get("x-api-key");
  if (apiKey !== null && apiKey.trim() !== "") return apiKey.trim();
  throw new AppError("unauthorized", "Missing API key: send 'Authorization: Bearer <key>' or 'X-API-Key'");
}
