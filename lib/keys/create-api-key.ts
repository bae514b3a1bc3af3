import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { generateApiKeySecret } from "@/lib/auth/api-key-secret";
import { canDelegate } from "@/lib/auth/scopes";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { parseWith } from "@/lib/http/validation";
import { CreateKeySchema, toApiKeyView, type ApiKeyView, type CreateKeyInput } from "./schemas";

/** Who creates the key; when it is another API key, its scopes and expiry bound the new key's. */
type Creator = { actor: Actor; grantedScopes?: readonly string[]; expiresAt?: Date | null };

/**
 * Creates an API key and returns its secret, which is never stored and cannot be shown again.
 * A key creating a key may only hand out scopes it holds, and the new key expires no later.
 */
export async function createApiKey(
  workspaceId: string,
  input: CreateKeyInput,
  creator: Creator,
): Promise<ApiKeyView & { key: string }> {
  const { name, scopes, expires_at } = parseWith(CreateKeySchema, input, "body");
  const granted = creator.grantedScopes;
  const beyond = granted ? scopes.filter((scope) => !canDelegate(granted, scope)) : [];
  if (beyond.length > 0) {
    throw new AppError("insufficient_scope", `This key cannot grant scopes it does not hold: ${beyond.join(", ")}`, {
      required: beyond,
      granted,
    });
  }
  const expiresAt = boundedExpiry(expires_at ? new Date(expires_at) : null, creator.expiresAt ?? null);
  const secret = generateApiKeySecret();
  const db = await prisma();
  const record = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        id: newId("apiKey"),
        workspaceId,
        name,
        prefix: secret.prefix,
        hash: secret.hash,
        scopes: [...new Set(scopes)],
        createdBy: creator.actor.id,
        expiresAt,
      },
    });
    await appendAuditEvent(tx, workspaceId, {
      actor: creator.actor,
      action: "api_key.created",
      details: { key_id: created.id, prefix: created.prefix, name, scopes: created.scopes },
    });
    return created;
  });
  return { ...toApiKeyView(record), key: secret.key };
}

function boundedExpiry(requested: Date | null, creatorExpiry: Date | null): Date | null {
  if (!creatorExpiry) return requested;
  if (!requested) return creatorExpiry;
  if (requested > creatorExpiry) {
    throw new AppError("invalid_request", "Invalid expires_at: must not be later than the creating key's expiry", {
      field: "expires_at",
      reason: "must not be later than the creating key's expiry",
    });
  }
  return requested;
}
