import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { createWebhook, listWebhooks } from "@/lib/webhooks/manage-webhooks";
import { CreateWebhookSchema } from "@/lib/webhooks/schemas";

// The signing secret is in the 201 response only (never stored for an Idempotency-Key replay).
export const POST = withApiKey({ scope: "webhooks:write", body: CreateWebhookSchema }, async ({ body, key, workspaceId }) => {
  const created = await createWebhook(workspaceId, body, { type: "api_key", id: key.id });
  const { secret: _secret, ...replayBody } = created;
  return { status: 201, body: created, replayBody };
});

export const GET = withApiKey({ scope: "webhooks:read" }, async ({ workspaceId }) => ({ status: 200, body: await listWebhooks(workspaceId) }));

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
