import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

// The key's own identity: any valid key. Also the benchmark's authenticated no-op baseline.
export const GET = withApiKey({ scope: null }, async ({ key }) => ({
  status: 200,
  body: { workspace_id: key.workspaceId, key_id: key.id, prefix: key.prefix, scopes: key.scopes },
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
