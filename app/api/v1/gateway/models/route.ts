import { deleteModel, listModels, putModel } from "@/lib/gateway/manage-models";
import { ModelQuery, PutModelSchema } from "@/lib/gateway/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

// Model names may contain "/" (e.g. meta-llama/llama-3-70b), so they travel in the body or query.
export const GET = withApiKey({ scope: "gateway:read" }, async ({ workspaceId }) => ({ status: 200, body: await listModels(workspaceId) }));

export const PUT = withApiKey({ scope: "gateway:write", body: PutModelSchema }, async ({ body, key, workspaceId }) => ({
  status: 200,
  body: await putModel(workspaceId, body, { type: "api_key", id: key.id }),
}));

export const DELETE = withApiKey({ scope: "gateway:write", query: ModelQuery }, async ({ query, key, workspaceId }) => ({
  status: 200,
  body: await deleteModel(workspaceId, query.model, { type: "api_key", id: key.id }),
}));

export const { POST, PATCH } = otherMethods(["GET", "PUT", "DELETE"]);
