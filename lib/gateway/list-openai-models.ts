// GET /api/gateway/v1/models: the models the key's workspace may call, in OpenAI's list shape
// (prices stay on the admin view, GET /api/v1/gateway/models).
import { prisma } from "@/lib/db/client";

export async function listOpenAiModels(workspaceId: string) {
  const db = await prisma();
  const rows = await db.gatewayModel.findMany({ where: { workspaceId }, select: { model: true, updatedAt: true, provider: { select: { name: true } } }, orderBy: { model: "asc" } });
  return {
    object: "list" as const,
    data: rows.map((row) => ({ id: row.model, object: "model" as const, created: Math.floor(row.updatedAt.getTime() / 1000), owned_by: row.provider.name })),
  };
}
