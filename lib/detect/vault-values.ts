// Exfiltration of the workspace's own secrets: every current vault value is decrypted (with the
// vault's envelope functions, inside a read transaction) and looked for in the content. The
// finding names the secret; values leave this module only to be redacted (the gateway's stored
// bodies), never in a finding.
import { prisma } from "@/lib/db/client";
import { workspaceDataKey } from "@/lib/vault/data-key";
import { open, secretAad } from "@/lib/vault/envelope";
import type { Detection } from "./types";

/** Shorter values (a PIN, "true") would match ordinary text and say nothing about a leak. */
export const MIN_SECRET_LENGTH = 6;

export type VaultValue = { name: string; value: string };

/** The current value of every secret long enough to be recognised (for detection and redaction). */
export async function loadVaultValues(workspaceId: string): Promise<VaultValue[]> {
  const db = await prisma();
  const secrets = await db.secret.findMany({
    where: { workspaceId, deletedAt: null },
    select: { name: true, currentVersion: true, versions: { select: { version: true, nonce: true, ciphertext: true, tag: true } } },
    orderBy: { name: "asc" },
  });
  if (secrets.length === 0) return [];
  const dataKey = await db.$transaction((tx) => workspaceDataKey(tx, workspaceId));
  return secrets.flatMap((secret) => {
    const current = secret.versions.find((v) => v.version === secret.currentVersion);
    if (!current) return [];
    const sealed = { nonce: Buffer.from(current.nonce), ciphertext: Buffer.from(current.ciphertext), tag: Buffer.from(current.tag) };
    const value = open(dataKey, sealed, secretAad(workspaceId, secret.name, current.version)).toString("utf8");
    return value.length < MIN_SECRET_LENGTH ? [] : [{ name: secret.name, value }];
  });
}

export async function detectVaultValues(workspaceId: string, content: string): Promise<Detection[]> {
  const found: Detection[] = [];
  for (const { name, value } of await loadVaultValues(workspaceId)) {
    const index = content.indexOf(value);
    if (index < 0) continue;
    found.push({
      detector: "vault_value",
      kind: "exfiltration",
      label: `vault:${name}`,
      span: [index, index + value.length],
      explanation: `The content contains the value of vault secret '${name}'`,
    });
  }
  return found;
}
