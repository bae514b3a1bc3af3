import { prisma } from "@/lib/db/client";
import { readProviderKey } from "./provider-secret";

export type ResolvedModel = {
  model: string;
  upstreamModel: string;
  providerName: string;
  baseUrl: string;
  apiKey: string | null;
  inputMicrosPerMtok: bigint;
  outputMicrosPerMtok: bigint;
  maxOutputTokens: number;
};

// Every gateway call resolves its model; a few seconds of staleness after an admin's change in
// another process is acceptable, and changes in this process clear the cache at once.
const CACHE_TTL_MS = 5_000;
// Bounded: unknown model names are cached too (as null), and callers choose the names.
const CACHE_MAX_ENTRIES = 1_000;
const cache = new Map<string, { expiresAt: number; resolved: ResolvedModel | null }>();

export function clearResolvedModels(): void {
  cache.clear();
}

/** Where a model goes, its prices and the provider's decrypted key; null when the model has no row. */
export async function resolveModel(workspaceId: string, model: string): Promise<ResolvedModel | null> {
  const cacheKey = `${workspaceId}\0${model}`;
  const hit = cache.get(cacheKey);
  if (hit && hit.expiresAt > Date.now()) return hit.resolved;
  const resolved = await loadModel(workspaceId, model);
  if (cache.size >= CACHE_MAX_ENTRIES) cache.clear();
  cache.set(cacheKey, { expiresAt: Date.now() + CACHE_TTL_MS, resolved });
  return resolved;
}

async function loadModel(workspaceId: string, model: string): Promise<ResolvedModel | null> {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const row = await tx.gatewayModel.findUnique({ where: { workspaceId_model: { workspaceId, model } }, include: { provider: true } });
    if (!row) return null;
    return {
      model: row.model,
      upstreamModel: row.upstreamModel,
      providerName: row.provider.name,
      baseUrl: row.provider.baseUrl,
      apiKey: row.provider.secretName ? await readProviderKey(tx, workspaceId, row.provider.secretName) : null,
      inputMicrosPerMtok: row.inputMicrosPerMtok,
      outputMicrosPerMtok: row.outputMicrosPerMtok,
      maxOutputTokens: row.maxOutputTokens,
    };
  });
}
