import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { PolicyIdParams, SimulateSchema } from "@/lib/policies/schemas";
import { simulateDraft } from "@/lib/policies/simulate-draft";

// Replays the last `limit` audited actions through the draft; changes nothing.
export const POST = withApiKey({ scope: "policies:read", params: PolicyIdParams, body: SimulateSchema }, async ({ params, body, workspaceId }) => ({
  status: 200,
  body: await simulateDraft(workspaceId, params.id, { limit: body.limit }),
}));

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
