import { getAgent, updateAgent } from "@/lib/agents/manage-agents";
import { AgentParams, UpdateAgentSchema } from "@/lib/agents/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const GET = withApiKey({ scope: "agents:read", params: AgentParams }, async ({ params, workspaceId }) => ({
  status: 200,
  body: await getAgent(workspaceId, params.agent_id),
}));

export const PATCH = withApiKey(
  { scope: "agents:write", params: AgentParams, body: UpdateAgentSchema },
  async ({ params, body, key, workspaceId }) => ({
    status: 200,
    body: await updateAgent(workspaceId, params.agent_id, body, { type: "api_key", id: key.id }),
  }),
);

export const { POST, PUT, DELETE } = otherMethods(["GET", "PATCH"]);
