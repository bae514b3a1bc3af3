// Runs only where it is needed, never on the agent API's hot path:
// - pages (everything but /api/ and Next's static files): a Content-Security-Policy with a fresh
//   script nonce per request (Next reads it from the request's CSP header and puts it on its
//   scripts), and HSTS when served over https; for dashboard pages (/w/...) it also passes the
//   requested path to server components, so a signed-out visitor returns to the exact page after
//   signing in (requireMember() does the real check);
// - /api paths containing "%": Next answers a malformed percent-encoding with a plain-text 500,
//   so such paths get the API's JSON 400 here.
// The static security headers (and the API's CSP) come from next.config.ts.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, HSTS_VALUE, isServedOverHttps, newNonce } from "@/lib/http/security-headers";

const REQUEST_PATH_HEADER = "x-warden-path";

function isDecodable(pathname: string): boolean {
  try {
    pathname.split("/").forEach((segment) => decodeURIComponent(segment));
    return true;
  } catch {
    return false;
  }
}

function pageResponse(request: NextRequest): NextResponse {
  const { pathname, search, protocol } = request.nextUrl;
  const isHttps = isServedOverHttps({ publicUrl: process.env.NEXTAUTH_URL, forwardedProto: request.headers.get("x-forwarded-proto"), protocol });
  const policy = contentSecurityPolicy({ nonce: newNonce(), isHttps, isDevelopment: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  if (pathname.startsWith("/w/")) headers.set(REQUEST_PATH_HEADER, `${pathname}${search}`);
  else headers.delete(REQUEST_PATH_HEADER);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  if (isHttps) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return response;
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (!pathname.startsWith("/api/")) return pageResponse(request);
  if (isDecodable(pathname)) return NextResponse.next();
  return NextResponse.json(
    { error: "Malformed percent-encoding in the URL path", code: "invalid_request", field: "path", reason: "is not valid percent-encoding" },
    { status: 400, headers: { "x-request-id": request.headers.get("x-request-id") ?? crypto.randomUUID() } },
  );
}

export const config = { matcher: ["/((?!api/|_next/static/|_next/image|favicon\\.ico).*)", "/api/:path(.*%.*)"] };
