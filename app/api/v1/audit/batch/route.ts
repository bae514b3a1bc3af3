import { logBatch } from "@/lib/audit/log-batch";
import { LogBatchSchema } from "@/lib/audit/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

// Up to 1,000 events, all or nothing.
export const POST = withApiKey({ scope: "audit:write", body: LogBatchSchema }, async ({ body, key, workspaceId }) => ({
  status: 201,
  body: await logBatch(workspaceId, body.events, { type: "api_key", id: key.id }),
}));

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
