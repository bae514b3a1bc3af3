// What a request adds to the conversation: the messages after the model's last answer (the
// user's turn, or the tool results the agent sends back). Detectors look at this, not at the
// whole history, so a finding is reported once, in the call that introduced it.
import type { ChatMessage } from "./chat-schemas";
import { contentText } from "./count-tokens";

export type NewContent = { text: string; role: string; source: "agent" | "tool_output" };

export function newContentOf(messages: ChatMessage[]): NewContent {
  const lastAnswer = messages.findLastIndex((m) => m.role === "assistant");
  const fresh = messages.slice(lastAnswer + 1);
  const isFromTools = fresh.some((m) => m.role === "tool" || m.role === "function");
  return {
    text: fresh.map((m) => contentText(m.content)).filter(Boolean).join("\n"),
    role: fresh.at(-1)?.role ?? "user",
    source: isFromTools ? "tool_output" : "agent",
  };
}
