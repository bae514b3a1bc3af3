import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { getCodeRun } from "@/lib/exec/get-code-run";
import { CodeRunParams } from "@/lib/exec/run-schemas";

export const GET = withApiKey({ scope: "audit:read", params: CodeRunParams }, async ({ params, workspaceId }) => ({
  status: 200,
  body: await getCodeRun(workspaceId, params.receipt_id),
}));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
