// Webhook endpoints: the signing secret is shown once at creation and kept sealed with the
// workspace's vault data key; every change is audited. enqueueEvent writes the outbox rows in
// the caller's transaction, so an event is delivered if and only if its change committed.
import { appendAuditEvent, type Actor, type Tx } from "@/lib/audit/append-events";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db/client";
import { invalid, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId, randomToken } from "@/lib/ids";
import { workspaceDataKey } from "@/lib/vault/data-key";
import { open, seal } from "@/lib/vault/envelope";
import type { CreateWebhookInput, WebhookEvent } from "./schemas";
import { checkWebhookTarget, TargetNotAllowedError } from "./target-guard";

const aad = (workspaceId: string, id: string) => Buffer.from(`warden/webhook-secret/v1\0${workspaceId}\0${id}`, "utf8");

export function sealSecret(dataKey: Buffer, workspaceId: string, id: string, secret: string): Buffer {
  const { nonce, ciphertext, tag } = seal(dataKey, Buffer.from(secret, "utf8"), aad(workspaceId, id));
  return Buffer.concat([nonce, ciphertext, tag]);
}

export function openSecret(dataKey: Buffer, workspaceId: string, id: string, box: Buffer): string {
  const sealed = { nonce: box.subarray(0, 12), ciphertext: box.subarray(12, box.length - 16), tag: box.subarray(box.length - 16) };
  return open(dataKey, sealed, aad(workspaceId, id)).toString("utf8");
}

const view = (w: { id: string; url: string; events: string[]; createdAt: Date; disabledAt: Date | null }) => ({
  webhook_id: w.id,
  url: w.url,
  events: w.events,
  created_at: w.createdAt.toISOString(),
  disabled_at: w.disabledAt?.toISOString() ?? null,
});

/** 400 on `url` unless the target passes the SSRF guard (checked again at every delivery). */
async function assertTargetAllowed(url: string): Promise<void> {
  try {
    await checkWebhookTarget(url, { allowPrivate: config().WARDEN_WEBHOOK_ALLOW_PRIVATE });
  } catch (error) {
    if (error instanceof TargetNotAllowedError) throw invalid("url", error.reason);
    throw error;
  }
}

export async function createWebhook(workspaceId: string, input: CreateWebhookInput, actor: Actor) {
  await assertTargetAllowed(input.url);
  const id = newId("webhook");
  const secret = `whsec_${randomToken(32)}`;
  const db = await prisma();
  const created = await db.$transaction(async (tx) => {
    const box = sealSecret(await workspaceDataKey(tx, workspaceId), workspaceId, id, secret);
    await tx.$executeRaw`INSERT INTO webhook_endpoints (id, workspace_id, url, events, secret_box) VALUES (${id}, ${workspaceId}, ${input.url}, ${input.events}, ${box})`;
    await appendAuditEvent(tx, workspaceId, { actor, action: "webhook.created", tool: "webhooks", details: { webhook_id: id, url: input.url, events: input.events } });
    return tx.webhookEndpoint.findUniqueOrThrow({ where: { id } });
  });
  return { ...view(created), secret };
}

export async function listWebhooks(workspaceId: string) {
  const db = await prisma();
  const rows = await db.webhookEndpoint.findMany({ where: { workspaceId, disabledAt: null }, orderBy: { createdAt: "asc" } });
  return { count: rows.length, webhooks: rows.map(view) };
}

export async function deleteWebhook(workspaceId: string, id: string, actor: Actor) {
  const db = await prisma();
  return db.$transaction(async (tx) => {
    const hook = await tx.webhookEndpoint.findFirst({ where: { id, workspaceId, disabledAt: null } });
    if (!hook) throw notFound(`Webhook '${id}'`);
    await tx.webhookEndpoint.update({ where: { id }, data: { disabledAt: new Date() } });
    await tx.webhookDelivery.updateMany({ where: { endpointId: id, status: "pending" }, data: { status: "failed", lastError: "endpoint deleted" } });
    await appendAuditEvent(tx, workspaceId, { actor, action: "webhook.deleted", tool: "webhooks", details: { webhook_id: id, url: hook.url } });
    return { deleted: true as const, webhook_id: id };
  });
}

export async function listDeliveries(workspaceId: string, id: string) {
  const db = await prisma();
  const hook = await db.webhookEndpoint.findFirst({ where: { id, workspaceId } });
  if (!hook) throw notFound(`Webhook '${id}'`);
  const rows = await db.webhookDelivery.findMany({ where: { endpointId: id }, orderBy: { createdAt: "desc" }, take: 200 });
  return {
    webhook_id: id,
    count: rows.length,
    deliveries: rows.map((d) => ({
      delivery_id: d.id,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      last_status_code: d.lastStatusCode,
      last_error: d.lastError,
      next_attempt_at: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
      created_at: d.createdAt.toISOString(),
      delivered_at: d.deliveredAt?.toISOString() ?? null,
    })),
  };
}

/** Queues an event for every live endpoint subscribed to it, inside the caller's transaction. */
export async function enqueueEvent(tx: Tx, workspaceId: string, event: WebhookEvent, data: Prisma.InputJsonObject) {
  const hooks = await tx.webhookEndpoint.findMany({ where: { workspaceId, disabledAt: null, events: { has: event } }, select: { id: true } });
  for (const hook of hooks) {
    const id = newId("delivery");
    await tx.webhookDelivery.create({
      data: { id, endpointId: hook.id, workspaceId, event, payload: { id, event, workspace_id: workspaceId, created_at: new Date().toISOString(), data } },
    });
  }
}
