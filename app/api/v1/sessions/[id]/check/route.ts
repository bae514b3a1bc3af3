import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { checkScope } from "@/lib/sessions/check-scope";
import { CheckScopeSchema, SessionIdParams } from "@/lib/sessions/schemas";

// Always 200: an unknown, expired or revoked session is simply not allowed.
export const POST = withApiKey(
  { scope: "sessions:write", params: SessionIdParams, body: CheckScopeSchema },
  async ({ params, body, key, workspaceId }) => ({
    status: 200,
    body: await checkScope(workspaceId, params.id, body.scope, { type: "api_key", id: key.id }),
  }),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
