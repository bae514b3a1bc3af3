// Every setting Warden reads from the environment, validated once with zod.
// The README's configuration table mirrors this file.
import path from "node:path";
import { z } from "zod";

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value));

/** 32 bytes as standard base64 (`openssl rand -base64 32`). */
export const masterKeyText = z
  .string()
  .trim()
  .refine((text) => /^[A-Za-z0-9+/]+={0,2}$/.test(text) && Buffer.from(text, "base64").length === 32, "must be 32 bytes in base64 (openssl rand -base64 32)");

/** "true"/"1" or "false"/"0"; unset or empty is false. */
const flag = optionalString.pipe(
  z
    .enum(["true", "false", "1", "0"], { error: 'must be "true" or "false"' })
    .optional()
    .transform((value) => value === "true" || value === "1"),
);

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // postgres:// or postgresql:// selects a PostgreSQL server; unset selects embedded PGlite.
  DATABASE_URL: optionalString.refine(
    (url) => url === undefined || /^postgres(ql)?:\/\//.test(url),
    "must be a postgres:// or postgresql:// URL (leave unset for the embedded database)",
  ),
  WARDEN_DATA_DIR: optionalString.transform((dir) => dir ?? "./data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  WARDEN_ADMIN_EMAIL: optionalString.pipe(z.email().optional()),
  WARDEN_ADMIN_PASSWORD: optionalString.pipe(z.string().min(8).optional()),
  NEXTAUTH_SECRET: optionalString.pipe(z.string().min(32).optional()),
  NEXTAUTH_URL: optionalString.pipe(z.url().optional()),
  WARDEN_OIDC_ISSUER: optionalString.pipe(z.url().optional()),
  WARDEN_OIDC_CLIENT_ID: optionalString,
  WARDEN_OIDC_CLIENT_SECRET: optionalString,
  WARDEN_OIDC_NAME: z.string().default("SSO"),
  WARDEN_DB_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(10),
  // SIGTERM/SIGINT: seconds to let in-flight requests finish before their connections are cut.
  WARDEN_SHUTDOWN_TIMEOUT: z.coerce.number().int().min(0).max(3600).default(20),
  // The vault's master key: 32 random bytes, base64. Required in production on PostgreSQL.
  WARDEN_MASTER_KEY: optionalString.pipe(masterKeyText.optional()),
  // Only for `rotate-master-key`: the key to rotate to (generated when unset).
  WARDEN_NEW_MASTER_KEY: optionalString.pipe(masterKeyText.optional()),
  // Signs audit export manifests: an Ed25519 private key as base64 of its 32-byte seed.
  // Required in production on PostgreSQL (every instance must sign with the same key).
  WARDEN_EXPORT_SIGNING_KEY: optionalString.pipe(masterKeyText.optional()),
  // Bearer token Prometheus sends to GET /api/metrics; unset: the endpoint answers 404.
  WARDEN_METRICS_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters (openssl rand -hex 32)").optional()),
  // Lets webhooks target loopback, private, link-local and reserved addresses (on-premise
  // receivers). Off: such targets are refused at creation and again at every delivery.
  WARDEN_WEBHOOK_ALLOW_PRIVATE: flag,
  // Lets gateway providers point at loopback, private, link-local and reserved addresses (a
  // model server on the same host or network). Checked when a provider is saved.
  WARDEN_GATEWAY_ALLOW_PRIVATE: flag,
  WARDEN_LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Config = z.infer<typeof EnvSchema> & {
  isEmbedded: boolean;
  dataDir: string;
  pgliteDir: string;
  oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | null;
};

export class ConfigError extends Error {}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const values = parsed.data;
  const oidcParts = [values.WARDEN_OIDC_ISSUER, values.WARDEN_OIDC_CLIENT_ID, values.WARDEN_OIDC_CLIENT_SECRET];
  const oidcCount = oidcParts.filter(Boolean).length;
  if (oidcCount > 0 && oidcCount < 3) {
    throw new ConfigError(
      "Invalid configuration:\n  WARDEN_OIDC_ISSUER, WARDEN_OIDC_CLIENT_ID and WARDEN_OIDC_CLIENT_SECRET must be set together",
    );
  }
  const dataDir = path.resolve(values.WARDEN_DATA_DIR);
  return {
    ...values,
    isEmbedded: values.DATABASE_URL === undefined,
    dataDir,
    pgliteDir: path.join(dataDir, "pglite"),
    oidc:
      oidcCount === 3
        ? {
            issuer: values.WARDEN_OIDC_ISSUER!,
            clientId: values.WARDEN_OIDC_CLIENT_ID!,
            clientSecret: values.WARDEN_OIDC_CLIENT_SECRET!,
            name: values.WARDEN_OIDC_NAME,
          }
        : null,
  };
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
