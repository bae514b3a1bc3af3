// The content-only exfiltration detectors: API-key shapes (named, never echoed) and the emails
// and Luhn-valid card numbers that validator accepts, hashed with the workspace as salt.
import { describe, expect, it } from "vitest";
import { detectApiKeys } from "@/lib/detect/api-keys";
import { findSensitiveValues, sensitiveHash } from "@/lib/detect/sensitive-data";

describe("detectApiKeys", () => {
  it.each([
    ["openai", `key=sk-proj-${"a1B2".repeat(8)}`],
    ["aws", "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE"],
    ["github", `token ghp_${"x9".repeat(18)}`],
    ["slack", "xoxb-123456789012-abcdefghij"],
    ["private_key", "-----BEGIN RSA PRIVATE KEY-----\nMIIE..."],
  ])("labels a %s key shape without repeating the key", (name, content) => {
    const [found] = detectApiKeys(content);
    expect(found).toMatchObject({ detector: "api_key", kind: "exfiltration", label: `api_key:${name}` });
    expect(found!.explanation).not.toContain(content.slice(found!.span![0], found!.span![1]));
  });

  it.each([
    ["a short sk- word", "the sk-8 model"],
    ["a lowercase akia word", "akiaiosfodnn7example"],
    ["a public key block", "-----BEGIN PUBLIC KEY-----"],
  ])("does not flag %s", (_name, content) => {
    expect(detectApiKeys(content)).toEqual([]);
  });
});

describe("findSensitiveValues", () => {
  it("finds an email and a Luhn-valid card number, grouped or not, with their spans", () => {
    const content = "Customer jane.doe@example.com paid with 4111 1111 1111 1111.";
    const found = findSensitiveValues(content, "wsp_1");
    expect(found.map((v) => [v.type, content.slice(...v.span)])).toEqual([
      ["email", "jane.doe@example.com"],
      ["card", "4111 1111 1111 1111"],
    ]);
    expect(found[1]!.hash).toBe(sensitiveHash("wsp_1", "card", "4111111111111111"));
  });

  it("ends an email before a sentence's full stop and ignores an @ with nothing around it", () => {
    const content = "Write to Bob.Smith+x@mail.example.org. Or @ nobody.";
    expect(findSensitiveValues(content, "wsp_1").map((v) => content.slice(...v.span))).toEqual(["Bob.Smith+x@mail.example.org"]);
  });

  it("finds nothing in 256 KiB of address-like characters without an email", () => {
    expect(findSensitiveValues("a.b".repeat(87_000) + "@", "wsp_1")).toEqual([]);
  });

  it("ignores a 16-digit number that fails the Luhn check", () => {
    expect(findSensitiveValues("order 4111111111111112", "wsp_1")).toEqual([]);
  });

  it("hashes the same value differently in two workspaces", () => {
    const [a] = findSensitiveValues("a@example.com", "wsp_1");
    const [b] = findSensitiveValues("a@example.com", "wsp_2");
    expect(a!.hash).not.toBe(b!.hash);
  });
});
