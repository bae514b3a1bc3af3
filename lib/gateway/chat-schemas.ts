// What the gateway accepts on POST /chat/completions: the fields it reads are checked (so a bad
// request is refused naming its param, as OpenAI does); every other OpenAI parameter
// (temperature, response_format, ...) passes through to the provider untouched.
import { z } from "zod";
import { ModelNameSchema } from "./schemas";

const ContentPartSchema = z.looseObject({ type: z.string().min(1) });

const ToolCallSchema = z.looseObject({
  id: z.string().min(1).max(200),
  type: z.literal("function"),
  function: z.looseObject({ name: z.string().min(1).max(200), arguments: z.string() }),
});

export const ChatMessageSchema = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: z.union([z.string(), z.array(ContentPartSchema), z.null()]).optional(),
  name: z.string().max(200).optional(),
  tool_calls: z.array(ToolCallSchema).optional(),
  tool_call_id: z.string().max(200).optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

const ToolSchema = z.looseObject({
  type: z.literal("function"),
  function: z.looseObject({ name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1-64 letters, digits, _ . or -") }),
});

const TokenLimit = z.number().int("must be a whole number").min(1, "must be at least 1").max(1_000_000);

export const ChatCompletionRequestSchema = z.looseObject({
  model: ModelNameSchema,
  messages: z.array(ChatMessageSchema).min(1, "must hold at least one message").max(2000),
  max_tokens: TokenLimit.nullable().optional(),
  max_completion_tokens: TokenLimit.nullable().optional(),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullable().optional(),
  tools: z.array(ToolSchema).max(128).optional(),
  // Several choices would multiply the reservation and the tool-call review; one is what agents use.
  n: z.literal(1, "only 1 is supported by the gateway").nullable().optional(),
});
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequestSchema>;
