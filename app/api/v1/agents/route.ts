import { createAgent, listAgents } from "@/lib/agents/manage-agents";
import { CreateAgentSchema } from "@/lib/agents/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const POST = withApiKey({ scope: "agents:write", body: CreateAgentSchema }, async ({ body, key, workspaceId }) => ({
  status: 201,
  body: await createAgent(workspaceId, body, { type: "api_key", id: key.id }),
}));

export const GET = withApiKey({ scope: "agents:read" }, async ({ workspaceId }) => ({ status: 200, body: await listAgents(workspaceId) }));

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
