import { z } from "zod";
import { SessionScopeSchema } from "@/lib/sessions/schemas";

export const SecretNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,128}$/, "must be 1-128 letters, digits or _ . -");

export const SecretValueSchema = z
  .string()
  .min(1, "must not be empty")
  .max(65_536, "must be at most 64 KiB");

export const StoreSecretSchema = z.strictObject({
  name: SecretNameSchema,
  value: SecretValueSchema,
  // The session scope a reader needs. Default "read" for a new secret; an existing one keeps its own.
  scope_required: SessionScopeSchema.optional(),
});
export type StoreSecretInput = z.infer<typeof StoreSecretSchema>;

export const SecretNameParams = z.object({ name: SecretNameSchema });

export const ReadSecretQuery = z.object({
  session_id: z.string().min(1).max(64).optional(),
  approval_id: z.string().startsWith("apr_", "must be an approval request id (apr_...)").optional(),
});

export const ChangeScopeSchema = z.strictObject({ name: SecretNameSchema, scope_required: SessionScopeSchema });

export const RestoreVersionSchema = z.strictObject({ name: SecretNameSchema, version: z.number().int().min(1).max(2_147_483_647) });

export const DeleteSecretSchema = z.strictObject({ name: SecretNameSchema });
