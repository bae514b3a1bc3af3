import { listEntries } from "@/lib/audit/list-entries";
import { logAction } from "@/lib/audit/log-action";
import { ListAuditQuery, LogActionSchema } from "@/lib/audit/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const POST = withApiKey({ scope: "audit:write", body: LogActionSchema }, async ({ body, key, workspaceId }) => ({
  status: 201,
  body: await logAction(workspaceId, body, { type: "api_key", id: key.id }),
}));

export const GET = withApiKey({ scope: "audit:read", query: ListAuditQuery }, async ({ query, workspaceId }) => ({
  status: 200,
  body: await listEntries(workspaceId, query),
}));

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
