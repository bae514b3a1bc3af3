import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { createSession } from "@/lib/sessions/create-session";
import { CreateSessionSchema } from "@/lib/sessions/schemas";

export const POST = withApiKey({ scope: "sessions:write", body: CreateSessionSchema }, async ({ body, key, workspaceId }) => {
  const session = await createSession(workspaceId, body, { type: "api_key", id: key.id });
  return {
    status: 201,
    body: {
      session_id: session.session_id,
      agent_id: session.agent_id,
      crew_id: session.crew_id,
      scopes: session.scopes,
      spend_limit: session.spend_limit,
      token_limit: session.token_limit,
      expires_at: session.expires_at,
      ttl: session.ttl,
    },
  };
});

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
