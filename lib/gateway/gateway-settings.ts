import { appendAuditEvent, type Actor } from "@/lib/audit/append-events";
import { prisma } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import type { GatewaySettingsInput } from "./schemas";

export async function getGatewaySettings(workspaceId: string) {
  const db = await prisma();
  const workspace = await db.workspace.findUnique({ where: { id: workspaceId }, select: { gatewayStoreBodies: true } });
  if (!workspace) throw notFound(`Workspace '${workspaceId}'`);
  return { store_bodies: workspace.gatewayStoreBodies };
}

/** store_bodies: whether calls keep their prompt and completion (vault values redacted). Audited when it changes. */
export async function setGatewaySettings(workspaceId: string, input: GatewaySettingsInput, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const before = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { gatewayStoreBodies: true } });
    if (!before) throw notFound(`Workspace '${workspaceId}'`);
    if (before.gatewayStoreBodies !== input.store_bodies) {
      await tx.workspace.update({ where: { id: workspaceId }, data: { gatewayStoreBodies: input.store_bodies } });
      await appendAuditEvent(tx, workspaceId, {
        actor,
        action: "gateway.settings_changed",
        tool: "gateway",
        details: { store_bodies: input.store_bodies, previous_store_bodies: before.gatewayStoreBodies },
      });
    }
    return { store_bodies: input.store_bodies };
  });
}
