// Applies prisma/migrations/*/migration.sql in name order, each in its own transaction, and
// records them in Prisma's own _prisma_migrations table so `prisma migrate status` agrees.
// On PostgreSQL the runner holds Prisma's advisory lock, so instances starting together apply
// each migration exactly once.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SqlRunner } from "./sql-runner";

const PRISMA_ADVISORY_LOCK_KEY = 72707369;

export type Migration = { name: string; sql: string; checksum: string };
export type MigrationResult = { applied: string[]; alreadyApplied: number };

export function migrationsDir(): string {
  return path.join(process.cwd(), "prisma", "migrations");
}

export function readMigrations(dir = migrationsDir()): Migration[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(/*turbopackIgnore: true*/ path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type AppliedRow = { migration_name: string; checksum: string };

async function appliedMigrations(runner: Pick<SqlRunner, "query">): Promise<AppliedRow[]> {
  return runner.query<AppliedRow>(
    `SELECT migration_name, checksum FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
}

export async function pendingMigrations(runner: SqlRunner, migrations = readMigrations()): Promise<string[]> {
  const exists = await runner.query<{ present: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
  );
  if (!exists[0]?.present) return migrations.map((m) => m.name);
  const applied = new Set((await appliedMigrations(runner)).map((row) => row.migration_name));
  return migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
}

export async function applyMigrations(
  runner: SqlRunner,
  options: { useAdvisoryLock: boolean; migrations?: Migration[] },
): Promise<MigrationResult> {
  const migrations = options.migrations ?? readMigrations();
  if (options.useAdvisoryLock) await runner.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK_KEY})`);
  try {
    await runner.exec(CREATE_MIGRATIONS_TABLE);
    const applied = new Map((await appliedMigrations(runner)).map((row) => [row.migration_name, row.checksum]));
    const result: MigrationResult = { applied: [], alreadyApplied: 0 };
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was modified after it was applied (checksum mismatch)`);
        }
        result.alreadyApplied++;
        continue;
      }
      await runner.transaction(async (tx) => {
        const startedAt = new Date();
        await tx.exec(migration.sql);
        await tx.query(
          `INSERT INTO "_prisma_migrations"
             (id, checksum, started_at, finished_at, migration_name, logs, rolled_back_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), $4, NULL, NULL, 1)`,
          [randomUUID(), migration.checksum, startedAt.toISOString(), migration.name],
        );
      });
      result.applied.push(migration.name);
    }
    return result;
  } finally {
    if (options.useAdvisoryLock) await runner.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK_KEY})`);
  }
}
