// Secrets the app itself needs (next-auth's signing secret; later the vault master key).
// Read from the environment; on the embedded default only, generated once into the data
// directory (mode 0600) with a warning, so a first run needs no configuration.
import fs from "node:fs";
import path from "node:path";
import { config, ConfigError } from "@/lib/config";
import { randomToken } from "@/lib/ids";
import { logger } from "@/lib/logger";

type StoredSecrets = { nextAuthSecret: string };

let cached: StoredSecrets | undefined;

export function appSecrets(): StoredSecrets {
  if (cached) return cached;
  const cfg = config();
  if (cfg.NEXTAUTH_SECRET) return (cached = { nextAuthSecret: cfg.NEXTAUTH_SECRET });
  if (!cfg.isEmbedded) {
    throw new ConfigError("NEXTAUTH_SECRET must be set (32+ characters) when DATABASE_URL points at PostgreSQL");
  }
  const file = path.join(cfg.dataDir, "secrets.json");
  if (fs.existsSync(file)) return (cached = JSON.parse(fs.readFileSync(file, "utf8")) as StoredSecrets);
  const generated: StoredSecrets = { nextAuthSecret: randomToken(48) };
  fs.mkdirSync(cfg.dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600, flag: "wx" });
  logger.warn(`Generated app secrets into ${file}. Set NEXTAUTH_SECRET in production and keep this file private.`);
  return (cached = generated);
}
