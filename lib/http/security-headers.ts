// Browser security headers. next.config.ts sends the static ones on every response (no
// per-request cost, so also on the agent API); proxy.ts sends each page its own
// Content-Security-Policy with a fresh script nonce (Next puts the nonce on its own scripts),
// and HSTS when the app is served over https.
//
// style-src allows 'unsafe-inline': React style attributes, charts and the toaster's injected
// <style> cannot carry a nonce. Scripts, the real XSS vector, need the nonce ('strict-dynamic'
// lets the scripts Next loads with it load their chunks).

type Header = { key: string; value: string };

export const STATIC_SECURITY_HEADERS: Header[] = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** One year; no includeSubDomains, as other hosts of the operator's domain may still serve http. */
export const HSTS_VALUE = "max-age=31536000";

type PolicyInput = { nonce: string | null; isHttps: boolean; isDevelopment?: boolean };

export function contentSecurityPolicy({ nonce, isHttps, isDevelopment = false }: PolicyInput): string {
  const scripts = nonce ? ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"] : ["'self'"];
  // React's development build evaluates code to rebuild server error stacks; production never does.
  if (isDevelopment) scripts.push("'unsafe-eval'");
  const directives = [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (isHttps) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** The policy of responses that are not pages (API, static assets): no inline script at all. */
export const STATIC_CONTENT_SECURITY_POLICY = contentSecurityPolicy({ nonce: null, isHttps: false });

/**
 * Whether the browser reached us over https: the public URL (NEXTAUTH_URL) says so, as behind a
 * TLS-terminating proxy the app itself sees http, or the proxy says so in X-Forwarded-Proto.
 */
export function isServedOverHttps(input: { publicUrl: string | undefined; forwardedProto: string | null; protocol: string }): boolean {
  if (input.publicUrl?.toLowerCase().startsWith("https:")) return true;
  if (input.forwardedProto?.split(",")[0]?.trim().toLowerCase() === "https") return true;
  return input.protocol === "https:";
}

/** A fresh 128-bit nonce, base64 (Web Crypto, so it runs wherever the proxy runs). */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
