// Gateway keys as OpenAI clients present them: generated once, stored as a hash and a display
// prefix, and read from the Authorization header with 401s that never repeat the key.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { generateGatewayKeySecret, hashGatewayKey, readGatewayKey } from "@/lib/gateway/gateway-key-secret";

function unauthorized(authorization: string | null): AppError {
  const error = (() => {
    try {
      readGatewayKey(authorization);
      return null;
    } catch (e) {
      return e;
    }
  })();
  expect(error, `${authorization} should be refused`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("unauthorized");
  return error as AppError;
}

describe("gateway key secrets", () => {
  it("generates wgk_ keys of 32 random bytes with a 12-character prefix and their SHA-256", () => {
    const a = generateGatewayKeySecret();
    const b = generateGatewayKeySecret();
    expect(a.key).toMatch(/^wgk_[A-Za-z0-9_-]{43}$/);
    expect(a.prefix).toBe(a.key.slice(0, 12));
    expect(a.hash).toBe(hashGatewayKey(a.key));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.key).not.toBe(a.key);
  });

  it("reads the key from a Bearer header, case-insensitively", () => {
    const { key } = generateGatewayKeySecret();
    expect(readGatewayKey(`Bearer ${key}`)).toBe(key);
    expect(readGatewayKey(`bearer ${key} `)).toBe(key);
  });

  it("refuses a missing header, another scheme, and a value that is not a gateway key, without repeating it", () => {
    const { key } = generateGatewayKeySecret();
    const apiKeyShaped = `wdn_${key.slice(4)}`;
    expect(unauthorized(null).message).toMatch(/Missing gateway key/);
    expect(unauthorized(`Basic ${key}`).message).not.toContain(key);
    expect(unauthorized(`Bearer ${apiKeyShaped}`).message).not.toContain(apiKeyShaped);
    expect(unauthorized(`Bearer ${key}x`).message).toBe("Invalid gateway key");
  });
});
