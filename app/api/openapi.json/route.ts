import { json, requestIdFrom } from "@/lib/http/respond";
import { openApiDocument } from "@/lib/http/openapi";
import { otherMethods } from "@/lib/http/with-api-key";
import { observed } from "@/lib/metrics/observe-request";

export const GET = observed((request: Request) => json(openApiDocument(), 200, requestIdFrom(request.headers)));

export const { POST, PUT, PATCH, DELETE } = otherMethods(["GET"]);
