// JSON responses and the single place where errors become HTTP responses.
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && /^[\w.:-]{1,128}$/.test(given) ? given : `req_${randomUUID().replaceAll("-", "")}`;
}

export function json(body: unknown, status: number, requestId: string, extraHeaders: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "x-request-id": requestId, ...extraHeaders },
  });
}

export function errorResponse(error: unknown, requestId: string): Response {
  if (error instanceof AppError) return json(error.toBody(), error.status, requestId);
  logger.error("unhandled error", { requestId, error });
  return json(
    { error: `Internal error; quote request id ${requestId} when reporting it`, code: "internal_error", request_id: requestId },
    500,
    requestId,
  );
}
