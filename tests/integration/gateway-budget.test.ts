// Token and money budgets under concurrency: every call reserves its worst case (prompt + the
// output it may produce) before it is forwarded, so 50 calls at once can never together pass a
// session's token limit, a crew's token budget shared by two keys, or a session's spend limit.
// The refused ones are RateLimitError insufficient_quota, marked not to be retried.
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { countPromptTokens, countTextTokens } from "@/lib/gateway/count-tokens";
import { api } from "../helpers/api";
import { atOnce, getSession } from "../helpers/governance";
import { gatewayClient, gatewayWorkspace, issueGatewayKey, MODEL, publishRules } from "../helpers/gateway";

const MESSAGES = [{ role: "user" as const, content: "hi" }];
const MAX_TOKENS = 5;
const PROMPT = countPromptTokens(MESSAGES);
const RESERVED = PROMPT + MAX_TOKENS;
const USED = PROMPT + countTextTokens("echo: hi");

type Outcome = { ok: true } | { ok: false; error: unknown };

const call = (client: OpenAI): Promise<Outcome> =>
  client.chat.completions.create({ model: MODEL, messages: MESSAGES, max_tokens: MAX_TOKENS }).then(
    () => ({ ok: true }),
    (error: unknown) => ({ ok: false, error }),
  );

/** Every refusal is the quota error a client must not retry; returns how many calls passed. */
function passedCount(outcomes: Outcome[]): number {
  const refused = outcomes.filter((o): o is { ok: false; error: unknown } => !o.ok);
  expect(refused.length).toBeGreaterThan(0);
  for (const { error } of refused) {
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ code: "insufficient_quota", type: "insufficient_quota" });
    expect((error as InstanceType<typeof OpenAI.RateLimitError>).headers.get("x-should-retry")).toBe("false");
  }
  return outcomes.length - refused.length;
}

describe("gateway budgets and rate limits under concurrent calls", () => {
  it("never lets a session's token use pass its token_limit", async () => {
    const w = await gatewayWorkspace();
    const limit = 10 * RESERVED;
    const issued = await issueGatewayKey(w.key, { agent_id: "busy", token_limit: limit });
    const client = gatewayClient(issued.key);
    const passed = passedCount(await atOnce(50, () => call(client)));
    expect(passed).toBeGreaterThanOrEqual(10);
    const session = await getSession(w.key, issued.session_id);
    expect(session.tokens_used).toBe(passed * USED);
    expect(session.tokens_used).toBeLessThanOrEqual(limit);
  });

  it("never lets two keys of one crew together pass the crew's token_budget", async () => {
    const w = await gatewayWorkspace();
    const budget = 8 * RESERVED;
    const crew = await api("POST", "/api/v1/crews", { key: w.key, body: { name: "pair", token_budget: budget } });
    expect(crew.status, JSON.stringify(crew.body)).toBe(201);
    const first = gatewayClient((await issueGatewayKey(w.key, { agent_id: "one", crew_id: crew.body.crew_id })).key);
    const second = gatewayClient((await issueGatewayKey(w.key, { agent_id: "two", crew_id: crew.body.crew_id })).key);
    const passed = passedCount(await atOnce(50, (i) => call(i % 2 === 0 ? first : second)));
    const after = await api("GET", `/api/v1/crews/${crew.body.crew_id}`, { key: w.key });
    expect(after.body.tokens_used).toBe(passed * USED);
    expect(after.body.tokens_used).toBeLessThanOrEqual(budget);
  });

  it("never lets a session's spending pass its spend_limit", async () => {
    // 1,000 per million tokens: each token costs 1,000 micro-units (0.001).
    const w = await gatewayWorkspace({ input_price: 1000, output_price: 1000 });
    const limit = (3 * RESERVED) / 1000;
    const issued = await issueGatewayKey(w.key, { agent_id: "spender", spend_limit: limit });
    const passed = passedCount(await atOnce(20, () => call(gatewayClient(issued.key))));
    expect(passed).toBeGreaterThanOrEqual(3);
    const session = await getSession(w.key, issued.session_id);
    expect(session.spent).toBeCloseTo((passed * USED) / 1000, 6);
    expect(session.spent).toBeLessThanOrEqual(limit);
  });

  it("answers calls past a per-minute rate-limit rule with RateLimitError rate_limit_exceeded and Retry-After", async () => {
    const w = await gatewayWorkspace();
    await publishRules(w.key, [
      { id: "llm-rate", kinds: ["llm_call"], effect: "BLOCK", rate_limit: { max: 3, per: "minute" }, reason: { code: "RATE_LIMIT_EXCEEDED", message: "At most 3 model calls a minute" } },
    ]);
    const client = gatewayClient((await issueGatewayKey(w.key, { agent_id: "chatty" })).key);
    const outcomes = await atOnce(10, () => call(client));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(3);
    for (const o of outcomes.filter((o): o is { ok: false; error: unknown } => !o.ok)) {
      expect(o.error).toBeInstanceOf(OpenAI.RateLimitError);
      expect(o.error).toMatchObject({ code: "rate_limit_exceeded", message: expect.stringContaining("At most 3 model calls a minute") });
      expect((o.error as InstanceType<typeof OpenAI.RateLimitError>).headers.get("retry-after")).toBe("60");
    }
  });
});
