// Governed versions of the two common JavaScript tool shapes, without depending on either
// library: the wrappers keep the tool object as it is (schema, description, class) and route its
// calls through governedTool.
import type { WardenClient } from "./client.js";
import { governedTool, type GovernedToolOptions } from "./governed-tool.js";

/** A Vercel AI SDK tool: `tool({ description, inputSchema, execute })` from the `ai` package. */
export type AiSdkToolLike = { description?: string; execute?: (input: never, options: never) => unknown };

/** The same tool with `execute` governed. AI SDK tools carry no name: options.tool gives it. */
export function governAiSdkTool<Tool extends AiSdkToolLike>(client: WardenClient, options: GovernedToolOptions<unknown>, tool: Tool): Tool {
  const execute = tool.execute as ((input: Record<string, unknown>, callOptions: unknown) => unknown) | undefined;
  if (typeof execute !== "function") throw new TypeError(`governAiSdkTool: the tool '${options.tool}' has no execute function to govern`);
  return { ...tool, execute: governedTool(client, options, (input: Record<string, unknown>, callOptions: unknown) => execute.call(tool, input, callOptions)) };
}

/** A LangChain.js StructuredTool (what `tool(fn, { name, schema })` from @langchain/core/tools returns). */
export type LangChainToolLike = { name: string; description: string; schema: unknown; invoke: (...args: never[]) => Promise<unknown> };
type ToolCall = (input: Record<string, unknown>, runManager?: unknown, config?: unknown) => Promise<unknown>;

/**
 * A tool of the same class whose calls are governed. LangChain's invoke() validates the input
 * against `schema`, then runs `_call` (which runs `func` for DynamicStructuredTool): governing
 * `_call` keeps LangChain's validation, callbacks and output handling intact.
 */
export function governLangChainTool<Tool extends LangChainToolLike>(client: WardenClient, options: Omit<GovernedToolOptions<unknown>, "tool"> & { tool?: string }, tool: Tool): Tool {
  const call = (tool as unknown as { _call?: ToolCall })._call;
  if (typeof call !== "function") throw new TypeError(`governLangChainTool: '${tool.name}' is not a LangChain StructuredTool (no _call)`);
  const governed = Object.create(tool) as Tool & { _call: ToolCall };
  governed._call = governedTool(client, { ...options, tool: options.tool ?? tool.name }, (input: Record<string, unknown>, runManager?: unknown, config?: unknown) => call.call(tool, input, runManager, config));
  return governed;
}
