import { z } from "zod";
import { ScopeSchema } from "@/lib/auth/scopes";

export const CreateKeySchema = z.strictObject({
  name: z.string().trim().min(1, "must not be empty").max(100),
  scopes: z.array(ScopeSchema).min(1, "must name at least one scope").max(50),
  expires_at: z.iso
    .datetime({ offset: true })
    .optional()
    .refine((value) => value === undefined || Date.parse(value) > Date.now(), "must be in the future"),
});
export type CreateKeyInput = z.input<typeof CreateKeySchema>;

export const KeyPrefixSchema = z.object({ prefix: z.string().regex(/^wdn_[A-Za-z0-9_-]{8}$/, "is not a key prefix") });

export type ApiKeyView = {
  key_id: string;
  name: string;
  prefix: string;
  scopes: string[];
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
};

export function toApiKeyView(key: {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}): ApiKeyView {
  return {
    key_id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    created_by: key.createdBy,
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    expires_at: key.expiresAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
  };
}
