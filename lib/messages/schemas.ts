import { z } from "zod";
import { AgentIdSchema } from "@/lib/sessions/schemas";

export const MAX_CONTENT_BYTES = 256 * 1024;

const ConversationIdSchema = z.string().min(1).max(200);

export const SendMessageSchema = z.strictObject({
  /** The sender's session: the message is an action of its agent. */
  session_id: z.string().min(1).max(64),
  to_agent_id: AgentIdSchema,
  conversation_id: ConversationIdSchema,
  content: z.string().refine((c) => Buffer.byteLength(c, "utf8") <= MAX_CONTENT_BYTES, `must be at most ${MAX_CONTENT_BYTES} bytes (256 KiB)`),
  role: z.enum(["user", "assistant", "tool"]).default("assistant"),
  /** tool_output: the content came back from a tool (a web page, a file), the usual injection carrier. */
  source: z.enum(["agent", "tool_output"]).default("agent"),
  /** Sends a flagged message anyway; honoured only for agents marked trusted, and logged. */
  override: z.strictObject({ reason: z.string().trim().min(3).max(500) }).optional(),
});
export type SendMessageInput = z.infer<typeof SendMessageSchema>;

export const ListMessagesQuery = z.object({
  conversation_id: ConversationIdSchema.optional(),
  /** Messages this agent sent or received. */
  agent_id: AgentIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
