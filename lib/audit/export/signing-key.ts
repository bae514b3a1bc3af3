// The key that signs export manifests: WARDEN_EXPORT_SIGNING_KEY (an Ed25519 seed, 32 bytes,
// base64) when set. Without it, a server in production on PostgreSQL refuses to start (all
// instances must sign with one key, published to auditors); elsewhere the seed is generated
// once into <data dir>/export-signing.key (mode 0600) with a warning, like the vault's master key.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { config, ConfigError } from "@/lib/config";
import { logger } from "@/lib/logger";
import { keyFromSeed, type Ed25519Key } from "./ed25519";

export type SigningKey = Ed25519Key & { source: "env" | "file" };

const globalForExports = globalThis as unknown as { wardenExportSigningKey?: SigningKey };

export function exportSigningKey(): SigningKey {
  globalForExports.wardenExportSigningKey ??= loadSigningKey();
  return globalForExports.wardenExportSigningKey;
}

function loadSigningKey(): SigningKey {
  const cfg = config();
  if (cfg.WARDEN_EXPORT_SIGNING_KEY) return { ...keyFromSeed(Buffer.from(cfg.WARDEN_EXPORT_SIGNING_KEY, "base64")), source: "env" };
  if (!cfg.isEmbedded && cfg.NODE_ENV === "production") {
    throw new ConfigError("WARDEN_EXPORT_SIGNING_KEY must be set (an Ed25519 seed: 32 bytes, base64: openssl rand -base64 32) in production on PostgreSQL");
  }
  const file = path.join(cfg.dataDir, "export-signing.key");
  if (fs.existsSync(file)) {
    const seed = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
    if (seed.length !== 32) throw new ConfigError(`${file} does not hold a 32-byte base64 Ed25519 seed`);
    return { ...keyFromSeed(seed), source: "file" };
  }
  const seed = randomBytes(32);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${seed.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  const key = keyFromSeed(seed);
  logger.warn(
    `Generated the audit export signing key into ${file} (key id ${key.keyId}). Set WARDEN_EXPORT_SIGNING_KEY in production and publish its public key to auditors.`,
  );
  return { ...key, source: "file" };
}
