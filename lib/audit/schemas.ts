import { z } from "zod";
import { MoneySchema } from "@/lib/money";

const DETAILS_MAX_BYTES = 16_384;

export const DetailsSchema = z
  .record(z.string(), z.unknown())
  .refine((d) => Buffer.byteLength(JSON.stringify(d)) <= DETAILS_MAX_BYTES, `must be at most ${DETAILS_MAX_BYTES} bytes of JSON`);

export const LogActionSchema = z.strictObject({
  session_id: z.string().min(1).max(64),
  action: z.string().min(1, "must not be empty").max(256),
  tool: z.string().max(128).default(""),
  cost_usd: MoneySchema.default(0),
  details: DetailsSchema.default({}),
  suggested_by: z.string().min(1).max(128).optional(),
  decision: z.enum(["ALLOW", "LOG", "CONSTRAIN", "BLOCK", "ESCALATE"]).optional(),
});
export type LogActionInput = z.infer<typeof LogActionSchema>;

export const LogBatchSchema = z.strictObject({
  events: z.array(LogActionSchema).min(1, "must hold at least one event").max(1000, "must hold at most 1000 events"),
});

const booleanString = z.enum(["true", "false"]).transform((v) => v === "true");

export const ListAuditQuery = z.object({
  session_id: z.string().max(64).optional(),
  agent_id: z.string().max(128).optional(),
  tool: z.string().max(128).optional(),
  flagged: booleanString.optional(),
  limit: z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1, "must be at least 1").max(1000, "must be at most 1000"))
    .default(100),
  cursor: z.string().regex(/^\d{1,18}$/, "is not a cursor from a previous page").optional(),
});

export const SpendQuery = z.object({
  session_id: z.string().max(64).optional(),
  agent_id: z.string().max(128).optional(),
  crew_id: z.string().max(64).optional(),
});

export const AnomalyRulesSchema = z.strictObject({
  max_cost_per_action: MoneySchema.nullable().optional(),
  max_actions_per_minute: z.number().int().min(1).max(1_000_000).nullable().optional(),
  flag_denied_checks: z.boolean().optional(),
});
