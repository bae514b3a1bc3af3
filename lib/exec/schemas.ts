// Inputs of the code-execution gate's endpoints (POST /api/v1/exec/evaluate and
// POST /api/v1/exec/{receipt_id}/result).
import { z } from "zod";
import { prefixedPathId } from "@/lib/http/path-params";
import { AgentIdSchema } from "@/lib/sessions/schemas";
import { CODE_LANGUAGES } from "./types";

export const MAX_CODE_BYTES = 1024 * 1024;
const MAX_CONTEXT_JSON = 4096;

export const ExecEvaluateSchema = z.strictObject({
  session_id: z.string().min(1).max(64),
  language: z.enum(CODE_LANGUAGES),
  code: z
    .string()
    .min(1, "must not be empty")
    .refine((code) => Buffer.byteLength(code, "utf8") <= MAX_CODE_BYTES, `must be at most ${MAX_CODE_BYTES} bytes (UTF-8)`),
  /** The agent that proposed the code (an assistant in a conversation): recorded, never decisive. */
  suggested_by: AgentIdSchema.optional(),
  conversation_id: z.string().min(1).max(200).optional(),
  /** Small JSON the policies' `when` conditions can read as `context.*`. */
  context: z
    .record(z.string(), z.unknown())
    .refine((value) => JSON.stringify(value).length <= MAX_CONTEXT_JSON, `must be at most ${MAX_CONTEXT_JSON} bytes of JSON`)
    .optional(),
});
export type ExecEvaluateInput = z.infer<typeof ExecEvaluateSchema>;

export const ReceiptIdParams = z.object({ receipt_id: prefixedPathId("aud_", "a receipt id") });

export const ExecResultSchema = z
  .strictObject({
    status: z.enum(["ok", "error", "killed"]),
    exit_code: z.number().int().min(-1_000_000).max(1_000_000).optional(),
    duration_ms: z.number().int().min(0).max(30 * 86_400_000),
    /** The limit that stopped a killed run. */
    killed_by: z.enum(["time", "memory", "other"]).optional(),
    /** SHA-256 (hex) of what the run printed, if the executor keeps it: links the output without storing it. */
    output_sha256: z.string().regex(/^[0-9a-f]{64}$/, "must be 64 lowercase hex digits").optional(),
  })
  .superRefine((r, ctx) => {
    if (r.killed_by && r.status !== "killed") ctx.addIssue({ code: "custom", path: ["killed_by"], message: "is only allowed with status killed" });
  });
export type ExecResultInput = z.infer<typeof ExecResultSchema>;
