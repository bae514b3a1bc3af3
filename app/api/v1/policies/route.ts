import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { createPolicy, listPolicies } from "@/lib/policies/manage-policies";
import { PolicyDocumentSchema } from "@/lib/policies/schemas";

// Bodies are JSON, or YAML with Content-Type application/yaml.
export const POST = withApiKey({ scope: "policies:write", body: PolicyDocumentSchema, yaml: true }, async ({ body, key, workspaceId }) => ({
  status: 201,
  body: await createPolicy(workspaceId, body, { type: "api_key", id: key.id }),
}));

export const GET = withApiKey({ scope: "policies:read" }, async ({ workspaceId }) => ({ status: 200, body: await listPolicies(workspaceId) }));

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
