import { deleteProvider, putProvider } from "@/lib/gateway/manage-providers";
import { ProviderBodySchema, ProviderNameParams } from "@/lib/gateway/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const PUT = withApiKey({ scope: "gateway:write", params: ProviderNameParams, body: ProviderBodySchema }, async ({ params, body, key, workspaceId }) => ({
  status: 200,
  body: await putProvider(workspaceId, { ...body, name: params.name }, { type: "api_key", id: key.id }),
}));

export const DELETE = withApiKey({ scope: "gateway:write", params: ProviderNameParams }, async ({ params, key, workspaceId }) => ({
  status: 200,
  body: await deleteProvider(workspaceId, params.name, { type: "api_key", id: key.id }),
}));

export const { GET, POST, PATCH } = otherMethods(["PUT", "DELETE"]);
