// PostgreSQL only (this directory runs in the integration-postgres project): several
// instances starting together on one empty database.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/lib/db/client";
import { applyMigrations, type Migration } from "@/lib/db/migrate";
import { createEmptyPostgresDatabase } from "../../helpers/databases";

const MIGRATIONS_DIR = path.resolve("prisma", "migrations");
const migrationNames = fs
  .readdirSync(MIGRATIONS_DIR)
  .filter((name) => fs.existsSync(path.join(MIGRATIONS_DIR, name, "migration.sql")))
  .sort();

const custom = (name: string, sql: string): Migration => ({ name, sql, checksum: createHash("sha256").update(sql).digest("hex") });

const applyCustom = (db: Db, migrations: Migration[]) =>
  db.withRunner((runner) => applyMigrations(runner, { useAdvisoryLock: true, migrations }));

describe("migrations on PostgreSQL with several instances starting together", () => {
  it("applies each migration exactly once when three runners start on an empty database", async () => {
    const empty = await createEmptyPostgresDatabase();
    const runners = await Promise.all([0, 1, 2].map(() => openDatabase({ url: empty.url })));
    try {
      const results = await Promise.all(runners.map((db) => db.migrate()));
      expect(results.flatMap((r) => r.applied).sort()).toEqual(migrationNames);
      for (const result of results) expect(result.applied.length + result.alreadyApplied).toBe(migrationNames.length);
      const counts = await runners[0]!.withRunner((runner) =>
        runner.query<{ migration_name: string; n: number }>(
          `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name ORDER BY migration_name`,
        ),
      );
      expect(counts).toEqual(migrationNames.map((migration_name) => ({ migration_name, n: 1 })));
    } finally {
      await Promise.all(runners.map((db) => db.close()));
      await empty.drop();
    }
  });

  it("releases the advisory lock after a failing migration, so the next instance is not blocked", async () => {
    const empty = await createEmptyPostgresDatabase();
    const db = await openDatabase({ url: empty.url });
    const other = await openDatabase({ url: empty.url });
    try {
      await expect(applyCustom(db, [custom("0001_bad", "SELECT 1/0;")])).rejects.toThrow(/division by zero/);
      const isFree = await other.withRunner(async (runner) => {
        const [lock] = await runner.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(72707369) AS locked`);
        if (lock!.locked) await runner.query(`SELECT pg_advisory_unlock(72707369)`);
        return lock!.locked;
      });
      expect(isFree).toBe(true);
    } finally {
      await db.close();
      await other.close();
      await empty.drop();
    }
  });
});
