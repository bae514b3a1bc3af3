import { evaluateCode } from "@/lib/exec/evaluate-code";
import { ExecEvaluateSchema } from "@/lib/exec/schemas";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { countPolicyDecision } from "@/lib/metrics/count-decisions";

// 200 with the decision on the code (ALLOW, LOG, CONSTRAIN with runtime, ESCALATE with approval_id, or BLOCK).
export const POST = withApiKey({ scope: "sessions:write", body: ExecEvaluateSchema }, async ({ body, key, workspaceId }) => ({
  status: 200,
  body: countPolicyDecision("code_execution", await evaluateCode(workspaceId, body, { type: "api_key", id: key.id })),
}));

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
