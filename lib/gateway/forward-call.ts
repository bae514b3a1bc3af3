// An authorized call goes to its provider: the model name replaced by the upstream's, the output
// capped at what was reserved, usage always requested on streams. The answer's tool calls are
// decided before the agent sees them; then the call is settled and recorded (finish-call.ts).
import { loadVaultValues } from "@/lib/detect/vault-values";
import { logger } from "@/lib/logger";
import { applyToolDecisions, type FinishedChoice, type ProposedToolCall } from "./apply-tool-decisions";
import type { Authorized, CallContext } from "./authorize-call";
import { callUpstream } from "./call-upstream";
import { countTextTokens } from "./count-tokens";
import { filterStream, type Usage } from "./filter-stream";
import { finishCall, type CallResult } from "./finish-call";
import { upstreamError } from "./openai-error";
import { redactVaultValues } from "./redact-vault-values";
import { reviewToolCalls } from "./review-tool-calls";

type Completion = { choices?: { message?: { content?: string | null; tool_calls?: ProposedToolCall[] }; finish_reason?: string | null }[]; usage?: Usage };

function upstreamBody(call: CallContext, authorized: Authorized): Record<string, unknown> {
  const { request, resolved } = call;
  const maxField = request.max_completion_tokens != null ? "max_completion_tokens" : "max_tokens";
  const body: Record<string, unknown> = { ...request, model: resolved.upstreamModel, [maxField]: authorized.maxTokens };
  if (request.stream) body.stream_options = { ...request.stream_options, include_usage: true };
  return body;
}

/** The upstream's usage, or the gateway's own count when it sent none. */
function usageOf(authorized: Authorized, usage: Usage | null | undefined, finished: FinishedChoice | null) {
  if (usage && Number.isInteger(usage.prompt_tokens) && Number.isInteger(usage.completion_tokens)) return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens };
  const text = [finished?.content ?? "", ...(finished?.toolCalls ?? []).map((c) => `${c.function.name} ${c.function.arguments}`)].join("\n");
  return { promptTokens: authorized.promptTokens, completionTokens: countTextTokens(text) };
}

/** Bodies are kept only when the workspace asks for it, with every vault value redacted. */
async function storedBodies(call: CallContext, isStored: boolean, response: unknown) {
  if (!isStored) return { requestBody: null, responseBody: null };
  const secrets = await loadVaultValues(call.principal.workspaceId);
  return { requestBody: redactVaultValues(call.request, secrets), responseBody: redactVaultValues(response, secrets) };
}

export async function forwardCall(call: CallContext, authorized: Authorized, options: { isBodyStored: boolean; signal: AbortSignal; headers: Record<string, string> }): Promise<Response> {
  const reviewer = { workspaceId: call.principal.workspaceId, sessionId: call.principal.sessionId, actor: call.actor, conversationId: call.conversationId, model: call.resolved.model };
  const review = (calls: ProposedToolCall[]) => reviewToolCalls(reviewer, calls);
  let upstream: Response;
  try {
    upstream = await callUpstream(call.resolved, upstreamBody(call, authorized), options.signal);
  } catch (error) {
    // Nothing was produced: the whole reservation goes back.
    await finishCall(call, authorized, { status: "upstream_error", promptTokens: 0, completionTokens: 0, finished: null, toolDecisions: [], ...(await storedBodies(call, options.isBodyStored, null)) });
    throw error;
  }

  if (call.request.stream) {
    const stream = filterStream(upstream.body!, {
      review,
      isUsageWanted: call.request.stream_options?.include_usage === true,
      onFinish: async (outcome) => {
        const response = { content: outcome.finished.content, tool_calls: outcome.finished.toolCalls, finish_reason: outcome.finished.finishReason, usage: outcome.usage };
        const result: CallResult = {
          status: outcome.isComplete ? "completed" : "aborted",
          ...usageOf(authorized, outcome.usage, outcome.isComplete ? outcome.finished : { content: outcome.content, toolCalls: outcome.proposed, finishReason: null }),
          finished: outcome.finished,
          toolDecisions: outcome.decisions,
          ...(await storedBodies(call, options.isBodyStored, response)),
        };
        // The agent already has its answer: a bookkeeping failure is logged, never sent into the stream.
        await finishCall(call, authorized, result).catch((error: unknown) => logger.error("could not record a streamed gateway call", { callId: call.id, error }));
      },
    });
    return new Response(stream, { status: 200, headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", ...options.headers } });
  }

  let completion: Completion & Record<string, unknown>;
  try {
    completion = (await upstream.json()) as Completion & Record<string, unknown>;
  } catch {
    await finishCall(call, authorized, { status: "upstream_error", promptTokens: 0, completionTokens: 0, finished: null, toolDecisions: [], requestBody: null, responseBody: null });
    throw upstreamError(`Provider '${call.resolved.providerName}' sent a body that is not JSON`);
  }
  const choice = completion.choices?.[0];
  const proposed = (choice?.message?.tool_calls ?? []).filter((c) => c.type === "function");
  const decisions = proposed.length > 0 ? await review(proposed) : [];
  const finished = applyToolDecisions({ content: choice?.message?.content ?? null, toolCalls: proposed, finishReason: choice?.finish_reason ?? null }, decisions);
  if (choice?.message && proposed.length > 0) {
    choice.message.content = finished.content;
    if (finished.toolCalls.length > 0) choice.message.tool_calls = finished.toolCalls;
    else delete choice.message.tool_calls;
    choice.finish_reason = finished.finishReason;
  }
  await finishCall(call, authorized, {
    status: "completed",
    ...usageOf(authorized, completion.usage, finished),
    finished,
    toolDecisions: decisions,
    ...(await storedBodies(call, options.isBodyStored, completion)),
  });
  return new Response(JSON.stringify(completion), { status: 200, headers: { "content-type": "application/json; charset=utf-8", ...options.headers } });
}
