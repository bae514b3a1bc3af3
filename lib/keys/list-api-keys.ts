import { prisma } from "@/lib/db/client";
import { toApiKeyView, type ApiKeyView } from "./schemas";

export async function listApiKeys(workspaceId: string, options: { includeRevoked?: boolean } = {}): Promise<ApiKeyView[]> {
  const db = await prisma();
  const keys = await db.apiKey.findMany({
    where: { workspaceId, ...(options.includeRevoked ? {} : { revokedAt: null }) },
    orderBy: { createdAt: "desc" },
  });
  return keys.map(toApiKeyView);
}
