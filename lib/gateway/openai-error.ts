// Errors on the gateway always take OpenAI's shape, {error: {message, type, param, code}}, so
// an agent's OpenAI client raises its usual classes (BadRequestError, AuthenticationError,
// PermissionDeniedError, NotFoundError, RateLimitError) and honours x-should-retry / Retry-After.
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export type OpenAiErrorType = "invalid_request_error" | "authentication_error" | "permission_error" | "not_found_error" | "rate_limit_error" | "insufficient_quota" | "server_error" | "upstream_error";

export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly type: OpenAiErrorType,
    readonly code: string | null,
    message: string,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "GatewayError";
  }
}

export const badParam = (param: string, message: string) => new GatewayError(400, "invalid_request_error", "invalid_value", message, param);

/** Exhausted token or money budgets: waiting will not help, so the client must not retry. */
export const quotaExceeded = (message: string) => new GatewayError(429, "insufficient_quota", "insufficient_quota", message, null, { "x-should-retry": "false" });

export const upstreamError = (message: string) => new GatewayError(502, "upstream_error", "upstream_error", message);

/** Warden's own errors (a bad or revoked key, a missing row) translated to the OpenAI shape. */
function fromAppError(error: AppError): GatewayError {
  const field = typeof error.fields.field === "string" ? error.fields.field : null;
  switch (error.code) {
    case "unauthorized":
      return new GatewayError(401, "authentication_error", "invalid_api_key", error.message);
    case "invalid_request":
    case "payload_too_large":
    case "unsupported_media_type":
      return new GatewayError(error.status, "invalid_request_error", error.code, error.message, field);
    case "forbidden":
    case "insufficient_scope":
      return new GatewayError(403, "permission_error", error.code, error.message);
    case "not_found":
      return new GatewayError(404, "not_found_error", "not_found", error.message);
    case "too_many_requests":
      return new GatewayError(429, "rate_limit_error", "rate_limit_exceeded", error.message);
    default:
      return new GatewayError(error.status, "server_error", error.code, error.message);
  }
}

export function openAiErrorResponse(error: unknown, requestId: string): Response {
  let known = error instanceof GatewayError ? error : error instanceof AppError ? fromAppError(error) : null;
  if (!known) {
    logger.error("unhandled gateway error", { requestId, error });
    known = new GatewayError(500, "server_error", "internal_error", `Internal error; quote request id ${requestId} when reporting it`);
  }
  const body = { error: { message: known.message, type: known.type, param: known.param, code: known.code } };
  return new Response(JSON.stringify(body), {
    status: known.status,
    headers: { "content-type": "application/json; charset=utf-8", "x-request-id": requestId, ...known.headers },
  });
}
