import { getGatewayCall } from "@/lib/gateway/list-gateway-calls";
import { GatewayCallIdParams } from "@/lib/gateway/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const GET = withApiKey({ scope: "gateway:read", params: GatewayCallIdParams }, async ({ params, workspaceId }) => ({
  status: 200,
  body: await getGatewayCall(workspaceId, params.id),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
