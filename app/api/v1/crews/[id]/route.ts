import { getCrew, updateCrew } from "@/lib/crews/manage-crews";
import { CrewParams, UpdateCrewSchema } from "@/lib/crews/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const GET = withApiKey({ scope: "crews:read", params: CrewParams }, async ({ params, workspaceId }) => ({
  status: 200,
  body: await getCrew(workspaceId, params.id),
}));

export const PATCH = withApiKey({ scope: "crews:write", params: CrewParams, body: UpdateCrewSchema }, async ({ params, body, key, workspaceId }) => ({
  status: 200,
  body: await updateCrew(workspaceId, params.id, body, { type: "api_key", id: key.id }),
}));

export const { POST, PUT, DELETE } = otherMethods(["GET", "PATCH"]);
