import { prisma } from "@/lib/db/client";

/** The currency a workspace's budgets and prices are in (ISO 4217 code, e.g. USD). */
export async function workspaceCurrency(workspaceId: string): Promise<string> {
  const db = await prisma();
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { currency: true } });
  return workspace.currency;
}
