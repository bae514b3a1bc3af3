// Admin operations on secrets: list (names and metadata, never values), delete (tombstone),
// change the required scope, and restore an older version as the newest. Each change is one
// transaction with its audit event.
import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { workspaceDataKey } from "./data-key";
import { IntegrityError, open, secretAad } from "./envelope";
import { storeInTx } from "./store-secret";

export async function listSecretNames(workspaceId: string) {
  const db = await prisma();
  const rows = await db.secret.findMany({ where: { workspaceId, deletedAt: null }, orderBy: { name: "asc" }, select: { name: true } });
  return { secrets: rows.map((r) => r.name), count: rows.length };
}

export type SecretSummary = {
  name: string;
  scope_required: string;
  version: number;
  versions: number[];
  access_count: number;
  last_accessed_at: string | null;
  updated_at: string;
};

export async function listSecrets(workspaceId: string): Promise<SecretSummary[]> {
  const db = await prisma();
  const rows = await db.secret.findMany({
    where: { workspaceId, deletedAt: null },
    orderBy: { name: "asc" },
    include: { versions: { select: { version: true }, orderBy: { version: "desc" } } },
  });
  return rows.map((s) => ({
    name: s.name,
    scope_required: s.scopeRequired,
    version: s.currentVersion,
    versions: s.versions.map((v) => v.version),
    access_count: s.accessCount,
    last_accessed_at: s.lastAccessedAt?.toISOString() ?? null,
    updated_at: s.updatedAt.toISOString(),
  }));
}

export async function deleteSecret(workspaceId: string, name: string, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const secret = await tx.secret.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
    if (!secret || secret.deletedAt) throw notFound(`Secret '${name}'`);
    await tx.secret.update({ where: { id: secret.id }, data: { deletedAt: new Date(), updatedAt: new Date() } });
    await appendAuditEvent(tx, workspaceId, { actor, action: "secret.deleted", tool: "vault", details: { name, version: secret.currentVersion } });
    return { deleted: true as const, name };
  });
}

export async function changeSecretScope(workspaceId: string, name: string, scopeRequired: string, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const secret = await tx.secret.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
    if (!secret || secret.deletedAt) throw notFound(`Secret '${name}'`);
    if (secret.scopeRequired === scopeRequired) return { name, scope_required: scopeRequired };
    await tx.secret.update({ where: { id: secret.id }, data: { scopeRequired, updatedAt: new Date() } });
    await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "secret.scope_changed",
      tool: "vault",
      details: { name, version: secret.currentVersion, scope_required: scopeRequired, previous_scope_required: secret.scopeRequired },
    });
    return { name, scope_required: scopeRequired };
  });
}

/** Rolls back: an older version's value becomes the newest version (older ones are all kept). */
export async function restoreSecretVersion(workspaceId: string, name: string, version: number, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const secret = await tx.secret.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
    if (!secret || secret.deletedAt) throw notFound(`Secret '${name}'`);
    const old = await tx.secretVersion.findUnique({ where: { secretId_version: { secretId: secret.id, version } } });
    if (!old) throw notFound(`Version ${version} of secret '${name}'`);
    if (version === secret.currentVersion) throw new AppError("conflict", `Version ${version} is already the newest`);
    const dataKey = await workspaceDataKey(tx, workspaceId);
    let value: string;
    try {
      value = open(dataKey, { nonce: Buffer.from(old.nonce), ciphertext: Buffer.from(old.ciphertext), tag: Buffer.from(old.tag) }, secretAad(workspaceId, name, version)).toString("utf8");
    } catch (error) {
      if (error instanceof IntegrityError) throw new AppError("secret_unreadable", `Version ${version} of secret '${name}' cannot be decrypted`);
      throw error;
    }
    return storeInTx(tx, workspaceId, { name, value }, actor, "restored", version);
  });
}
