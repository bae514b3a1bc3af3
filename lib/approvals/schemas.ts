import { z } from "zod";
import { prefixedPathId } from "@/lib/http/path-params";
import { MoneySchema } from "@/lib/money";

export const RequestApprovalSchema = z.strictObject({
  session_id: z.string().min(1).max(64),
  tool: z.string().max(200).default(""),
  action: z.string().min(1).max(200),
  amount: MoneySchema.optional(),
  reason: z.string().min(1).max(2000),
  details: z.record(z.string(), z.unknown()).default({}).refine((d) => JSON.stringify(d).length <= 16_384, "must be at most 16 KiB of JSON"),
  ttl: z.number().int().min(1).max(7 * 86_400).default(3600),
});
export type RequestApprovalInput = z.infer<typeof RequestApprovalSchema>;

export const ApprovalIdParams = z.object({ id: prefixedPathId("apr_", "an approval request id") });

export const WaitQuery = z.object({ wait: z.coerce.number().int().min(0).max(30).optional() });

export const DecisionSchema = z.strictObject({ note: z.string().max(2000).default("") });
