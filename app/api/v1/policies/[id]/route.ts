import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { getPolicy, updateDraft } from "@/lib/policies/manage-policies";
import { PolicyDocumentSchema, PolicyIdParams } from "@/lib/policies/schemas";

export const GET = withApiKey({ scope: "policies:read", params: PolicyIdParams }, async ({ params, workspaceId }) => ({
  status: 200,
  body: await getPolicy(workspaceId, params.id),
}));

// Replaces the draft; nothing is in force until it is published.
export const PUT = withApiKey(
  { scope: "policies:write", params: PolicyIdParams, body: PolicyDocumentSchema, yaml: true },
  async ({ params, body, key, workspaceId }) => ({ status: 200, body: await updateDraft(workspaceId, params.id, body, { type: "api_key", id: key.id }) }),
);

export const { POST, PATCH, DELETE } = otherMethods(["GET", "PUT"]);
