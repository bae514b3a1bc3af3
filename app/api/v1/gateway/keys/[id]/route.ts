import { revokeGatewayKey } from "@/lib/gateway/manage-gateway-keys";
import { GatewayKeyIdParams } from "@/lib/gateway/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const DELETE = withApiKey({ scope: "gateway:write", params: GatewayKeyIdParams }, async ({ params, key, workspaceId }) => ({
  status: 200,
  body: await revokeGatewayKey(workspaceId, params.id, { type: "api_key", id: key.id }),
}));

export const { GET, POST, PUT, PATCH } = otherMethods(["DELETE"]);
