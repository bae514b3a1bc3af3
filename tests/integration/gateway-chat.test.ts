// The LLM gateway's call path driven by the official OpenAI client: allowed calls pass through
// unchanged (JSON and streamed), refusals arrive as the client's own error classes, a CONSTRAIN
// cap lowers what the provider may produce, every call is an llm.call audit entry, and an
// upstream failure gives the reservation back.
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { countPromptTokens } from "@/lib/gateway/count-tokens";
import { api } from "../helpers/api";
import { getSession } from "../helpers/governance";
import { blockWhen, gatewayClient, gatewayWorkspace, issueGatewayKey, llmCallEntries, MODEL, publishRules } from "../helpers/gateway";

const user = (content: string) => [{ role: "user" as const, content }];

describe("POST /api/gateway/v1/chat/completions", () => {
  it("passes an allowed call through unchanged: content, tool calls, finish_reason and usage", async () => {
    const w = await gatewayWorkspace();
    const issued = await issueGatewayKey(w.key, { agent_id: "writer" });
    const direct = new OpenAI({ apiKey: "sk-upstream-secret-1", baseURL: w.upstream.url, maxRetries: 0 });
    for (const content of ["hello there", 'CALL search {"q":"cats"}']) {
      const { data, response } = await gatewayClient(issued.key).chat.completions.create({ model: MODEL, messages: user(content) }).withResponse();
      const expected = await direct.chat.completions.create({ model: MODEL, messages: user(content), max_tokens: 4096 });
      expect(data.choices).toEqual(expected.choices);
      expect(data.usage).toEqual(expected.usage);
      expect(response.headers.get("x-warden-decision")).toBe("ALLOW");
      expect(response.headers.get("x-warden-call-id")).toMatch(/^llm_/);
    }
    const forwarded = w.upstream.requests[0]!;
    expect(forwarded.authorization).toBe("Bearer sk-upstream-secret-1");
    expect(forwarded.body).toMatchObject({ model: MODEL, max_tokens: 4096 });
  });

  it("streams content as it arrives and passes the usage chunk the client asked for", async () => {
    const w = await gatewayWorkspace();
    const issued = await issueGatewayKey(w.key, { agent_id: "writer" });
    const stream = await gatewayClient(issued.key).chat.completions.create({ model: MODEL, messages: user("tell me more"), stream: true, stream_options: { include_usage: true } });
    let content = "";
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage ?? usage;
    }
    expect(content).toBe("echo: tell me more");
    expect(finish).toBe("stop");
    expect(usage?.prompt_tokens).toBe(countPromptTokens(user("tell me more")));
    expect(w.upstream.requests[0]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("lists the workspace's models in OpenAI's shape", async () => {
    const w = await gatewayWorkspace();
    const issued = await issueGatewayKey(w.key, { agent_id: "writer" });
    const models = [];
    for await (const model of gatewayClient(issued.key).models.list()) models.push(model);
    expect(models).toEqual([{ id: MODEL, object: "model", created: expect.any(Number), owned_by: "fake" }]);
  });

  it("answers a model without a row with NotFoundError model_not_found", async () => {
    const w = await gatewayWorkspace();
    const issued = await issueGatewayKey(w.key, { agent_id: "writer" });
    const error = await gatewayClient(issued.key).chat.completions.create({ model: "gpt-unknown", messages: user("hi") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({ code: "model_not_found", param: "model" });
  });

  it("refuses a model a policy forbids with PermissionDeniedError policy_violation and the rule's reason", async () => {
    const w = await gatewayWorkspace();
    await publishRules(w.key, [blockWhen(["llm_call"], [{ path: "model", op: "not_in", value: ["gpt-small"] }], "MODEL_NOT_APPROVED")]);
    const issued = await issueGatewayKey(w.key, { agent_id: "writer" });
    const error = await gatewayClient(issued.key).chat.completions.create({ model: MODEL, messages: user("hi") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(error).toMatchObject({ code: "policy_violation", message: expect.stringContaining("Refused: model not approved") });
    expect(w.upstream.requests).toHaveLength(0);
    expect((await llmCallEntries(w.key))[0]).toMatchObject({ decision: "BLOCK", details: { status: "refused", model: MODEL } });
  });

  it("answers an escalated call with PermissionDeniedError approval_required naming the approval", async () => {
    const w = await gatewayWorkspace();
    await publishRules(w.key, [{ id: "review-llm", kinds: ["llm_call"], effect: "ESCALATE", reason: { code: "REVIEW", message: "Model calls need review" } }]);
    const issued = await issueGatewayKey(w.key, { agent_id: "writer" });
    const error = await gatewayClient(issued.key).chat.completions.create({ model: MODEL, messages: user("hi") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(error).toMatchObject({ code: "approval_required", message: expect.stringMatching(/approval apr_\w+\): Model calls need review/) });
    expect(w.upstream.requests).toHaveLength(0);
  });

  it("refuses a revoked key with AuthenticationError", async () => {
    const w = await gatewayWorkspace();
    const issued = await issueGatewayKey(w.key, { agent_id: "writer" });
    expect((await api("DELETE", `/api/v1/gateway/keys/${issued.id}`, { key: w.key })).status).toBe(200);
    await expect(gatewayClient(issued.key).chat.completions.create({ model: MODEL, messages: user("hi") })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("refuses a bad body with BadRequestError naming the param, and a bad key with AuthenticationError", async () => {
    const w = await gatewayWorkspace();
    const client = gatewayClient((await issueGatewayKey(w.key, { agent_id: "writer" })).key);
    await expect(client.chat.completions.create({ model: MODEL, messages: [] })).rejects.toMatchObject({ status: 400, param: "messages", type: "invalid_request_error" });
    await expect(client.chat.completions.create({ model: MODEL, messages: user("hi"), max_tokens: 0 })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(client.chat.completions.create({ model: MODEL, messages: user("hi"), max_tokens: 0 })).rejects.toMatchObject({ param: "max_tokens" });
    const wrong = gatewayClient("wgk_not-a-real-key-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    const error = await wrong.chat.completions.create({ model: MODEL, messages: user("hi") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toMatchObject({ code: "invalid_api_key" });
    expect(String((error as Error).message)).not.toContain("wgk_not-a-real-key");
  });

  it("lowers max_tokens to a CONSTRAIN rule's cap before the provider sees it", async () => {
    const w = await gatewayWorkspace();
    await publishRules(w.key, [{ id: "short", kinds: ["llm_call"], effect: "CONSTRAIN", constraint: { cap: [{ path: "max_tokens", max: 3 }] } }]);
    const issued = await issueGatewayKey(w.key, { agent_id: "writer" });
    const { data, response } = await gatewayClient(issued.key).chat.completions.create({ model: MODEL, messages: user("one two three four five six seven"), max_tokens: 100 }).withResponse();
    expect(w.upstream.requests[0]!.body.max_tokens).toBe(3);
    expect(data.choices[0]!.finish_reason).toBe("length");
    expect(data.usage?.completion_tokens).toBe(3);
    expect(response.headers.get("x-warden-decision")).toBe("CONSTRAIN");
  });

  it("records every call as an llm.call audit entry with model, tokens, cost, latency and decision", async () => {
    const w = await gatewayWorkspace({ input_price: 1, output_price: 2 });
    const issued = await issueGatewayKey(w.key, { agent_id: "writer" });
    const { data, response } = await gatewayClient(issued.key).chat.completions.create({ model: MODEL, messages: user("price me") }).withResponse();
    const [entry] = await llmCallEntries(w.key);
    const { prompt_tokens, completion_tokens } = data.usage!;
    // 1 and 2 per million tokens: 1 and 2 micro-units per token.
    expect(entry).toMatchObject({ tool: `llm.${MODEL}`, agent_id: "writer", session_id: issued.session_id, decision: "ALLOW", flagged: false });
    expect(entry!.details).toMatchObject({ call_id: response.headers.get("x-warden-call-id"), model: MODEL, provider: "fake", status: "completed", prompt_tokens, completion_tokens, cost_micros: String(prompt_tokens + 2 * completion_tokens) });
    expect(entry!.details.latency_ms).toEqual(expect.any(Number));
    expect(await getSession(w.key, issued.session_id)).toMatchObject({ tokens_used: prompt_tokens + completion_tokens });
  });

  it("answers an upstream failure or an unreachable provider with 502 upstream_error and gives the reservation back", async () => {
    const w = await gatewayWorkspace();
    const issued = await issueGatewayKey(w.key, { agent_id: "writer" });
    const client = gatewayClient(issued.key);
    await expect(client.chat.completions.create({ model: MODEL, messages: user("FAIL 500") })).rejects.toMatchObject({ status: 502, code: "upstream_error", message: expect.stringContaining("answered 500") });
    expect((await api("PUT", "/api/v1/gateway/providers/dead", { key: w.key, body: { base_url: "http://127.0.0.1:9/v1" } })).status).toBe(200);
    expect((await api("PUT", "/api/v1/gateway/models", { key: w.key, body: { model: "dead-model", provider: "dead", input_price: 1, output_price: 1 } })).status).toBe(200);
    const error = await client.chat.completions.create({ model: "dead-model", messages: user("hi") }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: "upstream_error", message: expect.stringContaining("unreachable") });
    expect(JSON.stringify(error)).not.toContain("sk-upstream-secret-1");
    expect(await getSession(w.key, issued.session_id)).toMatchObject({ tokens_used: 0, spent: 0 });
    expect((await llmCallEntries(w.key)).map((e) => e.details.status)).toEqual(["upstream_error", "upstream_error"]);
  });
});
