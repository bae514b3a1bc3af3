import { listProviders } from "@/lib/gateway/manage-providers";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const GET = withApiKey({ scope: "gateway:read" }, async ({ workspaceId }) => ({ status: 200, body: await listProviders(workspaceId) }));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
