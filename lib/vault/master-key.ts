// The vault's master key: WARDEN_MASTER_KEY (32 bytes, base64) when set. Without it, a server in
// production on PostgreSQL refuses to start; elsewhere (the embedded default, development) the
// key is generated once into <data dir>/master.key (mode 0600) with a warning. Rotation
// (rotate-master-key) replaces the key this process uses, and the file when the key came from it.
import fs from "node:fs";
import path from "node:path";
import { config, ConfigError } from "@/lib/config";
import { logger } from "@/lib/logger";
import { fingerprint, newDataKey } from "./envelope";

export type MasterKey = { key: Buffer; fingerprint: string; source: "env" | "file" };

const globalForVault = globalThis as unknown as { wardenMasterKey?: MasterKey };

const fileOf = () => path.join(config().dataDir, "master.key");

export function masterKey(): MasterKey {
  globalForVault.wardenMasterKey ??= loadMasterKey();
  return globalForVault.wardenMasterKey;
}

function loadMasterKey(): MasterKey {
  const cfg = config();
  if (cfg.WARDEN_MASTER_KEY) return describe(Buffer.from(cfg.WARDEN_MASTER_KEY, "base64"), "env");
  if (!cfg.isEmbedded && cfg.NODE_ENV === "production") {
    throw new ConfigError("WARDEN_MASTER_KEY must be set (32 bytes, base64: openssl rand -base64 32) in production on PostgreSQL");
  }
  const file = fileOf();
  if (fs.existsSync(file)) {
    const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
    if (key.length !== 32) throw new ConfigError(`${file} does not hold a 32-byte base64 master key`);
    return describe(key, "file");
  }
  const key = newDataKey();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  logger.warn(`Generated the vault master key into ${file}. Set WARDEN_MASTER_KEY in production and back this file up: without it no secret can be read.`);
  return describe(key, "file");
}

const describe = (key: Buffer, source: MasterKey["source"]): MasterKey => ({ key, fingerprint: fingerprint(key), source });

/** After a rotation: this process uses the new key; a key kept in the data directory is replaced. */
export function replaceMasterKey(key: Buffer): MasterKey {
  const current = masterKey();
  if (current.source === "file") {
    const file = fileOf();
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${key.toString("base64")}\n`, { mode: 0o600 });
    fs.renameSync(temporary, file);
  }
  globalForVault.wardenMasterKey = describe(key, current.source);
  return globalForVault.wardenMasterKey;
}
