// Delivers queued webhook events. Every server process runs this loop; a delivery is claimed
// with FOR UPDATE SKIP LOCKED and its next attempt pushed past the request timeout first, so no
// two processes send it at once. 2xx: delivered. Otherwise retried with exponential backoff
// (2, 4, 8 … s, at most 10 minutes apart) and marked failed after MAX_ATTEMPTS. The delivery log
// (an API response) says only "HTTP <status>", "target address not allowed" or "connection
// failed": never an address, a port or the kind of network error, so it cannot be used to scan
// the internal network; the details go to the server log.
import { config } from "@/lib/config";
import { prisma } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { workspaceDataKey } from "@/lib/vault/data-key";
import { openSecret } from "./manage-webhooks";
import { postWebhook } from "./post-webhook";
import { signatureHeader } from "./signature";
import { TargetNotAllowedError } from "./target-guard";

export const MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;
const backoffSeconds = (attempts: number) => Math.min(2 ** attempts, 600);

const publicError = (error: unknown) =>
  error instanceof TargetNotAllowedError ? "target address not allowed" : "connection failed";

type Claimed = { id: string; endpoint_id: string; workspace_id: string; event: string; payload: unknown; attempts: number; url: string; secret_box: Uint8Array };

export async function deliverDueWebhooks(limit = 20): Promise<number> {
  const db = await prisma();
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE webhook_deliveries d SET next_attempt_at = now() + make_interval(secs => ${TIMEOUT_MS / 1000 + 5})
    FROM webhook_endpoints e
    WHERE e.id = d.endpoint_id AND d.id IN (
      SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
      ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d.endpoint_id, d.workspace_id, d.event, d.payload, d.attempts, e.url, e.secret_box`;
  await Promise.all(claimed.map(deliverOne));
  return claimed.length;
}

async function deliverOne(delivery: Claimed): Promise<void> {
  const db = await prisma();
  const body = JSON.stringify(delivery.payload);
  let statusCode: number | null = null;
  let error: string | null = null;
  let isSending = false;
  try {
    const dataKey = await db.$transaction((tx) => workspaceDataKey(tx, delivery.workspace_id));
    const secret = openSecret(dataKey, delivery.workspace_id, delivery.endpoint_id, Buffer.from(delivery.secret_box));
    isSending = true;
    const response = await postWebhook({
      url: delivery.url,
      headers: {
        "content-type": "application/json",
        "user-agent": "Warden-Webhooks/1",
        "x-warden-event": delivery.event,
        "x-warden-delivery": delivery.id,
        "x-warden-signature": signatureHeader(secret, body),
      },
      body,
      timeoutMs: TIMEOUT_MS,
      guard: { allowPrivate: config().WARDEN_WEBHOOK_ALLOW_PRIVATE },
    });
    statusCode = response.status;
    if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`;
  } catch (e) {
    error = isSending ? publicError(e) : "signing secret unreadable";
    logger.warn("webhook delivery attempt failed", { delivery_id: delivery.id, error: e instanceof Error ? e.message : String(e) });
  }
  const attempts = delivery.attempts + 1;
  if (error === null) {
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { status: "delivered", attempts, lastStatusCode: statusCode, lastError: null, deliveredAt: new Date() } });
    return;
  }
  const failed = attempts >= MAX_ATTEMPTS;
  await db.webhookDelivery.update({
    where: { id: delivery.id },
    data: { status: failed ? "failed" : "pending", attempts, lastStatusCode: statusCode, lastError: error.slice(0, 500), nextAttemptAt: new Date(Date.now() + backoffSeconds(attempts) * 1000) },
  });
  if (failed) logger.warn("webhook delivery failed for good", { delivery_id: delivery.id, event: delivery.event, attempts });
}

const globalForWebhooks = globalThis as unknown as { wardenWebhookTimer?: NodeJS.Timeout };

/** Starts this process's delivery loop (once); it never keeps the process alive. */
export function startWebhookDelivery(intervalMs = 1000): void {
  if (globalForWebhooks.wardenWebhookTimer) return;
  let running = false;
  globalForWebhooks.wardenWebhookTimer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueWebhooks()
      .catch((error: unknown) => logger.error("webhook delivery loop", { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => (running = false));
  }, intervalMs);
  globalForWebhooks.wardenWebhookTimer.unref();
}
