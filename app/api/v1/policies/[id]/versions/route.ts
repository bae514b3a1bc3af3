import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { listVersions } from "@/lib/policies/manage-policies";
import { PolicyIdParams } from "@/lib/policies/schemas";

export const GET = withApiKey({ scope: "policies:read", params: PolicyIdParams }, async ({ params, workspaceId }) => ({
  status: 200,
  body: await listVersions(workspaceId, params.id),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
