import { z } from "zod";
import { PathIdSchema } from "@/lib/http/path-params";
import { MoneySchema } from "@/lib/money";
import { AgentIdSchema, TokenCountSchema } from "@/lib/sessions/schemas";

export const CrewWindowSchema = z.enum(["run", "day", "month"]);

export const CreateCrewSchema = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(100),
  description: z.string().max(1000).optional(),
  budget: MoneySchema.nullable().optional(),
  budget_window: CrewWindowSchema.default("run"),
  token_budget: TokenCountSchema.nullable().optional().describe("LLM tokens through the gateway per budget_window; null: no token cap"),
  agent_ids: z.array(AgentIdSchema).max(200).optional(),
});

export const UpdateCrewSchema = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().max(1000).nullable().optional(),
  budget: MoneySchema.nullable().optional(),
  budget_window: CrewWindowSchema.optional(),
  token_budget: TokenCountSchema.nullable().optional().describe("LLM tokens through the gateway per budget_window; null: no token cap"),
  // Starts a new run: spend and tokens used in the window go back to 0.
  reset_spent: z.literal(true).optional(),
});

export const CrewParams = z.object({ id: PathIdSchema });
export const CrewMemberParams = z.object({ id: PathIdSchema, agent_id: AgentIdSchema });
