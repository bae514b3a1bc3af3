// Counts and times every response of a route handler, labelled with the route's pattern (never
// the raw path) and the status. Recording is two in-memory updates: no I/O on the request path.
import { logger } from "@/lib/logger";
import { metrics } from "./registry";
import { routePattern } from "./route-pattern";

export function recordRequest(request: Request, status: number, startedAt: number): void {
  try {
    const labels = { method: request.method, route: routePattern(new URL(request.url).pathname), status: String(status) };
    const { httpRequests, httpDuration } = metrics();
    httpRequests.inc(labels);
    httpDuration.observe(labels, (performance.now() - startedAt) / 1000);
  } catch (error) {
    // Never let bookkeeping turn an answered request (a committed payment) into an error.
    logger.warn("could not record request metrics", { error });
  }
}

/** Wraps a route handler so that each response it gives (or failure it throws, as 500) is recorded. */
export function observed<R extends Request, C extends unknown[]>(handler: (request: R, ...rest: C) => Response | Promise<Response>) {
  return async (request: R, ...rest: C): Promise<Response> => {
    const startedAt = performance.now();
    let status = 500;
    try {
      const response = await handler(request, ...rest);
      status = response.status;
      return response;
    } finally {
      recordRequest(request, status, startedAt);
    }
  };
}
