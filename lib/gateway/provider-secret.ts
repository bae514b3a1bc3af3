// A provider's upstream API key lives in the workspace vault as secret GATEWAY_<NAME>. Its
// scope_required contains a space, which session scopes cannot (SessionScopeSchema), so no
// agent session can read it through /secrets; only a session holding "admin" could, as it can
// read every secret.
import { appendAuditEvent, type Actor, type Tx } from "@/lib/audit/append-events";
import { workspaceDataKey } from "@/lib/vault/data-key";
import { open, secretAad } from "@/lib/vault/envelope";
import { storeInTx } from "@/lib/vault/store-secret";

export const UPSTREAM_KEY_SCOPE = "gateway upstream";

export const providerSecretName = (provider: string) => `GATEWAY_${provider.toUpperCase()}`;

export async function storeProviderKey(tx: Tx, workspaceId: string, provider: string, apiKey: string, actor: Actor): Promise<string> {
  const name = providerSecretName(provider);
  await storeInTx(tx, workspaceId, { name, value: apiKey, scope_required: UPSTREAM_KEY_SCOPE }, actor, "stored");
  return name;
}

/** Tombstones the secret (its versions stay, as for any deleted secret). */
export async function deleteProviderKey(tx: Tx, workspaceId: string, name: string, actor: Actor): Promise<void> {
  const secret = await tx.secret.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  if (!secret || secret.deletedAt) return;
  await tx.secret.update({ where: { id: secret.id }, data: { deletedAt: new Date(), updatedAt: new Date() } });
  await appendAuditEvent(tx, workspaceId, { actor, action: "secret.deleted", tool: "vault", details: { name, version: secret.currentVersion } });
}

/** The current value of the provider's key, or null when the secret is gone. */
export async function readProviderKey(tx: Tx, workspaceId: string, name: string): Promise<string | null> {
  const secret = await tx.secret.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  if (!secret || secret.deletedAt) return null;
  const version = await tx.secretVersion.findUniqueOrThrow({ where: { secretId_version: { secretId: secret.id, version: secret.currentVersion } } });
  const sealed = { nonce: Buffer.from(version.nonce), ciphertext: Buffer.from(version.ciphertext), tag: Buffer.from(version.tag) };
  return open(await workspaceDataKey(tx, workspaceId), sealed, secretAad(workspaceId, name, version.version)).toString("utf8");
}
