import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { listSecretNames } from "@/lib/vault/manage-secrets";
import { StoreSecretSchema } from "@/lib/vault/schemas";
import { storeSecret } from "@/lib/vault/store-secret";

// The value is never stored for an Idempotency-Key replay: the stored response holds none.
export const POST = withApiKey({ scope: "vault:write", body: StoreSecretSchema }, async ({ body, key, workspaceId }) => ({
  status: 201,
  body: await storeSecret(workspaceId, body, { type: "api_key", id: key.id }),
}));

export const GET = withApiKey({ scope: "vault:read" }, async ({ workspaceId }) => ({ status: 200, body: await listSecretNames(workspaceId) }));

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
