import { decideApproval } from "@/lib/approvals/manage-approvals";
import { ApprovalIdParams, DecisionSchema } from "@/lib/approvals/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const POST = withApiKey({ scope: "approvals:decide", params: ApprovalIdParams, body: DecisionSchema }, async ({ params, body, key, workspaceId }) => ({
  status: 200,
  body: await decideApproval(workspaceId, params.id, "deny", body.note, { type: "api_key", id: key.id }),
}));

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
