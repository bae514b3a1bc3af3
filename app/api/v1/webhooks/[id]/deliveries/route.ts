import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { listDeliveries } from "@/lib/webhooks/manage-webhooks";
import { WebhookIdParams } from "@/lib/webhooks/schemas";

// The delivery log: newest first, with attempts, last status and error.
export const GET = withApiKey({ scope: "webhooks:read", params: WebhookIdParams }, async ({ params, workspaceId }) => ({
  status: 200,
  body: await listDeliveries(workspaceId, params.id),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
