import { json, requestIdFrom } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/with-api-key";
import { observed } from "@/lib/metrics/observe-request";

// Liveness: the process answers. No database access.
export const dynamic = "force-dynamic";

export const GET = observed((request: Request) => json({ status: "ok" }, 200, requestIdFrom(request.headers)));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
