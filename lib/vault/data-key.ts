// A workspace's data key, unwrapped with the master key inside the caller's transaction;
// created on a workspace's first secret.
import type { Tx } from "@/lib/audit/append-events";
import { AppError } from "@/lib/errors";
import { IntegrityError, newDataKey, unwrapDataKey, wrapDataKey } from "./envelope";
import { masterKey } from "./master-key";

export async function workspaceDataKey(tx: Tx, workspaceId: string): Promise<Buffer> {
  const master = masterKey();
  let row = await tx.vaultKey.findUnique({ where: { workspaceId } });
  if (!row) {
    const wrappedKey = wrapDataKey(master.key, newDataKey(), workspaceId);
    await tx.$executeRaw`
      INSERT INTO vault_keys (workspace_id, wrapped_key, master_fingerprint)
      VALUES (${workspaceId}, ${wrappedKey}, ${master.fingerprint}) ON CONFLICT (workspace_id) DO NOTHING`;
    row = await tx.vaultKey.findUniqueOrThrow({ where: { workspaceId } });
  }
  return unwrapWith(master.key, master.fingerprint, Buffer.from(row.wrappedKey), row.masterFingerprint, workspaceId);
}

export function unwrapWith(key: Buffer, keyFingerprint: string, wrapped: Buffer, wrappedBy: string, workspaceId: string): Buffer {
  const mismatch = () =>
    new AppError(
      "vault_key_mismatch",
      `The vault's data keys are wrapped by master key ${wrappedBy}, but this server has ${keyFingerprint}: ` +
        "set WARDEN_MASTER_KEY to the current (rotated) key and restart",
    );
  if (wrappedBy !== keyFingerprint) throw mismatch();
  try {
    return unwrapDataKey(key, wrapped, workspaceId);
  } catch (error) {
    if (error instanceof IntegrityError) throw mismatch();
    throw error;
  }
}
