// Idempotency-Key for POSTs: the first request claims the key (a row with no response yet),
// runs, and stores its response; a retry with the same body replays it, a retry with another
// body gets 422, and a duplicate arriving while the first still runs gets 409. The claim is a
// unique row, so this holds across server processes.
import { createHmac } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { AppError, isUniqueViolation } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appSecrets } from "@/lib/setup/app-secrets";

const STALE_CLAIM_MS = 60_000;

export type StoredResponse = { status: number; body: unknown };
type Scope = { workspaceId: string; apiKeyId: string; key: string; requestHash: string };

/**
 * Keyed (HMAC with the app's secret), so a stored fingerprint cannot be used to guess a request
 * body offline, e.g. a secret value sent to POST /api/v1/secrets.
 */
export function requestFingerprint(method: string, path: string, body: string): string {
  return createHmac("sha256", appSecrets().nextAuthSecret).update(`${method}\n${path}\n${body}`).digest("hex");
}

export function validateIdempotencyKey(key: string): string {
  if (key.length < 1 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new AppError("invalid_request", "Invalid Idempotency-Key header: use 1-255 visible ASCII characters", {
      field: "Idempotency-Key",
      reason: "must be 1-255 visible ASCII characters",
    });
  }
  return key;
}

/** Returns the stored response to replay, or null when this request now owns the key. */
export async function claimIdempotencyKey(scope: Scope): Promise<StoredResponse | null> {
  const db = await prisma();
  const id = { workspaceId: scope.workspaceId, apiKeyId: scope.apiKeyId, key: scope.key };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await db.idempotencyRecord.create({ data: { ...id, requestHash: scope.requestHash } });
      return null;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const existing = await db.idempotencyRecord.findUnique({ where: { workspaceId_apiKeyId_key: id } });
    if (!existing) continue; // released between our insert and read: try again
    if (existing.requestHash !== scope.requestHash) {
      throw new AppError("idempotency_key_reused", "Idempotency-Key was already used with a different request");
    }
    if (existing.statusCode !== null) return { status: existing.statusCode, body: existing.responseBody };
    if (Date.now() - existing.createdAt.getTime() < STALE_CLAIM_MS) {
      throw new AppError("idempotency_in_progress", "A request with this Idempotency-Key is still in progress");
    }
    // A claim abandoned by a crashed process: take it over.
    await db.idempotencyRecord.deleteMany({ where: { ...id, statusCode: null, createdAt: existing.createdAt } });
  }
  throw new AppError("idempotency_in_progress", "A request with this Idempotency-Key is still in progress");
}

export async function completeIdempotencyKey(scope: Scope, response: StoredResponse): Promise<void> {
  const db = await prisma();
  const where = { workspaceId_apiKeyId_key: { workspaceId: scope.workspaceId, apiKeyId: scope.apiKeyId, key: scope.key } };
  if (response.status >= 500) {
    await db.idempotencyRecord.delete({ where });
    return;
  }
  await db.idempotencyRecord.update({
    where,
    data: { statusCode: response.status, responseBody: response.body as Prisma.InputJsonValue },
  });
}
