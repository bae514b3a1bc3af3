import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { deleteWebhook } from "@/lib/webhooks/manage-webhooks";
import { WebhookIdParams } from "@/lib/webhooks/schemas";

export const DELETE = withApiKey({ scope: "webhooks:write", params: WebhookIdParams }, async ({ params, key, workspaceId }) => ({
  status: 200,
  body: await deleteWebhook(workspaceId, params.id, { type: "api_key", id: key.id }),
}));

export const { GET, POST, PUT, PATCH } = otherMethods(["DELETE"]);
