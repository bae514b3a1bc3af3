// A gateway provider's base_url: the webhook SSRF guard's rules (DNS played by an injected
// resolver), lifted by WARDEN_GATEWAY_ALLOW_PRIVATE for model servers on the local network.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { checkProviderBaseUrl } from "@/lib/gateway/provider-target";
import type { Resolver } from "@/lib/webhooks/target-guard";

const publicDns: Resolver = async () => [{ address: "93.184.215.14", family: 4 }];
const privateDns: Resolver = async () => [{ address: "10.0.0.7", family: 4 }];

async function refusal(url: string, options: { allowPrivate: boolean; resolve?: Resolver }) {
  const error = await checkProviderBaseUrl(url, options).then(() => null, (e: unknown) => e);
  expect(error, `${url} should be refused`).toBeInstanceOf(AppError);
  return (error as AppError).toBody();
}

describe("checkProviderBaseUrl", () => {
  it.each(["http://127.0.0.1:11434/v1", "http://[::1]/v1", "http://169.254.169.254/latest", "http://localhost:8000/v1", "http://10.1.2.3/v1"])(
    "refuses the private address %s naming base_url",
    async (url) => {
      expect(await refusal(url, { allowPrivate: false, resolve: publicDns })).toMatchObject({ code: "invalid_request", field: "base_url" });
    },
  );

  it("refuses a public name that resolves to a private address", async () => {
    expect(await refusal("https://llm.example.com/v1", { allowPrivate: false, resolve: privateDns })).toMatchObject({ field: "base_url" });
  });

  it("allows private addresses when WARDEN_GATEWAY_ALLOW_PRIVATE is set", async () => {
    expect(await checkProviderBaseUrl("http://127.0.0.1:11434/v1", { allowPrivate: true })).toBe("http://127.0.0.1:11434/v1");
  });

  it("refuses credentials, other schemes, queries and fragments even when private addresses are allowed", async () => {
    for (const url of ["https://user:pw@api.example.com/v1", "ftp://api.example.com/v1", "https://api.example.com/v1?key=x", "https://api.example.com/v1#x"]) {
      expect(await refusal(url, { allowPrivate: true })).toMatchObject({ field: "base_url" });
    }
  });

  it("accepts a public https URL and drops a trailing slash or /chat/completions", async () => {
    expect(await checkProviderBaseUrl("https://api.example.com/v1/", { allowPrivate: false, resolve: publicDns })).toBe("https://api.example.com/v1");
    expect(await checkProviderBaseUrl("https://api.example.com/v1/chat/completions", { allowPrivate: false, resolve: publicDns })).toBe("https://api.example.com/v1");
  });
});
