// The LLM gateway's chat completions (OpenAI-compatible): see lib/gateway/handle-chat-completion.ts.
import { handleChatCompletion } from "@/lib/gateway/handle-chat-completion";
import { observed } from "@/lib/metrics/observe-request";

export const runtime = "nodejs";

export const POST = observed(handleChatCompletion);
