// A scripted OpenAI-compatible upstream for gateway tests and the bench: POST /chat/completions,
// JSON or SSE. The last user message is the script: lines "CALL <name> <json args>" become tool
// calls, "FAIL <status>" makes it answer that status, any other text is echoed as "echo: <text>".
// Usage is deterministic (the gateway's own prompt count; the reply's tokens, cut at max_tokens),
// so tests can predict what a call is charged. It records every request it received. No network.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { decode, encode } from "gpt-tokenizer/encoding/o200k_base";
import { contentText, countPromptTokens, countTextTokens, type CountableMessage } from "@/lib/gateway/count-tokens";

export type FakeUpstreamRequest = { path: string; authorization: string | undefined; body: Record<string, unknown> };
export type FakeUpstreamOptions = { delayMs?: number; apiKey?: string };

type ToolCall = { id: string; type: "function"; function: { name: string; arguments: string } };
type Reply = { content: string | null; toolCalls: ToolCall[]; finishReason: "stop" | "length" | "tool_calls"; completionTokens: number };

function scriptOf(messages: CountableMessage[]): string {
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  return lastUser ? contentText(lastUser.content) : "";
}

function reply(script: string, maxTokens: number | undefined): Reply {
  const lines = script.split("\n");
  const toolCalls = lines
    .filter((line) => line.startsWith("CALL "))
    .map((line, index): ToolCall => {
      const [, name, ...args] = line.split(" ");
      return { id: `call_${index}_${name}`, type: "function", function: { name, arguments: args.join(" ") || "{}" } };
    });
  const text = lines.filter((line) => !line.startsWith("CALL ")).join("\n").trim();
  let content = text || toolCalls.length === 0 ? `echo: ${text}` : null;
  let finishReason: Reply["finishReason"] = toolCalls.length > 0 ? "tool_calls" : "stop";
  const toolTokens = countTextTokens(toolCalls.map((c) => `${c.function.name} ${c.function.arguments}`).join("\n"));
  const budget = maxTokens ?? Number.MAX_SAFE_INTEGER;
  const contentTokens = content ? encode(content) : [];
  if (content && contentTokens.length + toolTokens > budget) {
    content = decode(contentTokens.slice(0, Math.max(0, budget - toolTokens)));
    finishReason = "length";
  }
  const completionTokens = Math.min(budget, (content ? countTextTokens(content) : 0) + toolTokens);
  return { content, toolCalls, finishReason, completionTokens };
}

function streamChunks(id: string, model: string, answer: Reply, usage: object | null): object[] {
  const base = { id, object: "chat.completion.chunk", created: Math.floor(Date.now() / 1000), model };
  const chunk = (delta: object, finishReason: string | null = null) => ({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
  const chunks: object[] = [chunk({ role: "assistant", content: "" })];
  for (const piece of answer.content?.match(/\S+\s*|\s+/g) ?? []) chunks.push(chunk({ content: piece }));
  answer.toolCalls.forEach((call, index) => {
    chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } }] }));
    const args = call.function.arguments;
    const half = Math.ceil(args.length / 2);
    for (const part of [args.slice(0, half), args.slice(half)]) if (part) chunks.push(chunk({ tool_calls: [{ index, function: { arguments: part } }] }));
  });
  chunks.push(chunk({}, answer.finishReason));
  if (usage) chunks.push({ ...base, choices: [], usage });
  return chunks;
}

function answer(body: Record<string, unknown>, response: http.ServerResponse, count: number) {
  const messages = (Array.isArray(body.messages) ? body.messages : []) as CountableMessage[];
  const script = scriptOf(messages);
  const failure = /^FAIL (\d{3})$/.exec(script.trim());
  if (failure) {
    response.writeHead(Number(failure[1]), { "content-type": "application/json" });
    return response.end(JSON.stringify({ error: { message: "scripted upstream failure", type: "server_error", param: null, code: null } }));
  }
  const maxTokens = (body.max_completion_tokens ?? body.max_tokens) as number | undefined;
  const result = reply(script, maxTokens);
  const promptTokens = countPromptTokens(messages, body.tools);
  const usage = { prompt_tokens: promptTokens, completion_tokens: result.completionTokens, total_tokens: promptTokens + result.completionTokens };
  const id = `chatcmpl-fake-${count}`;
  const model = String(body.model);
  if (body.stream === true) {
    const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    for (const chunk of streamChunks(id, model, result, includeUsage ? usage : null)) response.write(`data: ${JSON.stringify(chunk)}\n\n`);
    return response.end("data: [DONE]\n\n");
  }
  const message = { role: "assistant", content: result.content, refusal: null, ...(result.toolCalls.length ? { tool_calls: result.toolCalls } : {}) };
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify({ id, object: "chat.completion", created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, message, logprobs: null, finish_reason: result.finishReason }], usage }));
}

export async function startFakeUpstream(options: FakeUpstreamOptions = {}) {
  const requests: FakeUpstreamRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (request.method !== "POST" || !request.url?.endsWith("/chat/completions")) {
      response.writeHead(404, { "content-type": "application/json" });
      return response.end(JSON.stringify({ error: { message: "not found", type: "invalid_request_error", param: null, code: null } }));
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    requests.push({ path: request.url, authorization: request.headers.authorization, body });
    if (options.apiKey && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      response.writeHead(401, { "content-type": "application/json" });
      return response.end(JSON.stringify({ error: { message: "bad upstream key", type: "invalid_request_error", param: null, code: "invalid_api_key" } }));
    }
    if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    answer(body, response, requests.length);
  });
  server.keepAliveTimeout = 30_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close, requests };
}
