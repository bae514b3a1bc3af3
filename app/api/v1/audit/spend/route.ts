import { getSpend } from "@/lib/audit/get-spend";
import { SpendQuery } from "@/lib/audit/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const GET = withApiKey({ scope: "audit:read", query: SpendQuery }, async ({ query, workspaceId }) => ({
  status: 200,
  body: await getSpend(workspaceId, query),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
