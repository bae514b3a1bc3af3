// Token counts for budgeting: the gateway reserves a call's worst case before forwarding it, so it
// counts the prompt itself (o200k, the tokenizer of OpenAI's current models) instead of trusting
// the upstream's bill that only arrives afterwards. The per-message overheads follow OpenAI's
// published chat format accounting; other providers count similarly within a few tokens.
import { countTokens } from "gpt-tokenizer/encoding/o200k_base";

const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;

export type CountableMessage = {
  role?: unknown;
  name?: unknown;
  content?: unknown;
  tool_calls?: unknown;
};

export function countTextTokens(text: string): number {
  return text ? countTokens(text) : 0;
}

/** The text of a message's content: a string, or the text parts of a content-part array. */
export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part) => (part && typeof part === "object" && typeof (part as { text?: unknown }).text === "string" ? (part as { text: string }).text : ""))
    .filter(Boolean)
    .join("\n");
}

function toolCallsText(toolCalls: unknown): string {
  if (!Array.isArray(toolCalls)) return "";
  return toolCalls
    .map((call) => {
      const fn = (call as { function?: { name?: unknown; arguments?: unknown } } | null)?.function;
      return `${typeof fn?.name === "string" ? fn.name : ""} ${typeof fn?.arguments === "string" ? fn.arguments : ""}`;
    })
    .join("\n");
}

/** The prompt's tokens: every message's role, name, text and tool calls, plus the tool definitions. */
export function countPromptTokens(messages: CountableMessage[], tools?: unknown): number {
  let total = REPLY_PRIMING;
  for (const message of messages) {
    total += PER_MESSAGE;
    if (typeof message.role === "string") total += countTextTokens(message.role);
    if (typeof message.name === "string") total += countTextTokens(message.name) + 1;
    total += countTextTokens(contentText(message.content));
    total += countTextTokens(toolCallsText(message.tool_calls));
  }
  if (Array.isArray(tools) && tools.length > 0) total += countTextTokens(JSON.stringify(tools));
  return total;
}
