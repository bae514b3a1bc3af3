import { verifyChain } from "@/lib/audit/verify-chain";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const GET = withApiKey({ scope: "audit:read" }, async ({ workspaceId }) => ({
  status: 200,
  body: await verifyChain(workspaceId),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
