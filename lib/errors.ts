// Typed errors for domain code and the one table that maps them to HTTP statuses.
// Both surfaces (route handlers and server actions) translate errors through this file.

export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  insufficient_scope: 403,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  too_many_requests: 429,
  internal_error: 500,
  secret_unreadable: 500,
  service_unavailable: 503,
  vault_key_mismatch: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra fields merged into the error body, e.g. { field, reason } or { required, granted }. */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): Record<string, unknown> {
    return { error: this.message, code: this.code, ...this.fields };
  }
}

export const invalid = (field: string, reason: string) =>
  new AppError("invalid_request", `Invalid ${field}: ${reason}`, { field, reason });

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);

export const forbidden = (message: string) => new AppError("forbidden", message);

/** True for Prisma's unique-constraint violation (P2002), on PGlite and PostgreSQL alike. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** Runs a write; a unique-constraint violation becomes 409 with the given message. */
export async function conflictIfUnique<T>(message: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", message);
    throw error;
  }
}
