import { describe, expect, it } from "vitest";
import { sameSiteCallbackUrl } from "@/lib/auth/callback-url";

describe("sameSiteCallbackUrl", () => {
  it("keeps a path on this site with its query and hash", () => {
    expect(sameSiteCallbackUrl("/w/demo/audit?flagged=true#top")).toBe("/w/demo/audit?flagged=true#top");
  });

  it.each([undefined, "", "https://evil.test/", "//evil.test/x", "/\\evil.test/x", "/\t/evil.test/x", "javascript:alert(1)"])(
    "falls back to / for %j",
    (value) => {
      expect(sameSiteCallbackUrl(value)).toBe("/");
    },
  );
});
