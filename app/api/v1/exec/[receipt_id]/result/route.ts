import { recordExecResult } from "@/lib/exec/record-exec-result";
import { ExecResultSchema, ReceiptIdParams } from "@/lib/exec/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

// 200 once recorded (the same report again: the same answer); 409 for a different report or a run that may not run.
export const POST = withApiKey({ scope: "sessions:write", params: ReceiptIdParams, body: ExecResultSchema }, async ({ params, body, key, workspaceId }) => ({
  status: 200,
  body: await recordExecResult(workspaceId, params.receipt_id, body, { type: "api_key", id: key.id }),
}));

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
