// The one wrapper for agent-facing route handlers: request id, API-key authentication, scope
// check, 1 MiB body cap, zod validation of body, query and path params, Idempotency-Key for
// POSTs, and the error table. Handlers receive parsed input and return { status, body }. Every
// response is counted and timed by route pattern and status (lib/metrics).
//
// withApiKey authenticates before the handler runs. withKeyInCall is for the hot agent routes:
// the handler gets the key's credential as its principal and authenticates in the same database
// statement as its operation (lib/db/call-as.ts). Both answer bad keys, missing scopes and bad
// input with the same errors in the same order: 401/403 before 400.
import { z } from "zod";
import type { Scope } from "@/lib/auth/scopes";
import type { Principal } from "@/lib/db/call-as";
import { AppError } from "@/lib/errors";
import { authenticateCredential, readCredential, type AuthenticatedKey } from "@/lib/keys/authenticate-api-key";
import { observed } from "@/lib/metrics/observe-request";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  requestFingerprint,
  validateIdempotencyKey,
  type StoredResponse,
} from "./idempotency";
import { parseBodyAs, parseJsonBody, readBodyText } from "./read-body";
import { errorResponse, json, requestIdFrom } from "./respond";
import { checkUntrustedValue } from "./untrusted-value";
import { parseWith } from "./validation";

type Input<B, Q, P> = { request: Request; requestId: string; body: B; query: Q; params: P };

export type ApiContext<B, Q, P> = Input<B, Q, P> & { key: AuthenticatedKey; workspaceId: string };

export type CallContext<B, Q, P> = Input<B, Q, P> & { principal: Principal };

export type ApiResult = {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** What an Idempotency-Key retry replays, when the body holds a secret that must not be stored. */
  replayBody?: unknown;
};

type Options<B, Q, P> = {
  /** The key scope the route requires; null: any valid key. */
  scope: Scope | null;
  body?: z.ZodType<B>;
  /** Also accept YAML bodies (Content-Type application/yaml or text/yaml). */
  yaml?: boolean;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
};

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export function withApiKey<B = undefined, Q = undefined, P = undefined>(
  options: Options<B, Q, P>,
  handler: (ctx: ApiContext<B, Q, P>) => Promise<ApiResult>,
) {
  return route(options, false, (input, key) => handler({ ...input, key: key!, workspaceId: key!.workspaceId }));
}

export function withKeyInCall<B = undefined, Q = undefined, P = undefined>(
  options: Options<B, Q, P>,
  handler: (ctx: CallContext<B, Q, P>) => Promise<ApiResult>,
) {
  return route(options, true, handler);
}

function route<B, Q, P>(
  options: Options<B, Q, P>,
  inCall: boolean,
  handler: (ctx: CallContext<B, Q, P>, key: AuthenticatedKey | null) => Promise<ApiResult>,
) {
  return observed(async (request: Request, routeContext?: RouteContext): Promise<Response> => {
    const requestId = requestIdFrom(request.headers);
    try {
      const credential = readCredential(request.headers, options.scope);
      const idempotencyHeader = request.method === "POST" ? request.headers.get("idempotency-key") : null;
      // Idempotent requests are stored per key, so they authenticate first on every route.
      let key = inCall && idempotencyHeader === null ? null : await authenticateCredential(credential);
      const url = new URL(request.url);
      let parsed: { body: B; query: Q; params: P; bodyText: string };
      try {
        parsed = await parseInput(options, request, url, routeContext);
      } catch (error) {
        key ??= await authenticateCredential(credential); // a bad key or scope outranks bad input
        throw error;
      }
      const principal: Principal = key ? { workspaceId: key.workspaceId, actor: { type: "api_key", id: key.id } } : { credential };
      const ctx: CallContext<B, Q, P> = { request, requestId, principal, body: parsed.body, query: parsed.query, params: parsed.params };

      if (idempotencyHeader === null) {
        const result = await handler(ctx, key);
        return json(result.body, result.status, requestId, result.headers);
      }
      const scope = {
        workspaceId: key!.workspaceId,
        apiKeyId: key!.id,
        key: validateIdempotencyKey(idempotencyHeader),
        requestHash: requestFingerprint(request.method, url.pathname, parsed.bodyText),
      };
      const replay = await claimIdempotencyKey(scope);
      if (replay) return json(replay.body, replay.status, requestId, { "idempotent-replayed": "true" });
      let outcome: StoredResponse = { status: 500, body: null };
      try {
        const result = await handler(ctx, key);
        outcome = { status: result.status, body: result.replayBody ?? result.body };
        return json(result.body, result.status, requestId, result.headers);
      } catch (error) {
        if (error instanceof AppError) outcome = { status: error.status, body: error.toBody() };
        throw error;
      } finally {
        await completeIdempotencyKey(scope, outcome);
      }
    } catch (error) {
      return errorResponse(error, requestId);
    }
  });
}

async function parseInput<B, Q, P>(options: Options<B, Q, P>, request: Request, url: URL, routeContext?: RouteContext) {
  // Path ids and query values are refused with a NUL or invalid Unicode before any schema sees them.
  const rawParams = checkUntrustedValue((await routeContext?.params) ?? {}, { root: "params" });
  const params = options.params ? parseWith(options.params, rawParams, "params") : (undefined as P);
  const rawQuery = checkUntrustedValue(Object.fromEntries(url.searchParams), { root: "query" });
  const query = options.query ? parseWith(options.query, rawQuery, "query") : (undefined as Q);
  const bodyText = options.body ? await readBodyText(request) : "";
  const raw = options.yaml ? await parseBodyAs(bodyText, request.headers.get("content-type")) : parseJsonBody(bodyText);
  const body = options.body ? parseWith(options.body, raw, "body") : (undefined as B);
  return { params, query, body, bodyText };
}

const ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof ALL_METHODS)[number];

/**
 * 405 handlers with the documented error body for the methods a route does not implement:
 * `export const { PUT, PATCH, DELETE } = otherMethods(["GET", "POST"]);`
 */
export function otherMethods(allowed: readonly Method[]): Record<Method, (request: Request) => Promise<Response>> {
  const allow = allowed.join(", ");
  const handler = observed((request: Request) =>
    json(
      { error: `Method ${request.method} not allowed; use ${allow}`, code: "method_not_allowed", allowed },
      405,
      requestIdFrom(request.headers),
      { allow },
    ),
  );
  return Object.fromEntries(ALL_METHODS.map((m) => [m, handler])) as Record<Method, typeof handler>;
}
