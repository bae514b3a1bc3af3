import { createCrew, listCrews } from "@/lib/crews/manage-crews";
import { CreateCrewSchema } from "@/lib/crews/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const POST = withApiKey({ scope: "crews:write", body: CreateCrewSchema }, async ({ body, key, workspaceId }) => ({
  status: 201,
  body: await createCrew(workspaceId, body, { type: "api_key", id: key.id }),
}));

export const GET = withApiKey({ scope: "crews:read" }, async ({ workspaceId }) => ({ status: 200, body: await listCrews(workspaceId) }));

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
