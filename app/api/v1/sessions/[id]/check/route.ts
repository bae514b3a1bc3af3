import { otherMethods, withKeyInCall } from "@/lib/http/with-api-key";
import { checkScope } from "@/lib/sessions/check-scope";
import { CheckScopeSchema, SessionIdParams } from "@/lib/sessions/schemas";

// Always 200: an unknown, expired or revoked session is simply not allowed.
export const POST = withKeyInCall(
  { scope: "sessions:write", params: SessionIdParams, body: CheckScopeSchema },
  async ({ params, body, principal }) => ({ status: 200, body: await checkScope(principal, params.id, body.scope) }),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
