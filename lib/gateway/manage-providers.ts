import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { deleteProviderKey, storeProviderKey } from "./provider-secret";
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
  const saved = await db.$transaction(async (tx) => {
    const existing = await tx.gatewayProvider.findUnique({ where: { workspaceId_name: { workspaceId, name: input.name } } });
    let secretName = existing?.secretName ?? null;
    if (typeof input.api_key === "string") secretName = await storeProviderKey(tx, workspaceId, input.name, input.api_key, actor);
    if (input.api_key === null && secretName !== null) {
      await deleteProviderKey(tx, workspaceId, secretName, actor);
      secretName = null;
    }
    const now = new Date();
    const provider = await tx.gatewayProvider.upsert({
      where: { workspaceId_name: { workspaceId, name: input.name } },
      create: { id: newId("gatewayProvider"), workspaceId, name: input.name, baseUrl, secretName, createdAt: now, updatedAt: now },
      update: { baseUrl, secretName, updatedAt: now },
    });
    await appendAuditEvent(tx, workspaceId, {
      actor,
      action: "gateway.provider_saved",
      tool: "gateway",
      details: { name: input.name, base_url: baseUrl, has_api_key: secretName !== null, api_key_changed: input.api_key !== undefined, created: !existing },
    });
    return provider;
  });
  clearResolvedModels();
  return view(saved);
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
