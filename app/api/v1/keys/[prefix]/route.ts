import { withApiKey, otherMethods } from "@/lib/http/with-api-key";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";
import { KeyPrefixSchema } from "@/lib/keys/schemas";

export const DELETE = withApiKey({ scope: "keys:write", params: KeyPrefixSchema }, async ({ params, key, workspaceId }) => ({
  status: 200,
  body: await revokeApiKey(workspaceId, params.prefix, { type: "api_key", id: key.id }, key.scopes),
}));

export const { GET, POST, PUT, PATCH } = otherMethods(["DELETE"]);
