import { appendAuditEvent, type Actor, type Tx } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { workspaceDataKey } from "./data-key";
import { seal, secretAad } from "./envelope";
import type { StoreSecretInput } from "./schemas";

type Upserted = { id: string; version: number; scope_required: string; inserted: boolean };

/**
 * Stores a value as the secret's next version (version 1 for a new name; a deleted name is
 * revived). One transaction: the secret row is locked, the value encrypted under the
 * workspace's data key and audited with name and version, never the value.
 */
export async function storeSecret(workspaceId: string, input: StoreSecretInput, actor: Actor) {
  const db = await prisma();
  return db.$transaction((tx) => storeInTx(tx, workspaceId, input, actor, "stored"));
}

export async function storeInTx(tx: Tx, workspaceId: string, input: StoreSecretInput, actor: Actor, why: "stored" | "restored", fromVersion?: number) {
  const dataKey = await workspaceDataKey(tx, workspaceId);
  const [before] = await tx.$queryRaw<{ scope_required: string; deleted: boolean }[]>`
    SELECT scope_required, deleted_at IS NOT NULL AS deleted FROM secrets
    WHERE workspace_id = ${workspaceId} AND name = ${input.name} FOR UPDATE`;
  const [row] = await tx.$queryRaw<Upserted[]>`
    INSERT INTO secrets (id, workspace_id, name, scope_required, current_version)
    VALUES (${newId("secret")}, ${workspaceId}, ${input.name}, ${input.scope_required ?? "read"}, 1)
    ON CONFLICT (workspace_id, name) DO UPDATE SET
      current_version = secrets.current_version + 1,
      scope_required = coalesce(${input.scope_required ?? null}, secrets.scope_required),
      deleted_at = NULL, updated_at = now()
    RETURNING id, current_version AS version, scope_required, (xmax = 0) AS inserted`;
  const { id, version, scope_required } = row!;
  const sealed = seal(dataKey, Buffer.from(input.value, "utf8"), secretAad(workspaceId, input.name, version));
  await tx.$executeRaw`
    INSERT INTO secret_versions (secret_id, version, nonce, ciphertext, tag, created_by)
    VALUES (${id}, ${version}, ${sealed.nonce}, ${sealed.ciphertext}, ${sealed.tag}, ${`${actor.type}:${actor.id}`})`;
  const action = why === "restored" ? "secret.version_restored" : version === 1 || !before || before.deleted ? "secret.created" : "secret.version_created";
  await appendAuditEvent(tx, workspaceId, {
    actor,
    action,
    tool: "vault",
    details: { name: input.name, version, scope_required, ...(fromVersion ? { from_version: fromVersion } : {}) },
  });
  if (before && !before.deleted && before.scope_required !== scope_required) {
    await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "secret.scope_changed",
      tool: "vault",
      details: { name: input.name, version, scope_required, previous_scope_required: before.scope_required },
    });
  }
  return { stored: true as const, name: input.name, version };
}
