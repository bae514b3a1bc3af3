import { listPending } from "@/lib/approvals/manage-approvals";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const GET = withApiKey({ scope: "approvals:read" }, async ({ workspaceId }) => ({ status: 200, body: await listPending(workspaceId) }));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
