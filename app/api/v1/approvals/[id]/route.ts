import { getApproval, waitForApproval } from "@/lib/approvals/manage-approvals";
import { ApprovalIdParams, WaitQuery } from "@/lib/approvals/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

// ?wait=N holds the request up to N (≤ 30) seconds until the request is decided or expires.
export const GET = withApiKey({ scope: "approvals:read", params: ApprovalIdParams, query: WaitQuery }, async ({ request, params, query, workspaceId }) => ({
  status: 200,
  body: query.wait ? await waitForApproval(workspaceId, params.id, query.wait, request.signal) : await getApproval(workspaceId, params.id),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
