import { otherMethods, withApiKey } from "@/lib/http/with-api-key";
import { evaluateForSession } from "@/lib/policies/evaluate-for-session";
import { EvaluateSchema } from "@/lib/policies/schemas";
import { countPolicyDecision } from "@/lib/metrics/count-decisions";

// 200 with the decision (ALLOW, LOG, CONSTRAIN, ESCALATE with approval_id, or BLOCK).
export const POST = withApiKey({ scope: "sessions:write", body: EvaluateSchema }, async ({ body, key, workspaceId }) => ({
  status: 200,
  body: countPolicyDecision(body.kind, await evaluateForSession(workspaceId, body, { type: "api_key", id: key.id })),
}));

export const { GET, PUT, PATCH, DELETE } = otherMethods(["POST"]);
