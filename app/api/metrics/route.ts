import { errorResponse, requestIdFrom } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/with-api-key";
import { authorizeScrape } from "@/lib/metrics/authorize-scrape";
import { observed } from "@/lib/metrics/observe-request";
import { metrics } from "@/lib/metrics/registry";

// Prometheus scrape endpoint: the process's metrics in the text exposition format.
export const dynamic = "force-dynamic";

export const GET = observed(async (request: Request) => {
  const requestId = requestIdFrom(request.headers);
  try {
    authorizeScrape(request.headers);
    const { registry } = metrics();
    return new Response(await registry.metrics(), {
      headers: { "content-type": registry.contentType, "x-request-id": requestId, "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error, requestId);
  }
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
