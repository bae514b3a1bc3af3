import { listEntries } from "@/lib/audit/list-entries";
import { logAction } from "@/lib/audit/log-action";
import { ListAuditQuery, LogActionSchema } from "@/lib/audit/schemas";
import { otherMethods, withApiKey, withKeyInCall } from "@/lib/http/with-api-key";

export const POST = withKeyInCall({ scope: "audit:write", body: LogActionSchema }, async ({ body, principal }) => ({
  status: 201,
  body: await logAction(principal, body),
}));

export const GET = withApiKey({ scope: "audit:read", query: ListAuditQuery }, async ({ query, workspaceId }) => ({
  status: 200,
  body: await listEntries(workspaceId, query),
}));

export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);
