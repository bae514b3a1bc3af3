// The streamed answer's filter: content passes through as it arrives, tool calls are held until
// the end, decided, and only the allowed ones reach the agent.
import { describe, expect, it } from "vitest";
import type { ProposedToolCall, ToolDecision } from "@/lib/gateway/apply-tool-decisions";
import { filterStream, type StreamOutcome } from "@/lib/gateway/filter-stream";

const meta = { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1, model: "m" };
const chunk = (delta: object, finish: string | null = null) => ({ ...meta, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
const sse = (chunks: object[]) => chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join("") + "data: [DONE]\n\n";

/** The SSE text cut into 7-byte pieces, so events straddle reads as they do on a network. */
function upstreamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + 7));
      offset += 7;
    },
  });
}

const decide = (verdicts: Record<string, ToolDecision["decision"]>, args: Record<string, string> = {}) => async (calls: ProposedToolCall[]) =>
  calls.map((c): ToolDecision => ({ id: c.id, name: c.function.name, decision: verdicts[c.function.name] ?? "ALLOW", reasons: [{ code: "R", message: `no ${c.function.name}` }], receipt_id: `aud_${c.id}`, arguments: args[c.function.name] }));

async function run(chunks: object[], review: (calls: ProposedToolCall[]) => Promise<ToolDecision[]>, isUsageWanted = true) {
  let outcome: StreamOutcome | null = null;
  const stream = filterStream(upstreamOf(sse(chunks)), { review, isUsageWanted, onFinish: async (o) => void (outcome = o) });
  const text = await new Response(stream).text();
  const events = text.split("\n\n").filter(Boolean).map((e) => e.slice("data: ".length));
  expect(events.at(-1)).toBe("[DONE]");
  return { received: events.slice(0, -1).map((e) => JSON.parse(e)), outcome: outcome! };
}

const toolCallChunks = (index: number, id: string, name: string, args: string) => [
  chunk({ tool_calls: [{ index, id, type: "function", function: { name, arguments: "" } }] }),
  chunk({ tool_calls: [{ index, function: { arguments: args.slice(0, 3) } }] }),
  chunk({ tool_calls: [{ index, function: { arguments: args.slice(3) } }] }),
];
const usage = { ...meta, choices: [], usage: { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 } };

describe("filterStream", () => {
  it("passes content deltas through unchanged, then the final chunk and the usage chunk", async () => {
    const { received, outcome } = await run([chunk({ role: "assistant", content: "" }), chunk({ content: "hel" }), chunk({ content: "lo" }), chunk({}, "stop"), usage], decide({}));
    expect(received.slice(0, 3)).toEqual([chunk({ role: "assistant", content: "" }), chunk({ content: "hel" }), chunk({ content: "lo" })]);
    expect(received[3].choices[0].finish_reason).toBe("stop");
    expect(received[4].usage).toEqual(usage.usage);
    expect(outcome).toMatchObject({ content: "hello", isComplete: true, usage: usage.usage, decisions: [] });
  });

  it("holds tool-call deltas and emits the allowed calls whole before the final chunk", async () => {
    const chunks = [chunk({ role: "assistant", content: null }), ...toolCallChunks(0, "c1", "search", '{"q":"cats"}'), ...toolCallChunks(1, "c2", "delete_all", "{}"), chunk({}, "tool_calls"), usage];
    const { received, outcome } = await run(chunks, decide({ delete_all: "BLOCK" }));
    const toolDeltas = received.filter((c) => c.choices[0]?.delta.tool_calls);
    expect(toolDeltas).toHaveLength(1);
    expect(toolDeltas[0].choices[0].delta.tool_calls).toEqual([{ index: 0, id: "c1", type: "function", function: { name: "search", arguments: '{"q":"cats"}' } }]);
    expect(received.at(-2).choices[0].finish_reason).toBe("tool_calls");
    expect(outcome.proposed.map((c) => c.function.name)).toEqual(["search", "delete_all"]);
    expect(outcome.decisions.map((d) => d.decision)).toEqual(["ALLOW", "BLOCK"]);
  });

  it("turns an answer left empty into the policy-violation text with finish_reason stop", async () => {
    const { received, outcome } = await run([chunk({ role: "assistant", content: null }), ...toolCallChunks(0, "c1", "wire_money", '{"to":"x"}'), chunk({}, "tool_calls")], decide({ wire_money: "BLOCK" }));
    const text = received.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(text).toContain("wire_money (no wire_money)");
    expect(received.at(-1).choices[0].finish_reason).toBe("stop");
    expect(received.some((c) => c.choices[0]?.delta.tool_calls)).toBe(false);
    expect(outcome.finished).toMatchObject({ toolCalls: [], finishReason: "stop" });
  });

  it("emits a constrained call with its rewritten arguments", async () => {
    const { received } = await run([...toolCallChunks(0, "c1", "pay", '{"amount":900}'), chunk({}, "tool_calls")], decide({ pay: "CONSTRAIN" }, { pay: '{"amount":50}' }));
    const call = received.find((c) => c.choices[0]?.delta.tool_calls).choices[0].delta.tool_calls[0];
    expect(call.function.arguments).toBe('{"amount":50}');
  });

  it("leaves out the usage chunk the client did not ask for, but still reports the usage", async () => {
    const { received, outcome } = await run([chunk({ content: "x" }), chunk({}, "stop"), usage], decide({}), false);
    expect(received.some((c) => c.usage)).toBe(false);
    expect(outcome.usage).toEqual(usage.usage);
  });

  it("reports an incomplete outcome when the client cancels the stream", async () => {
    let outcome: StreamOutcome | null = null;
    const stream = filterStream(upstreamOf(sse([chunk({ content: "partial answer" }), chunk({ content: " more" }), chunk({}, "stop")])), {
      review: decide({}),
      isUsageWanted: true,
      onFinish: async (o) => void (outcome = o),
    });
    const reader = stream.getReader();
    await reader.read();
    await reader.cancel();
    expect(outcome).toMatchObject({ isComplete: false, content: "partial answer" });
  });
});
