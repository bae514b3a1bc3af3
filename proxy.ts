// Runs only where it is needed, never on the agent API's hot path:
// - dashboard pages (/w/...): passes the requested path to server components, so a signed-out
//   visitor returns to the exact page after signing in (requireMember() does the real check);
// - /api paths containing "%": Next answers a malformed percent-encoding with a plain-text 500,
//   so such paths get the API's JSON 400 here.
import { NextResponse, type NextRequest } from "next/server";

const REQUEST_PATH_HEADER = "x-warden-path";

function isDecodable(pathname: string): boolean {
  try {
    pathname.split("/").forEach((segment) => decodeURIComponent(segment));
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/api/")) {
    if (isDecodable(pathname)) return NextResponse.next();
    return NextResponse.json(
      { error: "Malformed percent-encoding in the URL path", code: "invalid_request", field: "path", reason: "is not valid percent-encoding" },
      { status: 400, headers: { "x-request-id": request.headers.get("x-request-id") ?? crypto.randomUUID() } },
    );
  }
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, `${pathname}${search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/w/:path*", "/api/:path(.*%.*)"] };
