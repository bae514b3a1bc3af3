import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { getSession } from "@/lib/sessions/get-session";
import { revokeSession } from "@/lib/sessions/revoke-session";
import { SessionIdParams } from "@/lib/sessions/schemas";

export const GET = withApiKey({ scope: "sessions:read", params: SessionIdParams }, async ({ params, workspaceId }) => ({
  status: 200,
  body: await getSession(workspaceId, params.id),
}));

export const DELETE = withApiKey({ scope: "sessions:write", params: SessionIdParams }, async ({ params, key, workspaceId }) => ({
  status: 200,
  body: await revokeSession(workspaceId, params.id, { type: "api_key", id: key.id }),
}));

export const { POST, PUT, PATCH } = otherMethods(["GET", "DELETE"]);
