import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { unwrapWith } from "./data-key";
import { fingerprint, wrapDataKey } from "./envelope";
import { masterKey, replaceMasterKey } from "./master-key";

/**
 * Re-wraps every workspace's data key under a new master key in one transaction (all or
 * nothing); secret ciphertexts are untouched. This process then uses the new key.
 */
export async function rotateMasterKey(newKey: Buffer, actor: Actor) {
  const current = masterKey();
  const next = { key: newKey, fingerprint: fingerprint(newKey) };
  const db = await prisma();
  const count = await db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ workspace_id: string; wrapped_key: Uint8Array; master_fingerprint: string }[]>`
        SELECT workspace_id, wrapped_key, master_fingerprint FROM vault_keys ORDER BY workspace_id FOR UPDATE`;
      for (const row of rows) {
        const dataKey = unwrapWith(current.key, current.fingerprint, Buffer.from(row.wrapped_key), row.master_fingerprint, row.workspace_id);
        const rewrapped = wrapDataKey(next.key, dataKey, row.workspace_id);
        await tx.$executeRaw`
          UPDATE vault_keys SET wrapped_key = ${rewrapped}, master_fingerprint = ${next.fingerprint}, rewrapped_at = now()
          WHERE workspace_id = ${row.workspace_id}`;
        await appendAuditEvent(tx, row.workspace_id, {
          actor,
          action: "vault.master_key_rotated",
          tool: "vault",
          details: { from_fingerprint: current.fingerprint, to_fingerprint: next.fingerprint },
        });
      }
      return rows.length;
    },
    { timeout: 120_000 },
  );
  const replaced = replaceMasterKey(newKey);
  return { workspaces: count, from: current.fingerprint, to: next.fingerprint, source: replaced.source };
}
