// The gateway's pure pieces: pricing, what a request adds to the conversation, redaction of
// stored bodies, prompt counting, and OpenAI-shaped errors.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { applyToolDecisions } from "@/lib/gateway/apply-tool-decisions";
import { callCostMicros } from "@/lib/gateway/call-cost";
import type { ChatMessage } from "@/lib/gateway/chat-schemas";
import { countPromptTokens } from "@/lib/gateway/count-tokens";
import { newContentOf } from "@/lib/gateway/new-content";
import { openAiErrorResponse, quotaExceeded } from "@/lib/gateway/openai-error";
import { redactVaultValues } from "@/lib/gateway/redact-vault-values";

describe("callCostMicros", () => {
  it("prices each side per million tokens, rounding every fraction of a micro up", () => {
    const prices = { inputMicrosPerMtok: 2_500_000n, outputMicrosPerMtok: 10_000_000n };
    expect(callCostMicros(prices, 1_000_000, 1_000_000)).toBe(12_500_000n);
    expect(callCostMicros(prices, 1, 1)).toBe(3n + 10n);
    expect(callCostMicros(prices, 0, 0)).toBe(0n);
  });
});

describe("newContentOf", () => {
  it("takes the messages after the model's last answer, marking tool results as tool output", () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "old question" },
      { role: "assistant", content: "old answer" },
      { role: "tool", tool_call_id: "c1", content: "tool said this" },
      { role: "user", content: [{ type: "text", text: "and this" }] },
    ];
    expect(newContentOf(messages)).toEqual({ text: "tool said this\nand this", role: "user", source: "tool_output" });
    expect(newContentOf([{ role: "system", content: "rules" }, { role: "user", content: "hi" }])).toEqual({ text: "rules\nhi", role: "user", source: "agent" });
  });
});

describe("redactVaultValues", () => {
  it("replaces every vault value in nested strings, a longer secret containing a shorter one whole", () => {
    const secrets = [{ name: "SHORT", value: "abc123" }, { name: "LONG", value: "abc123-and-more" }];
    const body = { messages: [{ content: "use abc123-and-more or abc123" }], n: 1 };
    expect(redactVaultValues(body, secrets)).toEqual({ messages: [{ content: "use [REDACTED:LONG] or [REDACTED:SHORT]" }], n: 1 });
  });
});

describe("countPromptTokens", () => {
  it("counts tool definitions and every message's overhead", () => {
    const messages = [{ role: "user", content: "hi" }];
    const tools = [{ type: "function", function: { name: "search", parameters: { type: "object" } } }];
    expect(countPromptTokens(messages, tools)).toBeGreaterThan(countPromptTokens(messages));
    expect(countPromptTokens([...messages, ...messages])).toBeGreaterThan(countPromptTokens(messages));
  });
});

describe("applyToolDecisions", () => {
  it("leaves an answer without tool calls untouched", () => {
    const choice = { content: "plain", toolCalls: [], finishReason: "stop" };
    expect(applyToolDecisions(choice, [])).toBe(choice);
  });

  it("removes a call no decision was made for (fails closed)", () => {
    const call = { id: "c1", type: "function" as const, function: { name: "x", arguments: "{}" } };
    expect(applyToolDecisions({ content: "text", toolCalls: [call], finishReason: "tool_calls" }, [])).toEqual({ content: "text", toolCalls: [], finishReason: "stop" });
  });
});

describe("openAiErrorResponse", () => {
  it("answers in OpenAI's error shape, keeps headers and hides unknown errors behind the request id", async () => {
    const quota = openAiErrorResponse(quotaExceeded("over budget"), "req_1");
    expect(quota.status).toBe(429);
    expect(quota.headers.get("x-should-retry")).toBe("false");
    expect(await quota.json()).toEqual({ error: { message: "over budget", type: "insufficient_quota", param: null, code: "insufficient_quota" } });
    const invalid = await openAiErrorResponse(new AppError("invalid_request", "Invalid messages: bad", { field: "messages" }), "req_2").json();
    expect(invalid.error).toMatchObject({ type: "invalid_request_error", param: "messages" });
    const unknown = openAiErrorResponse(new Error("engine detail: pool-7 exhausted"), "req_3");
    expect(unknown.status).toBe(500);
    expect(JSON.stringify(await unknown.json())).not.toContain("pool-7");
  });
});
