// One webhook POST through the SSRF guard: node:http(s) with pinnedLookup, so the socket goes
// to the address that was just checked; no redirects are followed (a 3xx is a failed attempt);
// a fresh connection per delivery (no pooled socket from an earlier resolution).
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { bareHost } from "./target-address";
import { allowedAddresses, checkTargetUrl, pinnedLookup, type GuardOptions } from "./target-guard";

type PostInput = { url: string; headers: Record<string, string>; body: string; timeoutMs: number; guard: GuardOptions };

/** Sends the POST and reads the response to its end; resolves with the status code. */
export async function postWebhook({ url, headers, body, timeoutMs, guard }: PostInput): Promise<{ status: number }> {
  const target = new URL(url);
  checkTargetUrl(target);
  // Node connects to an IP literal without calling lookup: check it here.
  if (net.isIP(bareHost(target.hostname)) !== 0) await allowedAddresses(target.hostname, guard);
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(guard),
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        const status = response.statusCode ?? 0;
        response.on("error", reject);
        response.on("end", () => resolve({ status }));
        // Cut off mid-body (or by the timeout) without an error event: settle all the same, as
        // the delivery loop waits for every attempt.
        response.on("close", () => (response.complete ? resolve({ status }) : reject(new Error("response cut off"))));
        response.resume();
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
