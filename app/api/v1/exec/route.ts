import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { listCodeRuns } from "@/lib/exec/list-code-runs";
import { ListCodeRunsQuery } from "@/lib/exec/run-schemas";

export const GET = withApiKey({ scope: "audit:read", query: ListCodeRunsQuery }, async ({ query, workspaceId }) => ({
  status: 200,
  body: await listCodeRuns(workspaceId, query),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
