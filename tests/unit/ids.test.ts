import { afterEach, describe, expect, it, vi } from "vitest";
import { ID_PREFIXES, newId, randomToken, type IdKind } from "@/lib/ids";

const CROCKFORD = /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{26}$/;

describe("newId", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("starts every id with its kind's prefix and an underscore", () => {
    for (const [kind, prefix] of Object.entries(ID_PREFIXES)) {
      const id = newId(kind as IdKind);
      expect(id.startsWith(`${prefix}_`)).toBe(true);
    }
  });

  it("uses the documented prefixes for the API's resources", () => {
    expect(ID_PREFIXES).toMatchObject({
      session: "ses",
      audit: "aud",
      authorization: "auth",
      approval: "apr",
      secret: "sec",
      policy: "pol",
      agent: "agt",
      crew: "crw",
      apiKey: "key",
    });
  });

  it("has a 26-character Crockford base32 ULID body", () => {
    for (let i = 0; i < 200; i++) {
      const body = newId("session").slice("ses_".length);
      expect(body).toMatch(CROCKFORD);
    }
  });

  it("encodes the creation time in the first ten characters like a ULID", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1469918176385); // the ULID specification's example time
    expect(newId("audit").slice(4, 14)).toBe("01ARYZ6S41");
    vi.setSystemTime(0);
    expect(newId("audit").slice(4, 14)).toBe("0000000000");
  });

  it("sorts ids created in later milliseconds after earlier ones", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const ids: string[] = [];
    for (const ms of [1_700_000_000_000, 1_700_000_000_001, 1_700_000_000_032, 1_800_000_000_000, 4_000_000_000_000]) {
      vi.setSystemTime(ms);
      ids.push(newId("audit"));
    }
    expect([...ids].sort()).toEqual(ids);
  });

  it("does not repeat itself within one millisecond", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_700_000_000_000);
    const ids = new Set(Array.from({ length: 1000 }, () => newId("session")));
    expect(ids.size).toBe(1000);
  });
});

describe("randomToken", () => {
  it("returns URL-safe base64 of the requested number of bytes", () => {
    const token = randomToken(32);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
  });

  it("returns a different token each time", () => {
    expect(randomToken()).not.toBe(randomToken());
  });
});
