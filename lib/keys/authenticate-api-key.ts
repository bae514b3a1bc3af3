// API-key authentication. The caller's key is read from `Authorization: Bearer` or `X-API-Key`
// and reduced to a credential (its SHA-256 and the scopes that would grant the route's scope);
// the database function warden_authenticate_key decides: known, not revoked, not expired, and
// holding a granting scope. Hot routes pass the credential into their own statement (see
// lib/db/call-as.ts); every other route authenticates with authenticateCredential() first.
import { hashApiKey, looksLikeApiKey } from "@/lib/auth/api-key-secret";
import { grantingScopes, type Scope } from "@/lib/auth/scopes";
import { sql } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

export type AuthenticatedKey = { id: string; workspaceId: string; prefix: string; scopes: string[]; expiresAt: Date | null };

export type KeyCredential = { hash: string; required: Scope | null; granting: string[] | null };

export type KeyStatus = "ok" | "unknown" | "revoked" | "expired" | "insufficient_scope";

/** warden_authenticate_key's row. */
export type KeyRow = {
  status: KeyStatus;
  key_id: string | null;
  workspace_id: string | null;
  prefix: string | null;
  scopes: string[] | null;
  expires_at: Date | string | null;
};

/** Reads the key from the headers; throws 401 when it is missing or cannot be a key. */
export function readCredential(headers: Headers, required: Scope | null): KeyCredential {
  const raw = readKey(headers);
  if (!looksLikeApiKey(raw)) throw new AppError("unauthorized", "Invalid API key");
  return { hash: hashApiKey(raw), required, granting: required === null ? null : grantingScopes(required) };
}

export async function authenticateCredential(credential: KeyCredential): Promise<AuthenticatedKey> {
  const [row] = await sql<KeyRow>("SELECT * FROM warden_authenticate_key($1, $2)", [credential.hash, credential.granting], {
    statement: "warden_authenticate_key",
  });
  return keyFromRow(row!, credential);
}

/** The key a status row describes, or the error for the status (401, or 403 for scopes). */
export function keyFromRow(row: KeyRow, credential: KeyCredential): AuthenticatedKey {
  switch (row.status) {
    case "ok":
      return {
        id: row.key_id!,
        workspaceId: row.workspace_id!,
        prefix: row.prefix!,
        scopes: row.scopes!,
        expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
      };
    case "unknown":
      throw new AppError("unauthorized", "Invalid API key");
    case "revoked":
      throw new AppError("unauthorized", "API key has been revoked");
    case "expired":
      throw new AppError("unauthorized", "API key has expired");
    case "insufficient_scope":
      throw new AppError("insufficient_scope", `This API key lacks the '${credential.required}' scope`, {
        required: credential.required,
        granted: row.scopes,
      });
  }
}

function readKey(headers: Headers): string {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw new AppError("unauthorized", "Malformed Authorization header: expected 'Bearer <key>'");
    return match[1]!;
  }
  const apiKey = headers.get("x-api-key");
  if (apiKey !== null && apiKey.trim() !== "") return apiKey.trim();
  throw new AppError("unauthorized", "Missing API key: send 'Authorization: Bearer <key>' or 'X-API-Key'");
}
