import { z } from "zod";
import { MoneySchema } from "@/lib/money";
import { AgentIdSchema, SessionScopeSchema, TokenCountSchema } from "@/lib/sessions/schemas";

export const AgentWindowSchema = z.enum(["total", "day", "month"]);

export const CreateAgentSchema = z.strictObject({
  agent_id: AgentIdSchema,
  display_name: z.string().trim().min(1).max(100).optional(),
  default_scopes: z.array(SessionScopeSchema).max(100).optional(),
  budget: MoneySchema.nullable().optional(),
  budget_window: AgentWindowSchema.optional(),
  token_budget: TokenCountSchema.nullable().optional().describe("LLM tokens through the gateway per budget_window; null: no token cap"),
  /** May override a message's detections with a logged reason (POST /api/v1/messages). */
  trusted: z.boolean().optional(),
});

export const UpdateAgentSchema = CreateAgentSchema.omit({ agent_id: true }).extend({
  reset_spent: z.literal(true).optional(),
});

export const AgentParams = z.object({ agent_id: AgentIdSchema });
