// Runs once when the Next server starts (instrumentation.ts): validate configuration, open and
// migrate the database, make sure app secrets, the vault's master key and the audit export
// signing key exist, seed an empty database, and publish the CLI handle on the embedded default.
// SIGTERM/SIGINT then shut the server down gracefully (graceful-shutdown.ts).
import { exportSigningKey } from "@/lib/audit/export/signing-key";
import { config } from "@/lib/config";
import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { masterKey } from "@/lib/vault/master-key";
import { startWebhookDelivery } from "@/lib/webhooks/deliver-webhooks";
import { appSecrets } from "./app-secrets";
import { ensureFirstRun } from "./ensure-first-run";
import { installGracefulShutdown } from "./graceful-shutdown";
import { setCurrentServerHandle, writeServerHandle } from "./server-handle";

export async function startServer(): Promise<void> {
  const cfg = config();
  installGracefulShutdown(cfg.WARDEN_SHUTDOWN_TIMEOUT);
  appSecrets();
  masterKey();
  exportSigningKey();
  const db = await getDb();
  await ensureFirstRun();
  setCurrentServerHandle(writeServerHandle(cfg.dataDir, `http://127.0.0.1:${cfg.PORT}`));
  startWebhookDelivery();
  logger.info("warden ready", { database: db.kind, port: cfg.PORT });
}

/** A server that cannot start must not serve: print why and exit. */
export async function startServerOrExit(): Promise<void> {
  try {
    await startServer();
  } catch (error) {
    process.stderr.write(`\nWarden could not start: ${error instanceof Error ? error.message : String(error)}\n\n`);
    process.exit(1);
  }
}
