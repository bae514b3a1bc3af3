import { appendAuditEvent, type Actor, type Tx } from "@/lib/audit/append-events";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { deleteProviderKey, providerSecretName, storeProviderKey } from "./provider-secret";
import { checkProviderBaseUrl } from "./provider-target";
import { clearResolvedModels } from "./resolve-model";
import type { PutProviderInput } from "./schemas";

type ProviderRow = { id: string; name: string; baseUrl: string; secretName: string | null; createdAt: Date; updatedAt: Date };

const view = (p: ProviderRow) => ({
  id: p.id,
  name: p.name,
  base_url: p.baseUrl,
  has_api_key: p.secretName !== null,
  created_at: p.createdAt.toISOString(),
  updated_at: p.updatedAt.toISOString(),
});

/**
 * Creates or replaces a provider by name. api_key: a string is stored as the vault secret's next
 * version, null removes it, omitted keeps it. The key is never returned or audited.
 */
export async function putProvider(workspaceId: string, input: PutProviderInput, actor: Actor) {
  const baseUrl = await checkProviderBaseUrl(input.base_url, { allowPrivate: config().WARDEN_GATEWAY_ALLOW_PRIVATE });
  const db = await prisma();
  const saved = await db.$transaction((tx) => saveInTx(tx, workspaceId, { ...input, base_url: baseUrl }, actor));
  clearResolvedModels();
  return view(saved);
}

/**
 * The provider row is created if missing and locked before the vault and the audit chain are
 * touched (the order of putModel and deleteProvider too), so concurrent saves of one name run one
 * after the other on its current state: no unique-violation, lost update or deadlock.
 */
async function saveInTx(tx: Tx, workspaceId: string, input: PutProviderInput, actor: Actor) {
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO gateway_providers (id, workspace_id, name, base_url) VALUES (${newId("gatewayProvider")}, ${workspaceId}, ${input.name}, ${input.base_url})
    ON CONFLICT (workspace_id, name) DO NOTHING RETURNING id`;
  const [current] = await tx.$queryRaw<{ secret_name: string | null }[]>`
    SELECT secret_name FROM gateway_providers WHERE workspace_id = ${workspaceId} AND name = ${input.name} FOR UPDATE`;
  const before = current!.secret_name;
  const secretName = input.api_key === undefined ? before : input.api_key === null ? null : providerSecretName(input.name);
  const provider = await tx.gatewayProvider.update({
    where: { workspaceId_name: { workspaceId, name: input.name } },
    data: { baseUrl: input.base_url, secretName, updatedAt: new Date() },
  });
  if (typeof input.api_key === "string") await storeProviderKey(tx, workspaceId, input.name, input.api_key, actor);
  if (input.api_key === null && before !== null) await deleteProviderKey(tx, workspaceId, before, actor);
  await appendAuditEvent(tx, workspaceId, {
    actor,
    action: "gateway.provider_saved",
    tool: "gateway",
    details: { name: input.name, base_url: input.base_url, has_api_key: secretName !== null, api_key_changed: input.api_key !== undefined, created: inserted.length > 0 },
  });
  return provider;
}

export async function listProviders(workspaceId: string) {
  const db = await prisma();
  const rows = await db.gatewayProvider.findMany({ where: { workspaceId }, orderBy: { name: "asc" } });
  return { count: rows.length, providers: rows.map(view) };
}

/** Deletes a provider and its vault key; 409 while models still route to it. */
export async function deleteProvider(workspaceId: string, name: string, actor: Actor) {
  const db = await prisma();
  const deleted = await db.$transaction(async (tx) => {
    // Locked first, so a model being saved to this provider (FOR SHARE in putModel) is seen below.
    await tx.$queryRaw`SELECT id FROM gateway_providers WHERE workspace_id = ${workspaceId} AND name = ${name} FOR UPDATE`;
    const provider = await tx.gatewayProvider.findUnique({ where: { workspaceId_name: { workspaceId, name } }, include: { models: { select: { model: true }, take: 5 } } });
    if (!provider) throw notFound(`Provider '${name}'`);
    if (provider.models.length > 0) {
      const models = provider.models.map((m) => m.model);
      throw new AppError("conflict", `Provider '${name}' is used by models: ${models.join(", ")}; delete or move them first`, { models });
    }
    await tx.gatewayProvider.delete({ where: { id: provider.id } });
    if (provider.secretName) await deleteProviderKey(tx, workspaceId, provider.secretName, actor);
    await appendAuditEvent(tx, workspaceId, { actor, action: "gateway.provider_deleted", tool: "gateway", details: { name } });
    return { deleted: true as const, name };
  });
  clearResolvedModels();
  return deleted;
}
