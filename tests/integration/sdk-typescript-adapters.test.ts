// The SDK's wrappers around tools built with the real libraries: a Vercel AI SDK tool run by
// generateText (its MockLanguageModelV3 asks for the tool call, as a model would), and a
// LangChain.js tool() invoked the way agents invoke it.
import { tool as langChainTool } from "@langchain/core/tools";
import { generateText, tool as aiTool } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { governAiSdkTool, governLangChainTool, PolicyBlockedError, type WardenClient } from "@/sdk/typescript/src/index";
import { seedWorkspace } from "../helpers/api";
import { publishPolicy, sdkClient } from "../helpers/sdk";

let client: WardenClient;
let sessionId: string;

beforeAll(async () => {
  const { key } = await seedWorkspace();
  await publishPolicy(key, {
    rules: [
      { id: "no-wires", tools: ["wire_money"], effect: "BLOCK", reason: { code: "NO_WIRES", message: "Agents do not wire money" } },
      { id: "few-rows", tools: ["sql"], effect: "CONSTRAIN", constraint: { cap: [{ path: "limit", max: 5 }] } },
    ],
  });
  client = sdkClient(key);
  sessionId = (await client.createSession({ agentId: "tool-user" })).session_id;
});

const usage = { inputTokens: { total: 1, noCache: 1, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: 1, text: 1, reasoning: undefined } };
/** A model that answers with one call of `toolName`. */
const modelCalling = (toolName: string, input: object) =>
  new MockLanguageModelV3({
    doGenerate: { content: [{ type: "tool-call", toolCallId: "call-1", toolName, input: JSON.stringify(input) }], finishReason: { unified: "tool-calls", raw: undefined }, usage, warnings: [] },
  });

describe("governAiSdkTool (Vercel AI SDK)", () => {
  const weather = aiTool({ description: "The weather in a city", inputSchema: z.object({ city: z.string() }), execute: async ({ city }) => ({ city, celsius: 21 }) });

  it("keeps the tool's description and schema, runs the governed call inside generateText, and logs it", async () => {
    const governed = governAiSdkTool(client, { sessionId, tool: "weather", costUsd: 0.01 }, weather);
    expect(governed.description).toBe(weather.description);
    expect(governed.inputSchema).toBe(weather.inputSchema);
    const result = await generateText({ model: modelCalling("weather", { city: "Paris" }), tools: { weather: governed }, prompt: "Weather in Paris?" });
    expect(result.toolResults).toMatchObject([{ toolName: "weather", output: { city: "Paris", celsius: 21 } }]);
    expect((await client.getAuditTrail({ sessionId, tool: "weather", limit: 1 })).entries[0]).toMatchObject({ cost_usd: 0.01, details: { status: "ok" } });
  });

  it("turns a BLOCK into the AI SDK's tool error without running the tool", async () => {
    const wires: unknown[] = [];
    const wire = aiTool({ description: "Wire money", inputSchema: z.object({ amount: z.number() }), execute: async (input) => wires.push(input) });
    const governed = governAiSdkTool(client, { sessionId, tool: "wire_money" }, wire);
    const result = await generateText({ model: modelCalling("wire_money", { amount: 1000 }), tools: { wire_money: governed }, prompt: "Pay" });
    const toolError = result.content.find((part) => part.type === "tool-error");
    expect(toolError?.error).toBeInstanceOf(PolicyBlockedError);
    expect(wires).toEqual([]);
  });
});

describe("governLangChainTool (LangChain.js)", () => {
  const runs: { query: string; limit: number }[] = [];
  const sql = langChainTool(
    async (input: { query: string; limit: number }) => {
      runs.push(input);
      return `${input.limit} rows`;
    },
    { name: "sql", description: "Run a read-only query", schema: z.object({ query: z.string(), limit: z.number() }) },
  );

  it("keeps name, description and schema, and invokes with the constrained parameters", async () => {
    const governed = governLangChainTool(client, { sessionId, suggestedBy: "analyst" }, sql);
    expect([governed.name, governed.description, governed.schema]).toEqual([sql.name, sql.description, sql.schema]);
    expect(await governed.invoke({ query: "select *", limit: 100 })).toBe("5 rows");
    expect(runs.at(-1)).toEqual({ query: "select *", limit: 5 });
    expect((await client.getAuditTrail({ sessionId, tool: "sql", limit: 1 })).entries[0]).toMatchObject({ decision: "CONSTRAIN", suggested_by: "analyst", details: { status: "ok" } });
  });

  it("still validates input with the tool's schema before anything is evaluated", async () => {
    const governed = governLangChainTool(client, { sessionId }, sql);
    const before = runs.length;
    await expect(governed.invoke({ query: 42 } as never)).rejects.toThrow(/schema/i);
    expect(runs.length).toBe(before);
  });

  it("rejects a blocked call with PolicyBlockedError", async () => {
    const wire = langChainTool(async () => "sent", { name: "wire_money", description: "Wire money", schema: z.object({ amount: z.number() }) });
    await expect(governLangChainTool(client, { sessionId }, wire).invoke({ amount: 5 })).rejects.toMatchObject({ name: "PolicyBlockedError", code: "NO_WIRES" });
  });
});
