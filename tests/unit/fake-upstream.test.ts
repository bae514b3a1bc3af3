// The scripted upstream the gateway tests and the bench rely on, driven by the official client
// directly (no gateway), so a gateway test's expectations rest on a known-good upstream.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countPromptTokens } from "@/lib/gateway/count-tokens";
import { startFakeUpstream } from "@/tests/helpers/fake-upstream";

let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startFakeUpstream({ apiKey: "sk-upstream" });
  client = new OpenAI({ apiKey: "sk-upstream", baseURL: upstream.url, maxRetries: 0 });
});
afterAll(() => upstream.close());

describe("fake upstream", () => {
  it("echoes the last user message with usage counted by the gateway's tokenizer", async () => {
    const messages = [{ role: "system" as const, content: "be brief" }, { role: "user" as const, content: "hello there" }];
    const completion = await client.chat.completions.create({ model: "m", messages });
    expect(completion.choices[0].message.content).toBe("echo: hello there");
    expect(completion.choices[0].finish_reason).toBe("stop");
    expect(completion.usage?.prompt_tokens).toBe(countPromptTokens(messages));
    expect(upstream.requests.at(-1)?.authorization).toBe("Bearer sk-upstream");
  });

  it("proposes the scripted tool calls with finish_reason tool_calls", async () => {
    const completion = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: 'CALL search {"q":"x"}\nCALL send_email {"to":"a@b.c"}' }] });
    const calls = completion.choices[0].message.tool_calls ?? [];
    expect(calls.map((c) => c.type === "function" && [c.function.name, c.function.arguments])).toEqual([["search", '{"q":"x"}'], ["send_email", '{"to":"a@b.c"}']]);
    expect(completion.choices[0].message.content).toBeNull();
    expect(completion.choices[0].finish_reason).toBe("tool_calls");
  });

  it("cuts the reply at max_tokens and says finish_reason length", async () => {
    const completion = await client.chat.completions.create({ model: "m", max_tokens: 3, messages: [{ role: "user", content: "one two three four five six" }] });
    expect(completion.usage?.completion_tokens).toBe(3);
    expect(completion.choices[0].finish_reason).toBe("length");
  });

  it("streams content deltas, tool-call deltas and a usage chunk the client reassembles", async () => {
    const stream = await client.chat.completions.create({
      model: "m",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: 'hi you\nCALL lookup {"id":7}' }],
    });
    let content = "";
    let args = "";
    let usage = 0;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? "";
      args += chunk.choices[0]?.delta.tool_calls?.map((c) => c.function?.arguments ?? "").join("") ?? "";
      usage = chunk.usage?.total_tokens ?? usage;
    }
    expect(content).toBe("echo: hi you");
    expect(args).toBe('{"id":7}');
    expect(usage).toBeGreaterThan(0);
  });

  it("answers a scripted failure status and refuses a wrong upstream key", async () => {
    await expect(client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "FAIL 500" }] })).rejects.toMatchObject({ status: 500 });
    const wrong = new OpenAI({ apiKey: "sk-wrong", baseURL: upstream.url, maxRetries: 0 });
    await expect(wrong.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({ status: 401 });
  });
});
