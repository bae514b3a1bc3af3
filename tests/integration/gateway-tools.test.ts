// Tool calls the model proposes are the agent's actions: each is decided by the workspace's
// policies before the agent sees it. Blocked ones are removed (JSON and streamed answers),
// allowed ones kept, constrained ones rewritten; an answer left empty says why.
import { describe, expect, it } from "vitest";
import { allAuditEntries } from "../helpers/governance";
import { blockWhen, gatewayClient, gatewayWorkspace, issueGatewayKey, llmCallEntries, MODEL, publishRules } from "../helpers/gateway";

const SEARCH_AND_EMAIL = 'CALL search {"q":"cats"}\nCALL send_email {"to":"boss@example.com"}';
const noEmail = { ...blockWhen(["tool_call"], [], "NO_EMAIL"), tools: ["send_email"] };

async function agentWith(rules: Record<string, unknown>[]) {
  const w = await gatewayWorkspace();
  await publishRules(w.key, rules);
  const issued = await issueGatewayKey(w.key, { agent_id: "assistant" });
  return { ...w, client: gatewayClient(issued.key) };
}

type StreamedCall = { id?: string; name: string; arguments: string };

describe("tool calls proposed through the gateway", () => {
  it("removes a blocked tool call, keeps the allowed one, and audits both decisions", async () => {
    const w = await agentWith([noEmail]);
    const completion = await w.client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: SEARCH_AND_EMAIL }] });
    const calls = completion.choices[0]!.message.tool_calls ?? [];
    expect(calls.map((c) => c.type === "function" && c.function.name)).toEqual(["search"]);
    expect(completion.choices[0]!.finish_reason).toBe("tool_calls");
    const audit = await allAuditEntries(w.key);
    const receipt = audit.find((e) => e.action === "policy.evaluated" && e.tool === "send_email")!;
    expect(receipt).toMatchObject({ decision: "BLOCK", details: { kind: "tool_call", params: { to: "boss@example.com" } } });
    const [entry] = await llmCallEntries(w.key);
    expect(entry!.details.tool_calls).toEqual([
      expect.objectContaining({ name: "search", decision: "ALLOW" }),
      expect.objectContaining({ name: "send_email", decision: "BLOCK", receipt_id: receipt.entry_id }),
    ]);
  });

  it("holds streamed tool-call deltas and emits only the allowed call", async () => {
    const w = await agentWith([noEmail]);
    const stream = await w.client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: SEARCH_AND_EMAIL }], stream: true });
    const calls = new Map<number, StreamedCall>();
    let finish: string | null = null;
    for await (const chunk of stream) {
      for (const part of chunk.choices[0]?.delta.tool_calls ?? []) {
        const held = calls.get(part.index) ?? { name: "", arguments: "" };
        calls.set(part.index, { id: part.id ?? held.id, name: held.name + (part.function?.name ?? ""), arguments: held.arguments + (part.function?.arguments ?? "") });
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect([...calls.values()]).toEqual([{ id: "call_0_search", name: "search", arguments: '{"q":"cats"}' }]);
    expect(finish).toBe("tool_calls");
    expect((await llmCallEntries(w.key))[0]!.details).toMatchObject({ stream: true, status: "completed" });
  });

  it("turns an answer whose only tool call was blocked into the policy-violation text", async () => {
    const w = await agentWith([noEmail]);
    const completion = await w.client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: 'CALL send_email {"to":"x@example.com"}' }] });
    const choice = completion.choices[0]!;
    expect(choice.message.tool_calls).toBeUndefined();
    expect(choice.finish_reason).toBe("stop");
    expect(choice.message.content).toContain("send_email (Refused: no email)");
    const stream = await w.client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: 'CALL send_email {"to":"x@example.com"}' }], stream: true });
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe(choice.message.content);
  });

  it("rewrites a constrained tool call's arguments to the rule's cap", async () => {
    const w = await agentWith([{ id: "cap-pay", kinds: ["tool_call"], tools: ["pay"], effect: "CONSTRAIN", constraint: { cap: [{ path: "amount", max: 50 }] } }]);
    const completion = await w.client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: 'CALL pay {"amount":900,"to":"acme"}' }] });
    const [call] = completion.choices[0]!.message.tool_calls ?? [];
    expect(call?.type === "function" && JSON.parse(call.function.arguments)).toEqual({ amount: 50, to: "acme" });
  });
});
