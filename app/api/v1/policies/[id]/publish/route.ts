import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { publishPolicy } from "@/lib/policies/manage-policies";
import { PolicyIdParams, PublishSchema } from "@/lib/policies/schemas";

export const POST = withApiKey(
  { scope: "policies:write", params: PolicyIdParams, body: PublishSchema },
  async ({ params, body, key, workspaceId }) => ({
    status: 201,
    body: await publishPolicy(workspaceId, params.id, { type: "api_key", id: key.id }, body.version),
  }),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
