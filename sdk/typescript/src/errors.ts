// Typed errors: one class per kind of failure, so callers `catch (e) { if (e instanceof NotFoundError) … }`.
// Messages come from the server's `error`/`reason` fields or from the SDK itself, never from the
// request: the API key and secret values cannot end up in a message.

/** The server's error body: {error, code} plus fields such as field/reason or required/granted. */
export type ErrorBody = { error?: string; code?: string; reason?: string; field?: string; [key: string]: unknown };

type Details = { status: number; code: string; body: unknown; requestId: string | null; field?: string };

/** Any failure of a Warden call. `status` is 0 when no HTTP answer arrived. */
export class WardenError extends Error {
  readonly status: number;
  readonly code: string;
  readonly body: unknown;
  /** The server's X-Request-ID: quote it when asking an operator about a failed call. */
  readonly requestId: string | null;
  readonly field?: string;

  constructor(message: string, details: Details) {
    super(details.requestId ? `${message} (request ${details.requestId})` : message);
    this.name = new.target.name;
    this.status = details.status;
    this.code = details.code;
    this.body = details.body;
    this.requestId = details.requestId;
    if (details.field !== undefined) this.field = details.field;
  }
}

/** 401: missing, unknown, revoked or expired API key (or session, for session-bound calls). */
export class AuthError extends WardenError {}
/** 403: the key lacks a scope, a budget or policy refused, or separation of duties. */
export class PermissionError extends WardenError {}
export class NotFoundError extends WardenError {}
/** 400/422: invalid input; `field` and `reason` say which part and why. */
export class ValidationError extends WardenError {
  get reason(): string | undefined {
    return (this.body as ErrorBody | null)?.reason;
  }
}
/** 409: already decided, name taken, or the same Idempotency-Key still running. */
export class ConflictError extends WardenError {}
/** 429, or 403 with code RATE_LIMIT_EXCEEDED (a policy's velocity limit): a PermissionError too, as the 403 it usually is. */
export class RateLimitError extends PermissionError {
  /** Seconds the server asked to wait (Retry-After), when it said. */
  retryAfter: number | null = null;
}
export class ServerError extends WardenError {}
/** No answer within timeoutMs, after every retry. */
export class TimeoutError extends WardenError {}
/** The server could not be reached, after every retry. */
export class ConnectionError extends WardenError {}

/** A policy said BLOCK (or ESCALATE when the caller chose not to wait for approval): a PermissionError too. */
export class PolicyBlockedError extends PermissionError {
  decision = "BLOCK";
  reasons: { code: string; message: string; rule_id?: string | null }[] = [];
  receiptId: string | null = null;
  approvalId: string | null = null;
}
/** A human denied the approval request, or it expired unanswered. */
export class ApprovalDeniedError extends WardenError {
  approvalId = "";
}
/** The approval request was still pending when the caller's timeout ran out. */
export class ApprovalTimeoutError extends WardenError {
  approvalId = "";
}

const CLASS_BY_STATUS: Record<number, typeof WardenError> = { 400: ValidationError, 401: AuthError, 403: PermissionError, 404: NotFoundError, 409: ConflictError, 422: ValidationError, 429: RateLimitError };

export function errorFromResponse(status: number, body: unknown, requestId: string | null, retryAfter: number | null): WardenError {
  const errorBody = (body !== null && typeof body === "object" ? body : {}) as ErrorBody;
  const code = typeof errorBody.code === "string" ? errorBody.code : `http_${status}`;
  const message = String(errorBody.error ?? errorBody.reason ?? `HTTP ${status}`);
  const isRateLimit = status === 429 || (status === 403 && code === "RATE_LIMIT_EXCEEDED");
  const ErrorClass = isRateLimit ? RateLimitError : (CLASS_BY_STATUS[status] ?? (status >= 500 ? ServerError : WardenError));
  const error = new ErrorClass(message, { status, code, body, requestId, field: typeof errorBody.field === "string" ? errorBody.field : undefined });
  if (error instanceof RateLimitError) error.retryAfter = retryAfter;
  return error;
}
