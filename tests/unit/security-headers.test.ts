import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isServedOverHttps, newNonce, STATIC_CONTENT_SECURITY_POLICY } from "@/lib/http/security-headers";

describe("contentSecurityPolicy", () => {
  it("lets only the page's nonce (and what it loads) run scripts, with no eval outside development", () => {
    const policy = contentSecurityPolicy({ nonce: "abc=", isHttps: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc=' 'strict-dynamic';");
    expect(policy).not.toContain("unsafe-eval");
    expect(policy).not.toContain("upgrade-insecure-requests");
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"]) {
      expect(policy).toContain(directive);
    }
    expect(contentSecurityPolicy({ nonce: "abc=", isHttps: false, isDevelopment: true })).toContain("'strict-dynamic' 'unsafe-eval';");
    expect(contentSecurityPolicy({ nonce: "abc=", isHttps: true })).toMatch(/; upgrade-insecure-requests$/);
  });

  it("allows no inline script at all where there is no nonce", () => {
    expect(STATIC_CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(STATIC_CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(STATIC_CONTENT_SECURITY_POLICY).not.toMatch(/nonce|strict-dynamic/);
  });
});

describe("isServedOverHttps", () => {
  it("trusts the public URL's scheme, a proxy's X-Forwarded-Proto (first hop) or the connection", () => {
    expect(isServedOverHttps({ publicUrl: "https://warden.example.com", forwardedProto: null, protocol: "http:" })).toBe(true);
    expect(isServedOverHttps({ publicUrl: "http://localhost:3000", forwardedProto: "https", protocol: "http:" })).toBe(true);
    expect(isServedOverHttps({ publicUrl: undefined, forwardedProto: "HTTPS, http", protocol: "http:" })).toBe(true);
    expect(isServedOverHttps({ publicUrl: undefined, forwardedProto: null, protocol: "https:" })).toBe(true);
    expect(isServedOverHttps({ publicUrl: "http://localhost:3000", forwardedProto: "http", protocol: "http:" })).toBe(false);
    expect(isServedOverHttps({ publicUrl: undefined, forwardedProto: null, protocol: "http:" })).toBe(false);
  });
});

describe("newNonce", () => {
  it("is 128 random bits in base64, new every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
