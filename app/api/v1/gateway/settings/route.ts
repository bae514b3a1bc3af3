import { getGatewaySettings, setGatewaySettings } from "@/lib/gateway/gateway-settings";
import { GatewaySettingsSchema } from "@/lib/gateway/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const GET = withApiKey({ scope: "gateway:read" }, async ({ workspaceId }) => ({ status: 200, body: await getGatewaySettings(workspaceId) }));

export const PATCH = withApiKey({ scope: "gateway:write", body: GatewaySettingsSchema }, async ({ body, key, workspaceId }) => ({
  status: 200,
  body: await setGatewaySettings(workspaceId, body, { type: "api_key", id: key.id }),
}));

export const { POST, PUT, DELETE } = otherMethods(["GET", "PATCH"]);
