import { json, requestIdFrom } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/with-api-key";

// Liveness: the process answers. No database access.
export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return json({ status: "ok" }, 200, requestIdFrom(request.headers));
}

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
