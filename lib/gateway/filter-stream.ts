// The streamed answer, filtered on its way to the agent: content deltas pass through as they
// arrive, but tool-call deltas are held, because a call can only be decided once its arguments
// are complete. At the stream's end the held calls are decided, the allowed ones are emitted
// whole (constrained arguments rewritten), then the final chunk (finish_reason adjusted), the
// usage chunk when the client asked for it, and [DONE] once onFinish has run. onFinish learns
// what happened exactly once, also when the client goes away or the upstream breaks off.
import { applyToolDecisions, type FinishedChoice, type ProposedToolCall, type ToolDecision } from "./apply-tool-decisions";

export type Usage = { prompt_tokens: number; completion_tokens: number };

export type StreamOutcome = {
  content: string;
  proposed: ProposedToolCall[];
  finished: FinishedChoice;
  decisions: ToolDecision[];
  usage: Usage | null;
  isComplete: boolean;
};

type Chunk = { id?: string; object?: string; created?: number; model?: string; choices?: Choice[]; usage?: Usage | null };
type Choice = { index?: number; delta?: Delta; finish_reason?: string | null; logprobs?: unknown };
type Delta = { role?: string; content?: string | null; tool_calls?: ToolCallDelta[]; [key: string]: unknown };
type ToolCallDelta = { index: number; id?: string; type?: string; function?: { name?: string; arguments?: string } };

export type StreamFilterOptions = {
  review: (calls: ProposedToolCall[]) => Promise<ToolDecision[]>;
  onFinish: (outcome: StreamOutcome) => Promise<void>;
  /** Whether the client asked for the usage chunk (the gateway always asks the upstream for it). */
  isUsageWanted: boolean;
};

const encoder = new TextEncoder();
const event = (chunk: unknown) => encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`);

export function filterStream(upstream: ReadableStream<Uint8Array>, options: StreamFilterOptions): ReadableStream<Uint8Array> {
  const reader = upstream.getReader();
  const decoder = new TextDecoder();
  const calls = new Map<number, { id: string; name: string; arguments: string }>();
  let buffer = "";
  let content = "";
  let meta: Chunk = {};
  let finalChunk: Chunk | null = null;
  let usage: Usage | null = null;
  let isFinished = false;

  const proposed = (): ProposedToolCall[] =>
    [...calls.entries()].sort(([a], [b]) => a - b).map(([, c]) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.arguments } }));

  const report = async (outcome: Omit<StreamOutcome, "content" | "proposed" | "usage">) => {
    if (isFinished) return;
    isFinished = true;
    await options.onFinish({ ...outcome, content, proposed: proposed(), usage });
  };

  /** One upstream chunk: what passes through now (null: held or consumed). */
  const take = (chunk: Chunk): Chunk | null => {
    if (!meta.id) meta = { id: chunk.id, object: chunk.object, created: chunk.created, model: chunk.model };
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) return null;
    const delta: Delta = { ...choice.delta };
    if (typeof delta.content === "string") content += delta.content;
    for (const part of delta.tool_calls ?? []) {
      const held = calls.get(part.index) ?? { id: "", name: "", arguments: "" };
      calls.set(part.index, { id: part.id ?? held.id, name: held.name + (part.function?.name ?? ""), arguments: held.arguments + (part.function?.arguments ?? "") });
    }
    const hadToolCalls = delta.tool_calls !== undefined;
    delete delta.tool_calls;
    if (choice.finish_reason) {
      finalChunk = { ...meta, choices: [{ ...choice, delta: {} }] };
      return Object.keys(delta).length > 0 ? { ...chunk, usage: undefined, choices: [{ ...choice, delta, finish_reason: null }] } : null;
    }
    if (hadToolCalls && Object.keys(delta).length === 0) return null;
    return { ...chunk, usage: undefined, choices: [{ ...choice, delta }] };
  };

  const finish = async (controller: ReadableStreamDefaultController<Uint8Array>) => {
    const toolCalls = proposed();
    const decisions = toolCalls.length > 0 ? await options.review(toolCalls) : [];
    const original: FinishedChoice = { content: content || null, toolCalls, finishReason: (finalChunk?.choices?.[0]?.finish_reason as string | undefined) ?? "stop" };
    const finished = applyToolDecisions(original, decisions);
    const wrap = (delta: Delta, finishReason: string | null = null) => ({ ...meta, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
    if (finished.content !== original.content && finished.content) controller.enqueue(event(wrap({ content: finished.content })));
    finished.toolCalls.forEach((call, index) => controller.enqueue(event(wrap({ tool_calls: [{ index, ...call }] }))));
    controller.enqueue(event(wrap({}, finished.finishReason)));
    if (usage && options.isUsageWanted) controller.enqueue(event({ ...meta, choices: [], usage }));
    await reader.cancel().catch(() => undefined);
    // [DONE] only once the call is recorded: a client that reads the audit trail next finds it.
    await report({ finished, decisions, isComplete: true });
    controller.enqueue(encoder.encode("data: [DONE]\n\n"));
    controller.close();
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return await finish(controller);
          buffer += decoder.decode(value, { stream: true });
          const events = buffer.split(/\r?\n\r?\n/);
          buffer = events.pop() ?? "";
          let isSent = false;
          for (const raw of events) {
            const data = raw.split(/\r?\n/).filter((line) => line.startsWith("data:")).map((line) => line.slice(5).trim()).join("");
            if (!data) continue;
            if (data === "[DONE]") return await finish(controller);
            const passed = take(JSON.parse(data) as Chunk);
            if (passed) {
              controller.enqueue(event(passed));
              isSent = true;
            }
          }
          if (isSent) return;
        }
      } catch (error) {
        await report({ finished: { content: content || null, toolCalls: [], finishReason: null }, decisions: [], isComplete: false });
        controller.error(error);
      }
    },
    async cancel(reason) {
      await reader.cancel(reason).catch(() => undefined);
      await report({ finished: { content: content || null, toolCalls: [], finishReason: null }, decisions: [], isComplete: false });
    },
  });
}
