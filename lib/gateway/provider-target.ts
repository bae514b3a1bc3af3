// A provider's base_url passes the webhook SSRF guard's checks (http(s), no credentials, public
// addresses only unless WARDEN_GATEWAY_ALLOW_PRIVATE). Checked when an admin saves the provider;
// not again per call: only keys with gateway:write choose where calls go.
import { invalid } from "@/lib/errors";
import { checkWebhookTarget, TargetNotAllowedError, type GuardOptions } from "@/lib/webhooks/target-guard";

/** Throws 400 on base_url; returns the URL without a trailing slash or /chat/completions. */
export async function checkProviderBaseUrl(baseUrl: string, options: GuardOptions): Promise<string> {
  const url = new URL(baseUrl);
  if (url.search !== "" || url.hash !== "") throw invalid("base_url", "must not contain a query or fragment");
  try {
    await checkWebhookTarget(baseUrl, options);
  } catch (error) {
    if (error instanceof TargetNotAllowedError) throw invalid("base_url", error.reason);
    throw error;
  }
  return url.toString().replace(/\/+$/, "").replace(/\/chat\/completions$/, "");
}
