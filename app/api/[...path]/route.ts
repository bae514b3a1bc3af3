// Any /api path that no route handles: a JSON 404 in the documented error format.
import { json, requestIdFrom } from "@/lib/http/respond";
import { observed } from "@/lib/metrics/observe-request";

const notFound = observed((request: Request): Response => {
  const path = new URL(request.url).pathname;
  return json({ error: `No route for ${request.method} ${path}`, code: "not_found" }, 404, requestIdFrom(request.headers));
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
