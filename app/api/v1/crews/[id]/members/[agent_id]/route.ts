import { addCrewMember, removeCrewMember } from "@/lib/crews/manage-crews";
import { CrewMemberParams } from "@/lib/crews/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const POST = withApiKey({ scope: "crews:write", params: CrewMemberParams }, async ({ params, key, workspaceId }) => ({
  status: 200,
  body: await addCrewMember(workspaceId, params.id, params.agent_id, { type: "api_key", id: key.id }),
}));

export const DELETE = withApiKey({ scope: "crews:write", params: CrewMemberParams }, async ({ params, key, workspaceId }) => ({
  status: 200,
  body: await removeCrewMember(workspaceId, params.id, params.agent_id, { type: "api_key", id: key.id }),
}));

export const { GET, PUT, PATCH } = otherMethods(["POST", "DELETE"]);
