// API keys: "wdn_" + 32 random bytes (base64url). Stored as SHA-256 hex plus a display prefix;
// the key itself is shown once. A fast hash is right here: keys are long random secrets, not
// passwords, and every agent call looks one up.
import { createHash } from "node:crypto";
import { randomToken } from "@/lib/ids";

export const KEY_TYPE_PREFIX = "wdn_";
const DISPLAY_PREFIX_LENGTH = KEY_TYPE_PREFIX.length + 8;

export function generateApiKeySecret(): { key: string; prefix: string; hash: string } {
  const key = `${KEY_TYPE_PREFIX}${randomToken(32)}`;
  return { key, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function looksLikeApiKey(value: string): boolean {
  return /^wdn_[A-Za-z0-9_-]{43}$/.test(value);
}
