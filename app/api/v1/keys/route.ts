import { withApiKey, otherMethods } from "@/lib/http/with-api-key";
import { createApiKey } from "@/lib/keys/create-api-key";
import { listApiKeys } from "@/lib/keys/list-api-keys";
import { CreateKeySchema } from "@/lib/keys/schemas";

export const POST = withApiKey({ scope: "keys:write", body: CreateKeySchema }, async ({ body, key, workspaceId }) => {
  const created = await createApiKey(workspaceId, body, {
    actor: { type: "api_key", id: key.id },
    grantedScopes: key.scopes,
    expiresAt: key.expiresAt,
  });
  // The key is shown once: a retry with the same Idempotency-Key gets the record without it.
  return { status: 201, body: created, replayBody: { ...created, key: null } };
});

export const GET = withApiKey({ scope: "keys:read" }, async ({ workspaceId }) => {
  const keys = await listApiKeys(workspaceId);
  return { status: 200, body: { count: keys.length, keys } };
});

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
