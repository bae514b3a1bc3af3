import { issueGatewayKey } from "@/lib/gateway/issue-gateway-key";
import { listGatewayKeys } from "@/lib/gateway/manage-gateway-keys";
import { IssueGatewayKeySchema } from "@/lib/gateway/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

// The key is in the 201 response only (never stored for an Idempotency-Key replay).
export const POST = withApiKey({ scope: "gateway:write", body: IssueGatewayKeySchema }, async ({ body, key, workspaceId }) => {
  const issued = await issueGatewayKey(workspaceId, body, { type: "api_key", id: key.id });
  const { key: _key, ...replayBody } = issued;
  return { status: 201, body: issued, replayBody };
});

export const GET = withApiKey({ scope: "gateway:read" }, async ({ workspaceId }) => ({ status: 200, body: await listGatewayKeys(workspaceId) }));

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
