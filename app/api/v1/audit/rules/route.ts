import { AnomalyRulesSchema } from "@/lib/audit/schemas";
import { getAnomalyRules, setAnomalyRules } from "@/lib/audit/set-anomaly-rules";
import { otherMethods, withApiKey } from "@/lib/http/with-api-key";

export const GET = withApiKey({ scope: "audit:read" }, async ({ workspaceId }) => ({
  status: 200,
  body: await getAnomalyRules(workspaceId),
}));

export const PUT = withApiKey({ scope: "audit:write", body: AnomalyRulesSchema }, async ({ body, key, workspaceId }) => ({
  status: 200,
  body: await setAnomalyRules(workspaceId, body, { type: "api_key", id: key.id }),
}));

export const { POST, PATCH, DELETE } = otherMethods(["GET", "PUT"]);
