// Forwards a decided request to the model's provider. Node's fetch keeps connections alive, so
// the hot path pays no new TCP/TLS handshake per call. A failure is summarised for the agent
// (status, the provider's own message, cut short) without anything from the request's headers.
import { upstreamError } from "./openai-error";
import type { ResolvedModel } from "./resolve-model";

const SUMMARY_CHARS = 300;

async function failureSummary(response: Response, resolved: ResolvedModel): Promise<string> {
  const text = await response.text().catch(() => "");
  let message = text;
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string };
    const inner = typeof parsed.error === "string" ? parsed.error : parsed.error?.message;
    if (typeof inner === "string") message = inner;
  } catch {
    // not JSON: the raw text, cut short below
  }
  // Some providers echo the credential they rejected.
  if (resolved.apiKey) message = message.replaceAll(resolved.apiKey, "[REDACTED]");
  return `Provider '${resolved.providerName}' answered ${response.status}${message ? `: ${message.slice(0, SUMMARY_CHARS)}` : ""}`;
}

export async function callUpstream(resolved: ResolvedModel, body: Record<string, unknown>, signal: AbortSignal): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json", accept: body.stream ? "text/event-stream" : "application/json" };
  if (resolved.apiKey) headers.authorization = `Bearer ${resolved.apiKey}`;
  let response: Response;
  try {
    response = await fetch(`${resolved.baseUrl.replace(/\/+$/, "")}/chat/completions`, { method: "POST", headers, body: JSON.stringify(body), signal });
  } catch {
    throw upstreamError(`Provider '${resolved.providerName}' is unreachable`);
  }
  if (!response.ok) throw upstreamError(await failureSummary(response, resolved));
  if (body.stream && !response.body) throw upstreamError(`Provider '${resolved.providerName}' sent no stream`);
  return response;
}
