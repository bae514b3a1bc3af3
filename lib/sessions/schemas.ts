import { z } from "zod";
import { MoneySchema } from "@/lib/money";

export const AgentIdSchema = z
  .string()
  .min(1, "must not be empty")
  .max(128, "must be at most 128 characters")
  .regex(/^[^\s\u0000-\u001f]+$/, "must not contain spaces or control characters");

// Session scopes are the agent's own vocabulary (read, execute, send_email, spend, spend:50, ...).
export const SessionScopeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:*-]{1,64}$/, "must be 1-64 letters, digits or _ . : * -");

export const MetadataSchema = z.record(z.string(), z.unknown()).refine((m) => JSON.stringify(m).length <= 16_384, "must be at most 16 KiB of JSON");

export const CreateSessionSchema = z.object({
  agent_id: AgentIdSchema,
  scopes: z.array(SessionScopeSchema).max(100).optional(),
  ttl: z.number().int("must be a whole number of seconds").min(0).max(31_536_000).default(3600),
  spend_limit: MoneySchema.nullable().optional(),
  crew_id: z.string().startsWith("crw_", "must be a crew id (crw_...)").optional(),
  metadata: MetadataSchema.optional(),
});
export type CreateSessionInput = z.infer<typeof CreateSessionSchema>;

export const SessionIdParams = z.object({ id: z.string().min(1).max(64) });

export const CheckScopeSchema = z.object({ scope: SessionScopeSchema });

export type SessionView = {
  session_id: string;
  agent_id: string;
  crew_id: string | null;
  scopes: string[];
  spend_limit: number | null;
  spent: number;
  remaining_budget: number | null;
  is_valid: boolean;
  ttl: number;
  metadata: unknown;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
};
