// POST /api/gateway/v1/chat/completions: an agent's OpenAI client calls a model through Warden.
// The gateway key names the session the call is decided for and charged to; the request is
// checked, decided and reserved (authorize-call.ts), forwarded (forward-call.ts), and answered
// in OpenAI's shape, with Warden's verdict only in headers so the body stays OpenAI's.
import { parseJsonBody, readBodyText } from "@/lib/http/read-body";
import { requestIdFrom } from "@/lib/http/respond";
import { parseWith } from "@/lib/http/validation";
import { newId } from "@/lib/ids";
import { authenticateGatewayKey, type GatewayPrincipal } from "./authenticate-gateway-key";
import { authorizeCall, scanRequest, type CallContext } from "./authorize-call";
import { ChatCompletionRequestSchema } from "./chat-schemas";
import { forwardCall } from "./forward-call";
import { getGatewaySettings } from "./gateway-settings";
import { GatewayError, badParam, openAiErrorResponse } from "./openai-error";
import { refusalError } from "./refusal-error";
import { resolveModel } from "./resolve-model";

const CONVERSATION_HEADER = "x-warden-conversation";

/** The conversation detectors follow flows in: the client's, else the crew's, else the session's. */
function conversationOf(headers: Headers, principal: GatewayPrincipal): string {
  const given = headers.get(CONVERSATION_HEADER);
  if (given === null) return principal.crewId ?? principal.sessionId;
  if (!/^[\w.:@/-]{1,200}$/.test(given)) throw badParam(CONVERSATION_HEADER, `Invalid ${CONVERSATION_HEADER} header: must be 1-200 letters, digits or _ . : @ / -`);
  return given;
}

export async function handleChatCompletion(request: Request): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  const startedAt = performance.now();
  try {
    const principal = await authenticateGatewayKey(request.headers.get("authorization"));
    const body = parseWith(ChatCompletionRequestSchema, parseJsonBody(await readBodyText(request)), "body");
    const conversationId = conversationOf(request.headers, principal);
    const [resolved, settings, scan] = await Promise.all([
      resolveModel(principal.workspaceId, body.model),
      getGatewaySettings(principal.workspaceId),
      scanRequest(principal, body, conversationId),
    ]);
    if (!resolved) throw new GatewayError(404, "invalid_request_error", "model_not_found", `The model '${body.model}' does not exist or you do not have access to it`, "model");
    const call: CallContext = {
      id: newId("gatewayCall"),
      principal,
      actor: { type: "session", id: principal.sessionId },
      resolved,
      request: body,
      conversationId,
      startedAt,
    };
    const authorized = await authorizeCall(call, scan);
    const headers = { "x-request-id": requestId, "x-warden-call-id": call.id, "x-warden-decision": authorized.evaluation.decision };
    if (authorized.status !== "reserved") {
      const refusal = refusalError(authorized);
      throw new GatewayError(refusal.status, refusal.type, refusal.code, refusal.message, refusal.param, { ...refusal.headers, ...headers });
    }
    return await forwardCall(call, authorized, { isBodyStored: settings.store_bodies, signal: request.signal, headers });
  } catch (error) {
    return openAiErrorResponse(error, requestId);
  }
}
