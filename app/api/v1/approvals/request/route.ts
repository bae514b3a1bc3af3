import { RequestApprovalSchema } from "@/lib/approvals/schemas";
import { requestApproval } from "@/lib/approvals/manage-approvals";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const POST = withApiKey({ scope: "approvals:write", body: RequestApprovalSchema }, async ({ body, key, workspaceId }) => ({
  status: 201,
  body: await requestApproval(workspaceId, body, { type: "api_key", id: key.id }),
}));

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
