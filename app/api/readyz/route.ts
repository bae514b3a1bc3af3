import { checkReadiness } from "@/lib/db/check-readiness";
import { json, requestIdFrom } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/with-api-key";
import { observed } from "@/lib/metrics/observe-request";

// Readiness: the database answers and every migration on disk is applied.
export const dynamic = "force-dynamic";

export const GET = observed(async (request: Request) => {
  const readiness = await checkReadiness();
  return json(readiness, readiness.ready ? 200 : 503, requestIdFrom(request.headers));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
