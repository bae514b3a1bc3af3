import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { parseWith } from "@/lib/http/validation";
import { fromMicros, toMicros } from "@/lib/money";
import { clearResolvedModels } from "./resolve-model";
import { PutModelSchema, type PutModelInput } from "./schemas";

type ModelRow = {
  model: string;
  upstreamModel: string;
  inputMicrosPerMtok: bigint;
  outputMicrosPerMtok: bigint;
  maxOutputTokens: number;
  updatedAt: Date;
  provider: { name: string };
};

/** Prices are money per million tokens in the workspace currency (stored as micros per Mtok). */
const view = (m: ModelRow) => ({
  model: m.model,
  provider: m.provider.name,
  upstream_model: m.upstreamModel,
  input_price: fromMicros(m.inputMicrosPerMtok)!,
  output_price: fromMicros(m.outputMicrosPerMtok)!,
  max_output_tokens: m.maxOutputTokens,
  updated_at: m.updatedAt.toISOString(),
});

/** Creates or replaces the price-table row of a model; 404 when the provider is unknown. */
export async function putModel(workspaceId: string, input: PutModelInput, actor: Actor) {
  const parsed = parseWith(PutModelSchema, input, "body");
  const db = await prisma();
  const saved = await db.$transaction(async (tx) => {
    // FOR SHARE: a concurrent deleteProvider (FOR UPDATE) either sees this model or runs first and leaves nothing to share.
    const [provider] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM gateway_providers WHERE workspace_id = ${workspaceId} AND name = ${parsed.provider} FOR SHARE`;
    if (!provider) throw notFound(`Provider '${parsed.provider}'`);
    const data = {
      providerId: provider.id,
      upstreamModel: parsed.upstream_model ?? parsed.model,
      inputMicrosPerMtok: toMicros(parsed.input_price),
      outputMicrosPerMtok: toMicros(parsed.output_price),
      maxOutputTokens: parsed.max_output_tokens,
      updatedAt: new Date(),
    };
    const row = await tx.gatewayModel.upsert({
      where: { workspaceId_model: { workspaceId, model: parsed.model } },
      create: { workspaceId, model: parsed.model, ...data },
      update: data,
      include: { provider: { select: { name: true } } },
    });
    const saved = view(row);
    const { updated_at: _updatedAt, ...details } = saved;
    await appendAuditEvent(tx, workspaceId, { actor, action: "gateway.model_saved", tool: "gateway", details });
    return saved;
  });
  clearResolvedModels();
  return saved;
}

export async function listModels(workspaceId: string) {
  const db = await prisma();
  const rows = await db.gatewayModel.findMany({ where: { workspaceId }, orderBy: { model: "asc" }, include: { provider: { select: { name: true } } } });
  return { count: rows.length, models: rows.map(view) };
}

export async function deleteModel(workspaceId: string, model: string, actor: Actor) {
  const db = await prisma();
  const deleted = await db.$transaction(async (tx) => {
    const row = await tx.gatewayModel.findUnique({ where: { workspaceId_model: { workspaceId, model } } });
    if (!row) throw notFound(`Model '${model}'`);
    await tx.gatewayModel.delete({ where: { workspaceId_model: { workspaceId, model } } });
    await appendAuditEvent(tx, workspaceId, { actor, action: "gateway.model_deleted", tool: "gateway", details: { model } });
    return { deleted: true as const, model };
  });
  clearResolvedModels();
  return deleted;
}
