// The models an agent may call through the gateway, in OpenAI's list shape.
import { authenticateGatewayKey } from "@/lib/gateway/authenticate-gateway-key";
import { listOpenAiModels } from "@/lib/gateway/list-openai-models";
import { openAiErrorResponse } from "@/lib/gateway/openai-error";
import { requestIdFrom } from "@/lib/http/respond";
import { observed } from "@/lib/metrics/observe-request";

export const runtime = "nodejs";

export const GET = observed(async (request: Request): Promise<Response> => {
  const requestId = requestIdFrom(request.headers);
  try {
    const principal = await authenticateGatewayKey(request.headers.get("authorization"));
    const list = await listOpenAiModels(principal.workspaceId);
    return new Response(JSON.stringify(list), { status: 200, headers: { "content-type": "application/json; charset=utf-8", "x-request-id": requestId } });
  } catch (error) {
    return openAiErrorResponse(error, requestId);
  }
});
