// Stored gateway bodies keep the conversation but not the workspace's secrets: every vault value
// found in any string is replaced by [REDACTED:<secret name>].
import type { VaultValue } from "@/lib/detect/vault-values";

export function redactVaultValues(value: unknown, secrets: VaultValue[]): unknown {
  if (secrets.length === 0) return value;
  // Longest first, so a secret that contains another is replaced whole.
  const ordered = [...secrets].sort((a, b) => b.value.length - a.value.length);
  return redact(value, ordered);
}

function redact(value: unknown, secrets: VaultValue[]): unknown {
  if (typeof value === "string") return secrets.reduce((text, s) => text.replaceAll(s.value, `[REDACTED:${s.name}]`), value);
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, secrets)]));
  return value;
}
