// Gateway keys: "wgk_" + 32 random bytes (base64url), what an agent's OpenAI client sends as its
// api_key. Stored as SHA-256 hex plus a display prefix, like API keys (lib/auth/api-key-secret.ts).
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors";
import { randomToken } from "@/lib/ids";

const KEY_TYPE_PREFIX = "wgk_";
const DISPLAY_PREFIX_LENGTH = KEY_TYPE_PREFIX.length + 8;

export function generateGatewayKeySecret(): { key: string; prefix: string; hash: string } {
  const key = `${KEY_TYPE_PREFIX}${randomToken(32)}`;
  return { key, prefix: key.slice(0, DISPLAY_PREFIX_LENGTH), hash: hashGatewayKey(key) };
}

export const hashGatewayKey = (key: string) => createHash("sha256").update(key).digest("hex");

export const looksLikeGatewayKey = (value: string) => /^wgk_[A-Za-z0-9_-]{43}$/.test(value);

/** The key in `Authorization: Bearer wgk_...` (what OpenAI clients send); 401 otherwise, never echoing it. */
export function readGatewayKey(authorization: string | null): string {
  if (authorization === null) throw new AppError("unauthorized", "Missing gateway key: send 'Authorization: Bearer <key>'");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new AppError("unauthorized", "Malformed Authorization header: expected 'Bearer <key>'");
  if (!looksLikeGatewayKey(match[1]!)) throw new AppError("unauthorized", "Invalid gateway key");
  return match[1]!;
}
