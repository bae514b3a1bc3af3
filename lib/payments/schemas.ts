import { z } from "zod";

export const AuthorizePaymentSchema = z.strictObject({
  session_id: z.string().min(1).max(64),
  amount: z
    .number()
    .finite()
    .min(0.01, "must be at least 0.01")
    .max(1_000_000, "must be at most 1,000,000")
    .refine((n) => Math.abs(n * 1e6 - Math.round(n * 1e6)) < 1e-3, "must have at most 6 decimal places"),
  currency: z.string().regex(/^[A-Za-z]{3}$/, "must be a 3-letter currency code").default("USD"),
  description: z.string().max(1000).default(""),
  recipient: z.string().min(1).max(256).optional(),
  suggested_by: z.string().min(1).max(128).optional(),
  /** A reviewer's approval of this escalated payment: consumed by the first authorization. */
  approval_id: z.string().startsWith("apr_", "must be an approval request id (apr_...)").optional(),
});
export type AuthorizePaymentInput = z.infer<typeof AuthorizePaymentSchema>;
