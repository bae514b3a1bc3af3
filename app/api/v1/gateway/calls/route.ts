import { listGatewayCalls } from "@/lib/gateway/list-gateway-calls";
import { ListGatewayCallsQuery } from "@/lib/gateway/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const GET = withApiKey({ scope: "gateway:read", query: ListGatewayCallsQuery }, async ({ query, workspaceId }) => ({
  status: 200,
  body: await listGatewayCalls(workspaceId, query),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
