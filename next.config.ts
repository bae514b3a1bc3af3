import type { NextConfig } from "next";
import { HSTS_VALUE, STATIC_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

// Paths proxy.ts does not run on: the API and Next's static files. Pages get their
// Content-Security-Policy (with a per-request nonce) and HSTS from proxy.ts instead; a second
// CSP header here would be enforced as well and block the nonce'd scripts.
const NOT_PAGES = ["/api/:path*", "/_next/static/:path*", "/_next/image", "/favicon.ico"];

const nextConfig: NextConfig = {
  // PGlite loads its WASM at run time; bundling it breaks the build (see ENVIRONMENT.md).
  // pdfkit reads its standard fonts' metrics (.afm files) from its own folder at run time.
  // web-tree-sitter (the code analyser's parser) loads tree-sitter.wasm and the grammars at run time.
  serverExternalPackages: ["web-tree-sitter", "@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg", "pdfkit", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
  // Computed at build time into the routes manifest: no per-request cost. HSTS here follows the
  // TLS-terminating proxy's X-Forwarded-Proto (browsers ignore HSTS received over plain http).
  async headers() {
    return [
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      ...NOT_PAGES.flatMap((source) => [
        { source, headers: [{ key: "Content-Security-Policy", value: STATIC_CONTENT_SECURITY_POLICY }] },
        {
          source,
          has: [{ type: "header" as const, key: "x-forwarded-proto", value: "https" }],
          headers: [{ key: "Strict-Transport-Security", value: HSTS_VALUE }],
        },
      ]),
    ];
  },
};

export default nextConfig;
