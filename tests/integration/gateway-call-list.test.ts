// The call log lists each call with its tool-call decisions, so a reader (the gateway page's
// Recent calls) sees which proposed calls the agent never received without opening every call.
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { blockWhen, gatewayClient, gatewayWorkspace, issueGatewayKey, MODEL, publishRules } from "../helpers/gateway";

describe("GET /api/v1/gateway/calls", () => {
  it("lists a call with the decision on each tool call the model proposed, newest call first", async () => {
    const w = await gatewayWorkspace();
    await publishRules(w.key, [{ ...blockWhen(["tool_call"], [], "NO_EMAIL"), tools: ["send_email"] }]);
    const client = gatewayClient((await issueGatewayKey(w.key, { agent_id: "assistant" })).key);
    await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: "hello" }] });
    await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: 'CALL search {"q":"cats"}\nCALL send_email {"to":"boss@example.com"}' }] });

    const { body } = await api("GET", "/api/v1/gateway/calls", { key: w.key });
    expect(body.calls.map((c: { tool_calls: unknown }) => c.tool_calls)).toEqual([
      [expect.objectContaining({ name: "search", decision: "ALLOW" }), expect.objectContaining({ name: "send_email", decision: "BLOCK", reasons: [expect.objectContaining({ code: "NO_EMAIL" })] })],
      [],
    ]);
    const detail = await api("GET", `/api/v1/gateway/calls/${body.calls[0].id}`, { key: w.key });
    expect(detail.body.tool_calls).toEqual(body.calls[0].tool_calls);
  });
});
